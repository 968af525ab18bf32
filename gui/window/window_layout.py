"""Where everything sits in the main window (layout only; behaviour lives in MainWindow):
library and search tabs over the theme panel on the left, the paragraph tree over the notes in
the middle, the PDF on the right. Each panel gets what it needs in its constructor."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget

from clausemark.gui.panels.library_panel import LibraryPanel
from clausemark.gui.panels.note_panel import NotePanel
from clausemark.gui.panels.paragraph_panel import ParagraphPanel
from clausemark.gui.panels.search_panel import SearchPanel
from clausemark.gui.panels.theme_panel import ThemePanel
from clausemark.gui.pdf.pdf_view import PdfView


def build(window, library, session) -> None:
    """Create the panels and splitters as attributes of `window` and make them its centre."""
    window.library_panel = LibraryPanel(library, session)
    window.search_panel = SearchPanel(library)
    window.left_tabs = QTabWidget(objectName="leftTabs")
    window.left_tabs.addTab(window.library_panel, "Library")
    window.left_tabs.addTab(window.search_panel, "Search")
    window.theme_panel_box = ThemePanel(library, session)

    window.left_splitter = QSplitter(Qt.Orientation.Vertical, objectName="leftSplitter")
    window.left_splitter.addWidget(window.left_tabs)
    window.left_splitter.addWidget(window.theme_panel_box)
    window.left_splitter.setSizes([640, 260])

    window.paragraphs = ParagraphPanel(session)
    window.note_panel = NotePanel(session)
    window.middle_splitter = QSplitter(Qt.Orientation.Vertical, objectName="middleSplitter")
    window.middle_splitter.addWidget(window.paragraphs)
    window.middle_splitter.addWidget(window.note_panel)
    window.middle_splitter.setSizes([760, 160])

    window.pdf_view = PdfView()
    window.pdf_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    window.main_splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
    window.main_splitter.addWidget(window.left_splitter)
    window.main_splitter.addWidget(window.middle_splitter)
    window.main_splitter.addWidget(window.pdf_view)
    window.main_splitter.setStretchFactor(2, 1)
    window.main_splitter.setCollapsible(2, False)  # the PDF is the one pane always there
    window.setCentralWidget(window.main_splitter)
    window.statusBar()

    # Short names for the widgets users and tests reach by objectName.
    window.library_view = window.library_panel.view
    window.library_model = window.library_panel.model
    window.theme_panel = window.theme_panel_box.view
    window.theme_model = window.theme_panel_box.model
    window.paragraph_tree = window.paragraphs.tree
    window.paragraph_model = window.paragraphs.model
    window.tree_filter = window.paragraphs.tree_filter
    window.filter_combo = window.paragraphs.filter_combo
