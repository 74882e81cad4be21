"""Page-by-page progress for slow reads (OCR takes seconds a page): a bar on a terminal,
nothing when the output goes to a file or a test."""
from __future__ import annotations

import sys

from dbreport.readers.base import PageProgress


def terminal_progress(name: str, stream=None) -> PageProgress:
    """on_page(done, total) drawing `name  [#####.....] 3/7 pages` on a terminal's stderr."""
    out = stream or sys.stderr

    def on_page(done: int, total: int) -> None:
        if not out.isatty():
            return
        width = 30
        filled = width * done // total
        out.write(f"\r{name}  [{'#' * filled}{'.' * (width - filled)}] {done}/{total} pages")
        if done == total:
            out.write("\n")
        out.flush()

    return on_page
