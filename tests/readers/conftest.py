"""Real files for the readers' tests, made once per session from the seeds (nothing binary is
committed): the half-year report and the congress report as PDFs, the first pages of the
half-year report scanned, and the text twins they are compared against."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # reader_twins is a plain module the tests and benchmarks/readers.py import
    sys.path.insert(0, str(HERE))

import reader_twins as twins  # noqa: E402
from dbreport.extract import extract_document  # noqa: E402
from dbreport.ingest import read_document  # noqa: E402

SEEDS = twins.ROOT / "seeds"
HALF_YEAR = "003_ef69970aeb95dbad.txt"
CONGRESS = "004_8755e86a2ddf8e48.txt"
SCANNED_PAGES = 2


@pytest.fixture(scope="session")
def text_twin():
    """file name -> (Document, its figures in order), read from the seed itself."""
    cache = {}

    def get(name: str):
        if name not in cache:
            doc = read_document(SEEDS / name)
            cache[name] = (doc, twins.figures_in_order(doc, extract_document(doc)))
        return cache[name]
    return get


@pytest.fixture(scope="session")
def twin_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("twins")


@pytest.fixture(scope="session")
def pdf_twin(text_twin, twin_dir):
    """file name -> path of the seed rendered as a PDF with a text layer."""
    cache = {}

    def get(name: str) -> Path:
        if name not in cache:
            cache[name] = twin_dir / (Path(name).stem + ".pdf")
            cache[name].write_bytes(twins.pdf_twin(text_twin(name)[0]))
        return cache[name]
    return get


@pytest.fixture(scope="session")
def scanned_twin(pdf_twin, twin_dir) -> Path:
    """The half-year report's first pages, rasterised and bound as an image-only PDF."""
    path = twin_dir / "003-scanned.pdf"
    path.write_bytes(twins.scanned_twin(pdf_twin(HALF_YEAR).read_bytes(), SCANNED_PAGES))
    return path


@pytest.fixture(scope="session")
def scanned_doc(scanned_twin):
    pages = []
    doc = read_document(scanned_twin, lambda done, total: pages.append((done, total)))
    return doc, pages
