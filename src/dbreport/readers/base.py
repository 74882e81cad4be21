"""What every reader returns, and how it says no."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from dbreport.model import Origin

#: on_page(pages done, pages in all): called after each page of a slow (OCR) read.
PageProgress = Callable[[int, int], None]


class Unreadable(Exception):
    """The file cannot be read as a document; the message is the reason, in a few words."""


@dataclass
class Reading:
    """A file's lines and where each stands in it.

    `origins` has one entry per line, or is empty when line n is the file's own line n (text).
    `set_aside` and `footnotes` are what the layout told (a footnote set in small type at the
    page's foot, a page number, a running header), keyed by line number like Document's; None
    when the file has no layout and ingest must tell them from the text.
    """

    lines: list[str]
    format: str
    origins: list[Origin] = field(default_factory=list)
    set_aside: dict[int, str] | None = None
    footnotes: dict[int, int] | None = None
