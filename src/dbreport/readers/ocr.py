"""Scanned pages: Tesseract's Vietnamese model through pytesseract.

pytesseract over ocrmypdf: ocrmypdf writes a new PDF whose text layer carries no confidence, and
brings Ghostscript and a PDF rewrite we do not need; pytesseract's `image_to_data` gives each word
with its box and confidence, which is what a figure's OCR flag and the low-confidence finding need.
Pages are rendered with pypdfium2 (already there through pdfplumber) at 300 dpi, Tesseract's
preferred resolution, in grey.
"""
from __future__ import annotations

import statistics
from collections import defaultdict

import pypdfium2
import pytesseract

from dbreport.readers.base import PageProgress, Unreadable
from dbreport.readers.layout import PageLine

DPI = 300
LANG = "vie"


def ocr_pages(raw: bytes, indexes: list[int], on_page: PageProgress) -> list[list[PageLine]]:
    """The lines of each page in `indexes` (0-based), calling on_page after each."""
    pdf = pypdfium2.PdfDocument(raw)
    try:
        out = []
        for done, k in enumerate(indexes, 1):
            image = pdf[k].render(scale=DPI / 72, grayscale=True).to_pil()
            out.append(image_lines(image))
            on_page(done, len(indexes))
        return out
    finally:
        pdf.close()


def image_lines(image) -> list[PageLine]:
    try:
        data = pytesseract.image_to_data(image, lang=LANG, output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractNotFoundError:
        raise Unreadable("a scanned PDF, and Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)") from None
    except pytesseract.TesseractError as exc:
        raise Unreadable(f"OCR failed ({exc.message.strip() or exc.status})") from None
    words = defaultdict(list)
    for i, text in enumerate(data["text"]):
        if text.strip():
            words[(data["block_num"][i], data["par_num"][i], data["line_num"][i])].append(i)
    lines = [ocr_line(data, ids) for ids in words.values()]
    return sorted(lines, key=lambda line: line.top)


def ocr_line(data: dict, ids: list[int]) -> PageLine:
    """A line from its words, each word's span and confidence kept; positions in points."""
    scale = 72 / DPI
    text, spans = "", []
    for i in sorted(ids, key=lambda i: data["left"][i]):
        if text:
            text += " "
        word = data["text"][i].strip()
        spans.append((len(text), len(text) + len(word), round(float(data["conf"][i]))))
        text += word
    tops = [data["top"][i] for i in ids]
    bottoms = [data["top"][i] + data["height"][i] for i in ids]
    size = statistics.median(data["height"][i] for i in ids) * scale
    return PageLine(text, min(tops) * scale, max(bottoms) * scale, size, ocr=tuple(spans))
