"""PDF: pages with a text layer are read from it, with positions and type sizes (pdfplumber);
pages that are only an image (a scan) are read by OCR. Tables drawn with rules are read as tables,
one line per row. The layout module then sets aside running headers, page numbers and footnotes.

pdfplumber over pypdfium2: pypdfium2 reads every character with its box and size 5-16 times
faster (benchmarks/readers.py, three runs: 9-36 ms a page against 120-170), but gives no more than that;
pdfplumber also groups characters into lines and finds ruled tables from the page's rules, which
we would otherwise write ourselves. Its ~0.15-0.17 s a page (a 52-page report in 8-9 s, with
layout and tables) is under a hundredth of what one scanned page costs in OCR.
"""
from __future__ import annotations

import io
from collections import Counter

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException

from dbreport.readers.base import PageProgress, Reading, Unreadable
from dbreport.readers.layout import PageLine, lay_out
from dbreport.readers.rows import row_line


#: Gaps between letters, in ems: wider than a word space's least, and than any justified word space.
WORD_GAP = 0.12
COLUMN_GAP = 0.9


def read_pdf(raw: bytes, on_page: PageProgress) -> Reading:
    try:
        pdf = pdfplumber.open(io.BytesIO(raw))
    except PdfminerException as exc:
        raise Unreadable(open_failure(exc)) from None
    with pdf:
        if not pdf.pages:
            raise Unreadable("a PDF with no pages")
        scanned = [k for k, page in enumerate(pdf.pages) if not page.chars and page.images]
        if not scanned and not any(page.chars for page in pdf.pages):
            raise Unreadable("a PDF with empty pages: neither text nor a scanned image")
        pages = [[] if k in scanned else text_layer_lines(page) for k, page in enumerate(pdf.pages)]
    if scanned:
        from dbreport.readers.ocr import ocr_pages
        for k, lines in zip(scanned, ocr_pages(raw, scanned, on_page)):
            pages[k] = lines
    return lay_out(pages, "ocr" if len(scanned) == len(pages) else "pdf")


def open_failure(exc: PdfminerException) -> str:
    cause = exc.args[0] if exc.args else exc
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name:
        return "an encrypted PDF: it needs a password to open (ask for an unprotected copy)"
    return f"a damaged PDF ({name}: {str(cause)[:80]})"


def text_layer_lines(page) -> list[PageLine]:
    """A page's lines from its text layer, top to bottom; a ruled table's rows in their place."""
    try:
        tables = page.find_tables()
    except ValueError:  # a table finder choking on odd rules: read the page as lines
        tables = []
    boxes = [t.bbox for t in tables]
    outside = page.filter(lambda obj: not any(within(obj, box) for box in boxes)) if boxes else page
    lines = [PageLine(line_text(tl["chars"]), tl["top"], tl["bottom"], type_size(tl["chars"]))
             for tl in outside.extract_text_lines(return_chars=True, strip=True) if tl["text"].strip()]
    for table in tables:
        for r, (row, cells) in enumerate(zip(table.rows, table.extract()), 1):
            text, spans = row_line([" ".join((c or "").split()) for c in cells if c is not None])
            if text.strip():
                lines.append(PageLine(text, row.bbox[1], row.bbox[3], 0.0, r, spans))
    return sorted(lines, key=lambda line: line.top)


def within(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    mid_x, mid_y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return x0 <= mid_x <= x1 and top <= mid_y <= bottom


def line_text(chars: list[dict]) -> str:
    """The line's letters with a space where the words part, and two where the gap is as wide
    as a column's (the `  ` a flattened table leaves for an empty cell)."""
    text, previous = "", None
    for c in chars:
        if not c["text"].strip():
            continue
        if previous is not None:
            gap = c["x0"] - previous["x1"]
            text += "  " if gap > COLUMN_GAP * c["size"] else " " if gap > WORD_GAP * c["size"] else ""
        text += c["text"]
        previous = c
    return text


def type_size(chars: list[dict]) -> float:
    """The size most of a line's letters are set in (a superscript marker does not change it)."""
    sizes = Counter(round(c["size"], 1) for c in chars if c["text"].strip())
    return sizes.most_common(1)[0][0] if sizes else 0.0
