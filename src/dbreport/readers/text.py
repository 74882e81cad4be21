"""Plain text in whatever encoding a Vietnamese office saves it: UTF-8 with or without BOM,
UTF-16 (Notepad's "Unicode"), Windows-1258 (tones as combining marks, which NFC then composes),
with CRLF or CR line ends. Each gives the lines of its UTF-8 twin, numbered the same."""
from __future__ import annotations

from charset_normalizer import from_bytes

from dbreport.readers.base import PageProgress, Reading, Unreadable


def read_text(raw: bytes, _on_page: PageProgress) -> Reading:
    return Reading(text_lines(decode(raw)), "text")


def decode(raw: bytes) -> str:
    """UTF-8 first (by far the most common, and a strict decode cannot be fooled, unless the
    bytes hold NULs: UTF-16 without a BOM), then a BOM, then charset-normalizer's best guess
    among the encodings that decode the bytes."""
    if b"\x00" not in raw:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return latin_text(raw.decode("utf-16"), "UTF-16")
        except UnicodeDecodeError as exc:
            raise Unreadable(f"broken UTF-16 text (at byte {exc.start})") from None
    best = from_bytes(raw).best()
    if best is None:
        raise Unreadable("not text in any encoding dbreport knows (tried UTF-8, UTF-16, Windows-1258 and others)")
    return latin_text(str(best).lstrip("\ufeff"), best.encoding)


def latin_text(text: str, encoding: str) -> str:
    """The text, if most of its letters are Latin script (Vietnamese is): bytes of another kind
    decode as *some* text in UTF-16 or a code page, but not as words."""
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(1 for ch in letters if ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF)
    if not letters or latin < 0.8 * len(letters):
        raise Unreadable(f"not text: read as {encoding} its bytes give no Latin-script words")
    return text


def text_lines(text: str) -> list[str]:
    """Lines as the file numbers them, whatever its line ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
