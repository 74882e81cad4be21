"""Which reader a file needs, told from its first bytes (a name can lie: a `.pdf` saved as HTML)
and, for text, from its name. A format no reader takes raises Unreadable naming what it is."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from dbreport.readers.base import Unreadable

IMAGES = {b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"II*\x00": "TIFF", b"MM\x00*": "TIFF"}
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the pre-2007 Office container: .doc, .xls, .ppt
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def file_format(path: Path, raw: bytes) -> str:
    """text | markdown | html | docx | pdf."""
    head = raw[:1024]
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:16]:
        return "pdf"
    for magic, name in IMAGES.items():
        if head.startswith(magic):
            raise Unreadable(f"a {name} image, not a document (a scan must come as a PDF)")
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        raise Unreadable("a WebP image, not a document (a scan must come as a PDF)")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return zip_format(raw)
    if head.startswith(OLE):
        raise Unreadable("an old binary Office file (.doc/.xls): save it as .docx or PDF")
    if head.startswith((b"{\\rtf",)):
        raise Unreadable("an RTF file: save it as .docx or PDF")
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return "markdown"
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(head):
        return "html"
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff")) or even_nuls(head)):
        raise Unreadable("a binary file of no format dbreport reads")
    return "text"


def zip_format(raw: bytes) -> str:
    """A .docx is a zip with word/document.xml; say what any other zip is."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(raw)).namelist())
    except zipfile.BadZipFile:
        raise Unreadable("a damaged zip archive") from None
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names) or "content.xml" in names and b"spreadsheet" in raw[:200]:
        raise Unreadable("a spreadsheet: dbreport reads reports, not workbooks (save the report as PDF or .docx)")
    if any(n.startswith("ppt/") for n in names):
        raise Unreadable("a presentation, not a report")
    raise Unreadable(f"a zip archive ({len(names)} files): unpack it into seeds/")


def looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head.lower()


def even_nuls(head: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of Vietnamese/ASCII text is zero."""
    return head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3
