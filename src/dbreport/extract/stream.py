"""Running text with its original line numbers.

Reports are PDF dumps: a sentence wraps over several lines and is cut by a footnote block at the
page end. Extraction reads a *stream*: the body lines joined with single spaces (footnote bodies,
page numbers and URLs left out), and each footnote body as a stream of its own. Every character
of a stream maps back to (line, column) in the original file.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from dbreport.model import Document

FOOTNOTE_NUMBER = re.compile(r"^\s*\d{1,3}\s*")
# a flattened table's cell rule (`|` alone on a line, as legal-document sites publish tables)
CELL_RULE = re.compile(r"^\s*\|\s*$")
HEADING = re.compile(r"^\s*\*\*[^*]+\*\*\s*$")
#: What a cell rule becomes in a stream: a break no sentence or clause runs across.
CELL_BREAK = "\n"


@dataclass
class Stream:
    starts: list[int] = field(default_factory=list)  # stream offset where each piece begins
    origins: list[tuple[int, int]] = field(default_factory=list)  # (line, column) of each piece
    pieces: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, line_no: int, column: int, piece: str) -> None:
        if self.pieces:
            self.length += 1  # the space that joins two lines
        self.starts.append(self.length)
        self.origins.append((line_no, column))
        self.pieces.append(piece)
        self.length += len(piece)

    @cached_property
    def text(self) -> str:  # read once the stream is complete (document_streams returns it so)
        return " ".join(self.pieces)

    def locate(self, offset: int) -> tuple[int, int]:
        """(line, column) in the original file of stream offset `offset`."""
        i = bisect.bisect_right(self.starts, offset) - 1
        line, column = self.origins[i]
        return line, column + offset - self.starts[i]


def document_streams(doc: Document) -> list[Stream]:
    """The body stream, then one stream per footnote body, in order."""
    body = Stream()
    notes: dict[str, Stream] = {}
    for n, line in enumerate(doc.lines, 1):
        reason = doc.set_aside.get(n)
        if reason and not reason.startswith("footnote"):
            continue
        if not line.strip():
            continue
        target = body if reason is None else notes.setdefault(reason, Stream())
        if "|" in line and CELL_RULE.match(line):  # (`in`: a fast first test)
            if target.pieces and target.pieces[-1] != CELL_BREAK:
                target.add(n, 0, CELL_BREAK)
            continue
        heading = "**" in line and bool(HEADING.match(line))  # a markdown heading (`**II. NHIỆM VỤ QUÝ IV**`) stands on its own
        if heading and target.pieces and target.pieces[-1] != CELL_BREAK:
            target.add(n, 0, CELL_BREAK)
        column = len(line) - len(line.lstrip())
        piece = line.strip()
        if reason and doc.footnotes.get(int(reason.split()[1])) == n:
            # drop the footnote's own number (`3Bệnh`, `1 (1) Thời tiết`)
            m = FOOTNOTE_NUMBER.match(piece)
            column += m.end()
            piece = piece[m.end():]
        target.add(n, column, piece)
        if heading:
            target.add(n, len(line), CELL_BREAK)
    return [body, *notes.values()]
