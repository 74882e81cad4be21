"""Scanned PDF: the half-year report's first pages rasterised and bound as images, read by
Tesseract's Vietnamese model, compared with the text they were made from (a few pages: OCR takes
seconds a page on shared cores)."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from conftest import HALF_YEAR, SCANNED_PAGES
from reader_twins import assert_same_figures, figures_in_order, first_pages_text, squash

from dbreport.check import find_problems
from dbreport.extract import extract_document
from dbreport.model import Document, Observation, Origin
from dbreport.provenance import REVIEW_BELOW, locate


def test_scanned_pages_give_the_figures_of_their_text(scanned_doc, text_twin, pdf_twin):
    doc, _ = scanned_doc
    text_doc, expected = text_twin(HALF_YEAR)
    on_pages = first_pages_text(text_doc, pdf_twin(HALF_YEAR).read_bytes(), SCANNED_PAGES)
    expected = [f for f in expected if f[6] in on_pages]
    assert len(expected) > 60
    assert (doc.format, doc.kind, doc.period) == ("ocr", text_doc.kind, text_doc.period)
    assert_same_figures(expected, figures_in_order(doc, extract_document(doc)))


def test_progress_is_told_page_by_page(scanned_doc):
    _, pages = scanned_doc
    assert pages == [(k, SCANNED_PAGES) for k in range(1, SCANNED_PAGES + 1)]


def test_ocr_figures_carry_the_flag_their_confidence_and_their_page(scanned_doc):
    doc, _ = scanned_doc
    observations = locate(extract_document(doc), [doc])
    assert observations and all("ocr" in o.flags and 0 <= o.ocr_confidence <= 100 for o in observations)
    grdp = next(o for o in observations if o.quote.startswith("7.155,29"))
    assert (grdp.value, grdp.page) == (Decimal("7155.29"), 1)
    assert squash(doc.lines[grdp.line - 1]).startswith(grdp.quote) and grdp.page_line == doc.origin(grdp.line).line
    assert sum(o.ocr_confidence >= REVIEW_BELOW for o in observations) > 0.9 * len(observations)


def ocr_document(words: tuple[tuple[int, int, int], ...], line: str) -> Document:
    return Document("scan.pdf", Path("scan.pdf"), [line], "t", "news", "2024", None, "d",
                    origins=[Origin(1, 7, ocr=words)], format="ocr")


def test_a_figure_whose_digits_ocr_doubted_is_flagged_and_becomes_a_finding():
    line = "đạt 1.203,14 tỷ đồng, tăng 1,72%"
    doc = ocr_document(((0, 3, 96), (4, 12, 61), (13, 15, 95), (16, 21, 93), (22, 26, 94), (27, 32, 90)), line)
    doubted = Observation("scan.pdf", 1, "1.203,14 tỷ đồng", Decimal("1203.14"), "VND_bn", "2024", "actual", None, "x", None, start=4, end=20)
    sure = Observation("scan.pdf", 1, "1,72%", Decimal("1.72"), "pct", "2024", "yoy_change", None, "x", None, start=27, end=32)
    located = locate([doubted, sure], [doc])
    assert [(o.ocr_confidence, o.flags, o.page, o.page_line) for o in located] == [
        (61, ("ocr", "ocr_low_confidence"), 1, 7), (90, ("ocr",), 1, 7)]
    findings = [f for f in find_problems(located, [doc]) if f.code == "ocr_unsure"]
    assert [(f.values, f.refs[0].line) for f in findings] == [((Decimal("1203.14"),), 1)]


def test_an_unchanged_scan_is_not_ocr_read_again(scanned_twin, scanned_doc, tmp_path, monkeypatch):
    """The build keeps what a reader made of each file: a second build OCRs nothing it read before."""
    import pytesseract

    from dbreport.cache import ReadingCache
    from dbreport.ingest import read_seeds

    real, pages = pytesseract.image_to_data, []
    monkeypatch.setattr(pytesseract, "image_to_data", lambda *a, **k: pages.append(1) or real(*a, **k))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(scanned_twin, seeds / scanned_twin.name)
    cache = ReadingCache.under(tmp_path / "cache")
    first, _ = read_seeds(seeds, read=cache.read)
    assert len(pages) == SCANNED_PAGES
    again, errors = read_seeds(seeds, read=ReadingCache.under(tmp_path / "cache").read)
    assert len(pages) == SCANNED_PAGES and not errors
    assert again == first and again[0].lines == scanned_doc[0].lines and again[0].origins == scanned_doc[0].origins
