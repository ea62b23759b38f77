"""Spreadsheet exports that a spreadsheet cannot run.

Excel, LibreOffice and Google Sheets read a cell whose text starts with = + - @ (or a tab or a
carriage return before one of them) as a formula, so a story titled `=HYPERLINK(...)` would run
on the computer of whoever opens an export. Following OWASP's advice on CSV injection, such text
gets a leading apostrophe, which spreadsheets read as "this is text". Numbers, dates and other
text are left exactly as they are.

The site's own CSVs call `safe_cell` on each cell. Wagtail's exports (reports, snippet and model
listings, form submissions) all write through `SpreadsheetExportMixin`, which has no setting for
this (Wagtail leaves it to the spreadsheet: see "CSV export security considerations" in its
security docs), so `protect_wagtail_exports` wraps that mixin once at start-up.
"""

import functools

from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value for a spreadsheet cell: text that could run as a formula starts with `'`."""
    if isinstance(value, Promise):  # lazily translated text
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def protect_wagtail_exports():
    """Make every CSV and XLSX export of the Wagtail admin pass its cells through `safe_cell`.

    Wagtail's per-view preprocessing (`custom_field_preprocess`, `custom_value_preprocess`) is
    set by each report view in its own `__init__` and picks one function per cell, so it cannot
    add a step for every view and field; its built-in report views cannot be swapped either.
    Its two public methods that every exported value and heading go through can: both formats
    write each value as `preprocess_field_value(...)` and each column title as `get_heading(...)`.
    For XLSX, Wagtail already types a cell that openpyxl takes for a formula as text (but not the
    headings); the apostrophe is added there too so that the file stays safe when it is saved
    again as CSV or a cell is edited.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    preprocess = SpreadsheetExportMixin.preprocess_field_value
    if getattr(preprocess, "makes_cells_safe", False):
        return
    heading = SpreadsheetExportMixin.get_heading

    @functools.wraps(preprocess)
    def safe_preprocess_field_value(self, field, value, export_format):
        return safe_cell(preprocess(self, field, value, export_format))

    @functools.wraps(heading)
    def safe_get_heading(self, queryset, field):
        return safe_cell(heading(self, queryset, field))

    safe_preprocess_field_value.makes_cells_safe = True
    SpreadsheetExportMixin.preprocess_field_value = safe_preprocess_field_value
    SpreadsheetExportMixin.get_heading = safe_get_heading
