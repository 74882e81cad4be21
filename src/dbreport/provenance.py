"""provenance: each figure's place in its file as a reader sees it, and how sure OCR was of it.

Extraction works on a Document's lines and knows nothing of pages or scans; this step, run on its
output, adds what the document's origins tell: the page and the line on the page of a PDF, and for
a figure read by OCR the confidence Tesseract gave the words that hold its digits. A figure OCR
was not sure of is flagged for a person to check against the scan, never silently trusted.
"""
from __future__ import annotations

from dataclasses import replace

from dbreport.model import Document, Observation

#: Tesseract's word confidence (0-100) under which a figure's digits are to be checked by a person:
#: clean 300-dpi print reads at 90-96; misread digits (3/8, 1/7, a comma lost) fall well below 80.
REVIEW_BELOW = 80


def locate(observations: list[Observation], documents: list[Document]) -> list[Observation]:
    by_source = {d.source: d for d in documents}
    return [placed(o, by_source[o.source]) if o.source in by_source else o for o in observations]


def placed(o: Observation, doc: Document) -> Observation:
    origin = doc.origin(o.line)
    if origin.page is None and not origin.ocr:
        return o
    confidence = digits_confidence(origin.ocr, doc.lines[o.line - 1], o.start, o.end) if origin.ocr else None
    flags = o.flags
    if confidence is not None:
        flags += ("ocr",) + (("ocr_low_confidence",) if confidence < REVIEW_BELOW else ())
    return replace(o, page=origin.page, page_line=origin.line, ocr_confidence=confidence, flags=flags)


def digits_confidence(words: tuple[tuple[int, int, int], ...], line: str, start: int, end: int) -> int | None:
    """The lowest confidence among the OCR words that overlap the quote and hold a digit."""
    found = [conf for a, b, conf in words if a < max(end, start + 1) and b > start and any(ch.isdigit() for ch in line[a:b])]
    return min(found) if found else None
