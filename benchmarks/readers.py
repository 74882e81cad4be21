"""Readers: figures found in each format against the text they were made from, seconds per page,
and the two PDF libraries measured on the same ~60-page report.

    .venv/bin/python benchmarks/readers.py [--ocr-pages 3] [--page-image docs/source-view-pdf-p1.png]

The congress report seed is rendered as a PDF (WeasyPrint, footnotes small at the page foot, a
running header, page numbers) in 13 pt type, about 60 pages. On it: pypdfium2 reading every
character with its box and size (the least a layout reading needs) is the baseline; pdfplumber
doing the same, and dbreport's whole PDF reader (pdfplumber, tables, layout), are given as ratios
to it. Then each format's figures against its text twin, and the OCR reader's seconds per page on
the first pages scanned. Absolute times on shared machines are noise; the ratios are the result.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "readers"))

import pdfplumber  # noqa: E402
import pypdfium2  # noqa: E402
import pypdfium2.raw as pdfium_c  # noqa: E402
import reader_twins as twins  # noqa: E402

from dbreport.extract import extract_document  # noqa: E402
from dbreport.ingest import read_document  # noqa: E402

SEEDS = ROOT / "seeds"
CONGRESS = "004_8755e86a2ddf8e48.txt"
HALF_YEAR = "003_ef69970aeb95dbad.txt"


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def pdfium_chars(raw: bytes) -> int:
    pdf = pypdfium2.PdfDocument(raw)
    n = 0
    for page in pdf:
        text = page.get_textpage()
        for i in range(text.count_chars()):
            text.get_charbox(i)
            pdfium_c.FPDFText_GetFontSize(text, i)
            n += 1
        text.get_text_range()
    return n


def plumber_chars(raw: bytes) -> int:
    import io
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        return sum(len(page.chars) for page in pdf.pages)


def figures_share(name: str, path: Path, keep=None) -> tuple[float, int, int]:
    text_doc = read_document(SEEDS / name)
    expected = twins.figures_in_order(text_doc, extract_document(text_doc))
    if keep is not None:
        expected = [f for f in expected if f[6] in keep]
    doc = read_document(path)
    got = twins.figures_in_order(doc, extract_document(doc))
    share, _ = twins.compare_figures(expected, got)
    return share, len(expected), len(got)


def page_image(pdf_path: Path, png: Path) -> None:
    """Page 1 of the PDF document's source view (build/sources/...), as a PNG."""
    import subprocess
    from weasyprint import HTML
    from dbreport.extract import extract_document
    from dbreport.project import Project
    from dbreport.provenance import locate
    from dbreport.render import render_sources
    doc = read_document(pdf_path)
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.at(ROOT, seeds=pdf_path.parent, out=Path(tmp))
        [view] = render_sources(project, [doc], locate(extract_document(doc), [doc]))
        pdf = Path(tmp) / "view.pdf"
        HTML(filename=str(view)).write_pdf(pdf)
        subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "70", "-png", "-singlefile", str(pdf), str(png.with_suffix(""))], check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ocr-pages", type=int, default=3)
    ap.add_argument("--page-image", type=Path, help="write page 1 of the PDF's source view here (PNG)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        congress = read_document(SEEDS / CONGRESS)
        big = twins.pdf_twin(congress, body_pt=13)
        pages = len(pypdfium2.PdfDocument(big))
        big_path = tmp / "004.pdf"
        big_path.write_bytes(big)
        print(f"PDF libraries on the congress report, {pages} pages, {len(big) // 1024} KB:")
        base, chars = timed(lambda: pdfium_chars(big))
        plumber, _ = timed(lambda: plumber_chars(big))
        reader, _ = timed(lambda: read_document(big_path))
        print(f"  pypdfium2 chars+boxes+sizes   {base:6.2f} s  {base / pages * 1000:6.1f} ms/page  1.0x  ({chars} chars)")
        print(f"  pdfplumber chars              {plumber:6.2f} s  {plumber / pages * 1000:6.1f} ms/page  {plumber / base:4.1f}x")
        print(f"  dbreport PDF reader (layout)  {reader:6.2f} s  {reader / pages * 1000:6.1f} ms/page  {reader / base:4.1f}x")

        print("figures found, against the text twin (same value, unit, kind, period, in the same order):")
        rows = []
        for name in (HALF_YEAR, CONGRESS):
            path = tmp / f"{name[:3]}.pdf"
            path.write_bytes(twins.pdf_twin(read_document(SEEDS / name)))
            rows.append((f"pdf {name[:3]}", *figures_share(name, path)))
        half = read_document(SEEDS / HALF_YEAR)
        half_pdf = (tmp / "003.pdf").read_bytes()
        scan = tmp / "003-scan.pdf"
        scan.write_bytes(twins.scanned_twin(half_pdf, args.ocr_pages))
        ocr_time, _ = timed(lambda: read_document(scan))
        rows.append((f"ocr 003 p1-{args.ocr_pages}", *figures_share(HALF_YEAR, scan, twins.first_pages_text(half, half_pdf, args.ocr_pages))))
        docx = tmp / "002.docx"
        docx.write_bytes(twins.docx_twin(read_document(SEEDS / "002_e5c3b20fb8a60370.txt")))
        rows.append(("docx 002", *figures_share("002_e5c3b20fb8a60370.txt", docx)))
        for name in ("000_8da924b9fbc9c069.txt", "001_6818a40c6c370b4f.txt", "002_e5c3b20fb8a60370.txt"):
            page = tmp / f"{name[:3]}.html"
            page.write_text(twins.article_html(read_document(SEEDS / name)), "utf-8")
            rows.append((f"html {name[:3]}", *figures_share(name, page)))
        for label, share, expected, got in rows:
            print(f"  {label:16s} {share:7.2%} of {expected:4d} text figures at the same place ({got} read)")
        print(f"seconds per page: text layer {reader / pages:.2f} (13 pt, {pages} pages); "
              f"OCR {ocr_time / args.ocr_pages:.1f} ({args.ocr_pages} pages, 300 dpi, vie)")
        if args.page_image:
            page_image(tmp / "004.pdf", args.page_image)
            print(f"wrote {args.page_image}")


if __name__ == "__main__":
    main()
