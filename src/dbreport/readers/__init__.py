"""readers: one input file -> Reading, the same shape whatever the format.

A report arrives as a PDF (with a text layer, or scanned), a Word file, a web page, Markdown or
plain text in whatever encoding the office saved it in. Each reader turns its format into lines
with their origin (page, line on the page, table cell); ingest then works out what the document is
from those lines alone, so extraction, checks and briefs never know the format. A file no reader
can take (an image, an archive, a spreadsheet, an encrypted or empty PDF) raises Unreadable with
the reason in a few words.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

from dbreport.readers.base import PageProgress, Reading, Unreadable
from dbreport.readers.sniff import file_format

__all__ = ["PageProgress", "Reading", "Unreadable", "file_format", "read_file"]


def read_file(path: Path, raw: bytes, on_page: PageProgress | None = None) -> Reading:
    """The file's lines, NFC-normalised (WeasyPrint, PDF text layers and OCR keep whatever form
    they are given, and `tăng` must compare equal however it was typed), with their origins."""
    fmt = file_format(path, raw)
    reading = reader_for(fmt)(raw, on_page or (lambda _done, _total: None))
    reading.lines = [unicodedata.normalize("NFC", line).replace("\u00a0", " ") for line in reading.lines]
    if not any(line.strip() for line in reading.lines):
        raise Unreadable("the file is empty" if fmt in ("text", "markdown") else f"no text in the {fmt_name(fmt)}")
    return reading


def reader_for(fmt: str):
    """The function that reads `fmt`; imported on use, so reading text does not load pdfplumber."""
    if fmt == "text":
        from dbreport.readers.text import read_text as reader
    elif fmt == "markdown":
        from dbreport.readers.markdown import read_markdown as reader
    elif fmt == "html":
        from dbreport.readers.html import read_html as reader
    elif fmt == "docx":
        from dbreport.readers.docx import read_docx as reader
    else:
        from dbreport.readers.pdf import read_pdf as reader
    return reader


def fmt_name(fmt: str) -> str:
    return {"html": "web page", "docx": "Word file", "pdf": "PDF"}.get(fmt, fmt)
