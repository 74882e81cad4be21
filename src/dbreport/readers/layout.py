"""What a page's layout tells about its lines, for PDFs read from their text layer or by OCR.

A report's page has running text in its body type, and around it lines that are not running
text: a running header repeated at the top of the pages, the page number at the top or foot,
and footnote bodies set in smaller type at the foot. Each reader measures its lines (position on
the page, type size); this module tells those lines apart from the same measures whatever the
reader, and numbers the footnotes the way ingest does for text files.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from dbreport.model import Origin
from dbreport.readers.base import Reading

FOOTNOTE_START = re.compile(r"^(\d{1,3})(?![\d.,/%-])\s*(?=[(\"“\w])")
PAGE_NUMBER = re.compile(r"^[\s\-–—(]*(?:trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?[\s\-–—)]*$", re.I)
#: A line set in type at most this fraction of the body type is small print (footnote type is
#: 9-10 pt under 12-14 pt body text; a superscript marker inside a body line does not count).
SMALL = 0.9
#: Lines at a page's top or foot examined for a running header or footer.
EDGE = 2


@dataclass
class PageLine:
    """One line as a reader measured it; `top` and `bottom` in points from the page's top."""

    text: str
    top: float
    bottom: float
    size: float  # type size in points (for OCR, the median height of the line's words)
    table_row: int | None = None
    cells: tuple[tuple[int, int], ...] = ()
    ocr: tuple[tuple[int, int, int], ...] = ()


def lay_out(pages: list[list[PageLine]], fmt: str) -> Reading:
    """The document's lines, page after page, with their origins, what the layout sets aside,
    and footnote number -> line of its body."""
    body = body_size(pages)
    repeated = repeated_edges(pages)
    lines: list[str] = []
    origins: list[Origin] = []
    set_aside: dict[int, str] = {}
    footnotes: dict[int, int] = {}
    note = 0
    for p, page in enumerate(pages, 1):
        for k, (line, role) in enumerate(zip(page, page_roles(page, body, repeated)), 1):
            lines.append(line.text)
            n = len(lines)
            origins.append(Origin(p, k, line.table_row, line.cells, line.ocr))
            if role == "footnote":
                m = FOOTNOTE_START.match(line.text)
                if m and note < int(m.group(1)) <= note + 4:
                    note = int(m.group(1))
                    footnotes[note] = n
                set_aside[n] = f"footnote {note}"
            elif role:
                set_aside[n] = role
    return Reading(lines, fmt, origins, set_aside, footnotes)


def body_size(pages: list[list[PageLine]]) -> float:
    """The type size most of the text is set in (weighted by characters)."""
    sizes = Counter()
    for page in pages:
        for line in page:
            if line.table_row is None:
                sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def edge_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def repeated_edges(pages: list[list[PageLine]]) -> set[str]:
    """Texts (digits aside) found among the first or last lines of at least half the pages,
    and of two pages at least: running headers and footers."""
    if len(pages) < 2:
        return set()
    counts = Counter()
    for page in pages:
        counts.update({edge_key(line.text) for line in page[:EDGE] + page[-EDGE:]})
    return {key for key, count in counts.items() if count >= max(2, len(pages) / 2)}


def page_roles(page: list[PageLine], body: float, repeated: set[str]) -> list[str | None]:
    """For each line of a page: None for running text, or why it is set aside."""
    roles: list[str | None] = [None] * len(page)
    first, last = 0, len(page) - 1
    while first <= last and edge_role(page[first], repeated):
        roles[first] = edge_role(page[first], repeated)
        first += 1
    while last >= first and edge_role(page[last], repeated):
        roles[last] = edge_role(page[last], repeated)
        last -= 1
    foot = last
    while foot >= first and page[foot].table_row is None and page[foot].size <= SMALL * body:
        foot -= 1
    if foot >= first:  # small print under running text, not a page set all in small type
        for k in range(foot + 1, last + 1):
            roles[k] = "footnote"
    return roles


def edge_role(line: PageLine, repeated: set[str]) -> str | None:
    if line.table_row is not None:
        return None
    if PAGE_NUMBER.match(line.text):
        return "page number"
    if edge_key(line.text) in repeated:
        return "running header"
    return None
