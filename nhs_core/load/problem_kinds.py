"""The catalogue of problem kinds: one record per kind of problem an upload can have.

Each record has a stable code (``count.negative``), a level (errors block an import, warnings inform, notes
explain) and the plain-English templates a user reads. Templates name their details as ``{placeholders}``,
filled from a problem's fields (``str.format``, so ``{count:,}`` formats a number). Messages follow the file
name: "counts.csv: has negative counts." Codes never change once published; wording may.

To add a kind: add its record here, create it where the rule finds it with ``problems.problem(code, file,
**fields)``, and give ``tests/test_problems.py`` an input that produces it (a test fails until you do).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cached_property

ERROR = "error"
WARNING = "warning"
INFO = "info"
LEVELS = (ERROR, WARNING, INFO)
PARTS = ("message", "expected", "found", "hint")

_DATE_FORMS = "dates like 2024-01, JAN2024, 01JAN2024, 01-Jan-24, 2024-01-31 or Excel dates"
_FILE_TYPES = "a CSV, Excel (.xlsx) or ZIP file"


@dataclass(frozen=True)
class ProblemKind:
    """One kind of problem: its code, level and templates (``expected``, ``found`` and ``hint`` are optional)."""

    code: str
    level: str
    message: str
    expected: str | None = None
    found: str | None = None
    hint: str | None = None

    @cached_property
    def placeholders(self) -> frozenset[str]:
        """The field names the templates use."""
        templates = [t for t in (getattr(self, part) for part in PARTS) if t]
        return frozenset(name for t in templates for _, name, _, _ in string.Formatter().parse(t) if name)

    def render(self, part: str, fields: dict) -> str | None:
        """One template filled from `fields`; None when it has no template or a field it names is None."""
        template = getattr(self, part)
        if template is None:
            return None
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
        if any(fields[name] is None for name in names):
            return None  # an optional detail this problem does not have, e.g. no "did you mean"
        return template.format(**fields)


KINDS = (
    # --- the file as a whole ---
    ProblemKind("file.unopenable", ERROR, "could not be opened ({reason})."),
    ProblemKind("file.too_large", ERROR, "is larger than this app accepts.", "at most {limit}", "{size}"),
    ProblemKind("file.empty", ERROR, "is empty.", f"{_FILE_TYPES} with data"),
    ProblemKind(
        "file.not_data",
        ERROR,
        "is not a data file: its content is {content}.",
        _FILE_TYPES,
        "{content}",
        "Check you picked the right file; renaming a file does not change what it is.",
    ),
    ProblemKind(
        "file.encrypted",
        ERROR,
        "is protected by a password (encrypted), so this app cannot read it.",
        "a workbook saved without a password",
        hint="Open it in Excel with its password, then save a copy without one (File, Info, Protect Workbook).",
    ),
    ProblemKind(
        "file.misnamed", WARNING, "is named like a {suffix} file but holds {holds} data; it was read as what it holds."
    ),
    # --- ZIP archives (an Excel workbook is a ZIP archive too) ---
    ProblemKind(
        "zip.damaged",
        ERROR,
        "is a damaged or incomplete {container} and cannot be opened.",
        hint="Download it again or save it again; the file may have been cut short.",
    ),
    ProblemKind("zip.too_many_members", ERROR, "holds too many files.", "at most {limit:,}", "{count:,} files"),
    ProblemKind(
        "zip.too_large",
        ERROR,
        "would expand to more than this app accepts (a possible ZIP bomb).",
        "at most {limit} unpacked",
        "{size}",
    ),
    ProblemKind(
        "zip.bomb",
        ERROR,
        'member "{member}" is compressed suspiciously well (a possible ZIP bomb), so the archive was not opened.',
        "a compression ratio under {limit:.0f}:1",
        "{ratio:,.0f}:1",
    ),
    ProblemKind(
        "zip.member_damaged",
        ERROR,
        "is damaged inside the archive, or packed with a compression method this app cannot read.",
        hint="Download the archive again, or unzip it and upload its CSV files.",
    ),
    ProblemKind(
        "zip.too_deep",
        ERROR,
        "is an archive inside archives more than {limit} levels deep, so it was not opened.",
        "at most {limit} levels of ZIP files (a ZIP inside a ZIP)",
        hint="Unzip the archives and upload the data files, or the innermost ZIP, instead.",
    ),
    ProblemKind(
        "zip.encrypted",
        ERROR,
        "is protected by a password, so this app cannot read it.",
        "a ZIP archive without a password",
        hint="Unzip it with its password and upload the files inside, or zip them again without one.",
    ),
    ProblemKind("zip.skipped_members", INFO, "also holds files that are not data tables; they were skipped: {names}"),
    ProblemKind("zip.no_data", ERROR, "holds no CSV or Excel data file.", "CSV or XLSX files inside the ZIP"),
    ProblemKind("zip.empty", ERROR, "is an empty archive.", "CSV or XLSX files inside the ZIP"),
    # --- Excel workbooks ---
    ProblemKind(
        "xlsx.damaged",
        ERROR,
        "is a damaged or incomplete Excel workbook and cannot be read.",
        hint="Open it in Excel and save it again, or download it again.",
    ),
    ProblemKind(
        "xlsx.too_many_cells",
        ERROR,
        'sheet "{sheet}" declares a used range of {span}, far larger than a data table, so it was not read.',
        "at most {limit:,} cells per sheet",
        "{cells:,} cells",
        "A stray cell far below or to the right of the data does this: in Excel press Ctrl+End to find it, "
        "delete the empty rows and columns before it, save and upload again (or save the sheet as CSV).",
    ),
    ProblemKind(
        "xlsx.too_demanding",
        ERROR,
        "could not be read safely: {reason}. Nothing was changed.",
        "a workbook that reads within {memory} of memory and {seconds:,} seconds",
        hint="Save the data sheet as CSV and upload that instead.",
    ),
    ProblemKind("xlsx.sheet_damaged", ERROR, 'sheet "{sheet}" is damaged and cannot be read.'),
    ProblemKind("xlsx.no_data", ERROR, "is an Excel workbook with no data in any sheet."),
    ProblemKind("xlsx.sheet_skipped", INFO, "is not a data table, so it was skipped (another sheet holds the data)."),
    # --- CSV text ---
    ProblemKind(
        "csv.line_too_long",
        ERROR,
        "has a line far too long for a data table; it may not be a CSV file.",
        "lines under {limit:,} characters",
        "line {line:,} with {length:,} characters",
    ),
    ProblemKind(
        "csv.delimiter",
        WARNING,
        "separates columns with {delimiter} instead of commas; it was read that way.",
        "comma-separated values",
        "{delimiter} in the header line",
    ),
    ProblemKind(
        "csv.encoding",
        WARNING,
        "is not UTF-8 text; it was read as {encoding} (Windows). Check that accented letters and symbols look right.",
    ),
    ProblemKind("csv.unreadable", ERROR, "could not be read as a table.", "a comma-separated file", "{reason}"),
    ProblemKind(
        "csv.wrong_width", ERROR, "has rows with the wrong number of values.", "{width} values per row, like the header"
    ),
    # --- tables and columns ---
    ProblemKind(
        "table.unrecognised",
        ERROR,
        "was not recognised as any table this app reads ({tables}).",
        "the columns of {closest}, the closest match; missing: {missing}",
        "columns {headers}",
        "{suggestions}",
    ),
    ProblemKind("table.no_rows", ERROR, "has a header row but no data rows.", "at least one row of data"),
    ProblemKind(
        "table.unsupported",
        ERROR,
        "was recognised as {what}, which this version of the app cannot import yet, so nothing was changed.",
    ),
    ProblemKind("table.skipped", INFO, "is {what}, which this version of the app does not use yet, so it was skipped."),
    ProblemKind(
        "column.duplicate",
        ERROR,
        "has two columns with the same meaning.",
        "each column once",
        '"{first}" and "{second}"',
    ),
    # --- counts ---
    ProblemKind("count.blank", ERROR, "has blank counts.", "a whole number in every row", "blank cells"),
    ProblemKind("count.not_number", ERROR, "has counts that are not numbers.", "whole numbers such as 120", "text"),
    ProblemKind("count.fraction", ERROR, "has fractional counts.", "whole numbers", "fractions"),
    ProblemKind("count.negative", ERROR, "has negative counts.", "zero or more", "negative numbers"),
    ProblemKind(
        "count.not_finite", ERROR, "has counts that are not finite numbers.", "whole numbers such as 120", "inf or NaN"
    ),
    ProblemKind(
        "count.too_large",
        ERROR,
        "has counts far larger than one row of appointments can hold.",
        "whole numbers from 0 to {limit:,}",
        "larger numbers",
    ),
    ProblemKind(
        "count.exponent",
        WARNING,
        "has counts written in exponent notation (such as 1E+3); they were read exactly as written, but a "
        "spreadsheet may already have rounded them (1.23E+11 keeps only three digits).",
        "whole numbers written out in full",
        "exponent notation",
        "Format the column as a whole number (Number, 0 decimal places) before saving.",
    ),
    # --- dates ---
    ProblemKind("date.blank", ERROR, "has blank dates.", _DATE_FORMS, '"{value}"'),
    ProblemKind("date.unparseable", ERROR, "has dates in a form this app does not read.", _DATE_FORMS, '"{value}"'),
    ProblemKind(
        "date.future",
        WARNING,
        "has dates in the future; they are kept, but check the file.",
        "{allowed} ({limit})",
        "dates up to {latest}",
    ),
    ProblemKind(
        "date.too_old",
        WARNING,
        "has dates long before this data was first published; they are kept, but check the file (a blank "
        "Excel date often shows as 1900).",
        "dates from {limit} on",
        "dates back to {earliest}",
    ),
    # --- vocabularies and geography ---
    ProblemKind(
        "vocabulary.new_value",
        WARNING,
        "has values that are not in the official list; they are kept as they are.",
        "{official}",
        "{values}",
    ),
    ProblemKind(
        "vocabulary.blank", WARNING, 'has blank cells; they are counted as "{counted_as}" so no appointment is lost.'
    ),
    ProblemKind(
        "vocabulary.respelled", INFO, "older or alternative spellings were read as the official ones: {pairs}."
    ),
    ProblemKind(
        "geography.unknown_code",
        WARNING,
        "has area codes this app does not know (new areas appear, e.g. the April 2026 ICBs); "
        "they are kept and shown by their code.",
        found="{codes}",
    ),
    # --- months and several files of one table ---
    ProblemKind(
        "months.gap",
        WARNING,
        "has gaps: some months between the first and last have no rows.",
        "every month from {first} to {last}",
        "no rows for {missing}",
    ),
    ProblemKind(
        "combine.replaced",
        INFO,
        "covers the same months and areas as {older}, so it replaces {replaced:,} of its rows ({first} to {last}): "
        "the later file wins.",
    ),
    ProblemKind("combine.replaced_whole", INFO, "replaces the {table} of {older} (the later {noun} wins)."),
    ProblemKind(
        "combine.monthly_from_daily",
        INFO,
        "came without the monthly regional files, so the monthly appointments were made from it by adding up each "
        "month.",
    ),
    ProblemKind(
        "notes.more",
        INFO,
        "has {files:,} files with a note like the one above ({kind}), such as {names}; only the first is shown.",
    ),
    # --- the last guard ---
    ProblemKind(
        "internal.error",
        ERROR,
        "could not be read because of an unexpected problem in this app ({error}). Nothing was changed; "
        "please report this file.",
    ),
)

CATALOGUE: dict[str, ProblemKind] = {kind.code: kind for kind in KINDS}
