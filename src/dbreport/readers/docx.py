"""Word files: paragraphs in order, and tables read as tables, one line per row with each
column's span kept in the line's origin. A cell merged over several columns is read once."""
from __future__ import annotations

import io

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table

from dbreport.model import Origin
from dbreport.readers.base import PageProgress, Reading, Unreadable
from dbreport.readers.rows import row_line


def read_docx(raw: bytes, _on_page: PageProgress) -> Reading:
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise Unreadable(f"a damaged Word file ({exc})") from None
    lines: list[str] = []
    origins: list[Origin] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row, cells in enumerate(table_cells(block), 1):
                text, spans = row_line(cells)
                lines.append(text)
                origins.append(Origin(None, len(lines), row, spans))
        else:
            for part in block.text.split("\n"):  # a manual line break inside a paragraph
                lines.append(part)
                origins.append(Origin(None, len(lines)))
    return Reading(lines, "docx", origins)


def table_cells(table: Table) -> list[list[str]]:
    """Each row's cell texts; python-docx repeats a merged cell in every column it covers."""
    out = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        out.append(cells)
    return out
