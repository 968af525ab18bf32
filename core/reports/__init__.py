"""Theme reports: which tags a report covers (`select`), the numbers (`figures`), CSV tables and
matrices, the Excel workbook, the Word brief.
May import clausemark.core.compare (what changed since an earlier version), .library and .parse."""

from clausemark.core.public_names import public_names

# Public name -> the module that defines it ("module:attribute" when the public name differs).
__getattr__, __dir__, __all__ = public_names(__name__, {
    "Selection": "select", "ReportData": "select", "ReportRow": "select", "preview_text": "select",
    "counted": "select", "included": "select", "date_bound": "select",
    "make_report": "make", "preview_report": "make", "ReportResult": "make",
    "write_csv": "csv_report", "MATRICES": "csv_report",
    "write_docx": "docx_report", "write_xlsx": "xlsx_report",
    "write_compare_brief": "compare_brief",
    "Figures": "figures",
})
