"""`dbreport build` on a seeds/ holding the reports as they arrive: a PDF, a scanned PDF, a Word
file, a web page and a text file. Every brief the text seeds give is built, the PDF's source view
goes page by page, and a brief's note names the page of a figure read from a PDF."""
from __future__ import annotations

import re
import shutil

import pytest
from conftest import CONGRESS, SEEDS
from reader_twins import article_html, docx_twin

from dbreport.build import build
from dbreport.compose import plan_briefs
from dbreport.ingest import read_seeds
from dbreport.project import Project


@pytest.fixture(scope="module")
def built(tmp_path_factory, text_twin, pdf_twin, scanned_twin):
    root = tmp_path_factory.mktemp("formats")
    seeds = root / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "000_8da924b9fbc9c069.txt", seeds)
    (seeds / "001_6818a40c6c370b4f.html").write_text(article_html(text_twin("001_6818a40c6c370b4f.txt")[0]), "utf-8")
    (seeds / "002_e5c3b20fb8a60370.docx").write_bytes(docx_twin(text_twin("002_e5c3b20fb8a60370.txt")[0]))
    shutil.copy(scanned_twin, seeds / "003_ef69970aeb95dbad-scan.pdf")
    shutil.copy(pdf_twin(CONGRESS), seeds / "004_8755e86a2ddf8e48.pdf")
    out = root / "build"
    return out, build(Project.at(SEEDS.parent, seeds=seeds, out=out), formats=("html", "pdf"))


def test_every_format_is_read_and_every_brief_built(built):
    out, report = built
    assert not report.errors
    assert sorted(d.format for d in report.documents) == ["docx", "html", "ocr", "pdf", "text"]
    text_docs, _ = read_seeds(SEEDS)
    expected = {plan.brief_id for plan in plan_briefs(text_docs)}
    assert {b.brief_id for b in report.briefs} == expected
    for brief in expected:
        for lang in ("vi", "en"):
            for ext in ("html", "pdf"):
                assert (out / lang / f"{brief}.{ext}").stat().st_size > 5000


def test_a_note_names_the_page_and_links_to_that_line_of_the_page_by_page_source(built):
    out, _ = built
    source = "004_8755e86a2ddf8e48.pdf"
    view = (out / "sources" / f"{source}.html").read_text("utf-8")
    notes = {lang: re.findall(rf'href="\.\./sources/{re.escape(source)}\.html#L(\d+)">{re.escape(source)}, {word} (\d+), {line} (\d+)</a>',
                              (out / lang / "2021-2025.html").read_text("utf-8"))
             for lang, word, line in (("en", "page", "line"), ("vi", "trang", "dòng"))}
    assert notes["en"] and notes["en"] == notes["vi"]
    pages = {int(p): body for p, body in re.findall(r'<section class="page" id="page-(\d+)">(.*?)</section>', view, re.S)}
    assert len(pages) > 40
    for anchor, page, line in notes["en"]:
        assert f'<li id="L{anchor}" value="{line}"' in pages[int(page)]
