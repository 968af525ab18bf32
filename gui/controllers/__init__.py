"""Work behind the main window that is not a widget: importing files and suggesting themes,
in the background through gui/ops.py; each gets the library and the session it serves."""
