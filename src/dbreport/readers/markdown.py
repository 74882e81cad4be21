"""Markdown: the markup a writer adds around the words (emphasis, images, links, heading and
quote marks) is taken out; each line stays on its own line number, so a figure's provenance is
the line a person sees in the file."""
from __future__ import annotations

import re

from dbreport.readers.base import PageProgress, Reading
from dbreport.readers.text import decode, text_lines

IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")  # ![caption](photo.jpg): the caption is not the article's text
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # [text](url) -> text
EMPHASIS = re.compile(r"(\*{1,3})(?=\S)(.+?)(?<=\S)\1"  # *a*, **a** -> a
                      r"|(?<!\w)(_{1,3})(?=\S)(.+?)(?<=\S)\3(?!\w)")  # _a_, ___a___ -> a; not QL_279_A
CODE = re.compile(r"`([^`]*)`")
LINE_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?)")  # heading and quote marks; a `- ` item is the text's own


def read_markdown(raw: bytes, _on_page: PageProgress) -> Reading:
    return Reading([plain_line(line) for line in text_lines(decode(raw))], "markdown")


def plain_line(line: str) -> str:
    """One line with its markup taken out and its words kept."""
    line = IMAGE.sub("", line)
    line = LINK.sub(r"\1", line)
    line = CODE.sub(r"\1", line)
    previous = None
    while previous != line:  # ***a*** and nested **_a_**
        previous, line = line, EMPHASIS.sub(lambda m: m.group(2) or m.group(4), line)
    return LINE_MARK.sub("", line)
