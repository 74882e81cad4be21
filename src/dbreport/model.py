"""Plain data at the edges of the pipeline stages.

ingest -> Document, extract -> Observation, check -> Finding. Every later stage (store, compose,
render, deliver) reads only these types, so each stage can be tested on its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

#: Kinds an observation can have (DESIGN.md, "The observations export").
KINDS = ("actual", "estimate", "target", "yoy_change", "change", "plan_pct", "share", "rank", "ratio")


@dataclass(frozen=True)
class SourceRef:
    """Where a figure was read: the file name, the 1-based line of the ORIGINAL file, and the
    character span of the quote within that line (so a source page can highlight it)."""

    source: str
    line: int
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Origin:
    """Where one line of a Document stands in its file: the page (None for a file without pages),
    the 1-based line on that page (or in the file), and for a table row its 1-based row in its
    table and the character span of each column's text on the line (`cells[k]` is column k). `ocr` holds, for a line read by OCR,
    the (start, end, confidence 0-100) of each word Tesseract read."""

    page: int | None
    line: int
    table_row: int | None = None
    cells: tuple[tuple[int, int], ...] = ()
    ocr: tuple[tuple[int, int, int], ...] = ()


@dataclass
class Document:
    """One input document, NFC-normalised, with its original line numbering kept.

    `lines[n - 1]` is original line n (for a PDF, Word file or web page: the n-th line as read,
    and `origin(n)` tells its page and line on the page). `body_lines` are the line numbers of running text, i.e.
    without footnote bodies, page numbers, URLs and repeated table headers (ingest sets those
    aside in `set_aside`, keyed by line number, valued by the reason).
    """

    source: str
    path: Path
    lines: list[str]
    title: str
    kind: str  # "half_year_report" | "period_report" | "annual_report" | "congress_report" | "news"
    period: str  # the document's reporting period, e.g. "2024-H1", "2021/2025", "2026-01/2026-02"
    reference_date: date | None  # the date stock figures ("đến nay") are "as of"
    digest: str  # sha256 of the raw bytes: lets later stages tell "changed" from "unchanged"
    set_aside: dict[int, str] = field(default_factory=dict)
    footnotes: dict[int, int] = field(default_factory=dict)  # footnote number -> line of its body
    markers: dict[int, int] = field(default_factory=dict)  # footnote number -> line of its marker in the text
    issued: date | None = None
    doc_type: str = "report"  # what its heading says it is: a key of catalogue/doctypes.toml
    issuer: str | None = None
    territory: str | None = None  # the province it reports on, as its heading names it
    default_kind: str = "actual"  # "target" for a plan or a document whose title sets aims (docfacts.aims_for)
    #: One Origin per line, for files whose lines are not the file's own (PDF, Word, web page);
    #: empty for a text file, whose line n is its own line n.
    origins: list[Origin] = field(default_factory=list)
    format: str = "text"  # the reader that read it: text | markdown | html | docx | pdf | ocr

    def origin(self, n: int) -> Origin:
        """Where line n stands in the file."""
        return self.origins[n - 1] if self.origins else Origin(None, n)


@dataclass(frozen=True)
class Observation:
    """One figure. Field names and meanings are the public export contract in DESIGN.md;
    `qualifier`, `value_high`, `comparison` and `ref` are additions other tools may ignore."""

    source: str
    line: int
    quote: str
    value: Decimal
    unit: str
    period: str
    kind: str
    indicator: str | None
    label_vi: str
    label_en: str | None
    flags: tuple[str, ...] = ()
    qualifier: str | None = None  # "trên", "hơn", "khoảng", "gần", "dưới", "tối thiểu", "<", ">"
    value_high: Decimal | None = None  # upper end of a range "8.800 - 9.000"
    comparison: str | None = None  # what a change or share is against: "same_period", "plan", "2020", ...
    start: int = 0  # character span of `quote` in the original line
    end: int = 0
    indicator_basis: str = ""  # why the figure got its indicator, or none (`dbreport explain` prints it)
    page: int | None = None  # for a paged file (PDF): the page, and `page_line` the line on it
    page_line: int | None = None
    ocr_confidence: int | None = None  # for a figure read by OCR: Tesseract's lowest word confidence over its digits, 0-100

    @property
    def ref(self) -> SourceRef:
        return SourceRef(self.source, self.line, self.start, self.end)


@dataclass(frozen=True)
class Finding:
    """A data problem worth a reader's attention. Stored as data (a code and the figures), not
    as prose, so each brief can word it in its own language."""

    # "conflict" | "two_standards" | "share_of_target_off" | "parts_do_not_add_up" | "share_out_of_range" |
    # "suspicious_repair" | "ocr_unsure"
    code: str
    indicator: str | None
    period: str | None
    values: tuple[Decimal, ...]
    refs: tuple[SourceRef, ...]
    detail: str = ""  # a short, language-neutral note (e.g. the sum that was expected)
    kind: str | None = None  # the kind and unit of the values (a conflict of multiples is not one of levels)
    unit: str | None = None


@dataclass(frozen=True)
class BriefOutput:
    """One rendered brief in one language: what `build` writes into the manifest the mailer reads."""

    brief_id: str  # "2024-H1", "2021-2025", "meeting": also the file stem, build/<lang>/<brief_id>.<ext>
    kind: str  # "period" | "meeting"
    lang: str  # "vi" | "en"
    title: str
    files: tuple[Path, ...]  # the files written (html, pdf), absolute paths
    headlines: tuple[str, ...] = ()  # a few sentences in `lang` stating the headline figures
