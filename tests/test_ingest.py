"""ingest on the real seed documents: what each document is, and which lines are not running text."""
from datetime import date

import pytest

from dbreport.ingest import read_document, read_seeds


@pytest.mark.parametrize(
    ("doc", "kind", "period", "reference"),
    [
        ("000", "news", "2024", date(2024, 12, 31)),
        ("001", "news", "2018", date(2018, 12, 31)),
        ("002", "news", "2026-01/2026-02", date(2026, 3, 8)),  # `chiều 8-3`, `Trong 2 tháng đầu của năm 2026`
        ("003", "half_year_report", "2024-H1", date(2024, 6, 30)),
        ("004", "congress_report", "2021/2025", date(2025, 12, 31)),
    ],
)
def test_document_kind_and_period(seed_documents, doc, kind, period, reference):
    d = seed_documents[doc]
    assert (d.kind, d.period, d.reference_date) == (kind, period, reference)


def test_issue_date_only_when_the_document_states_one(seed_documents):
    assert seed_documents["002"].issued == date(2026, 3, 8)  # `chiều 8-3`, in a 2026 article
    assert seed_documents["003"].issued is None  # the half-year report's dump carries no date line


def test_footnote_bodies_are_set_aside_in_sequence(seed_documents):
    d = seed_documents["003"]
    assert sorted(d.footnotes) == list(range(1, 66))
    assert d.lines[d.footnotes[1] - 1].startswith("1 (1) Thời tiết")
    assert d.set_aside[142] == "footnote 1"  # a continuation line of footnote 1
    assert 167 not in d.set_aside  # ` - Thủy sản:` resumes the body on the next page
    assert d.set_aside[696] == "url"


def test_footnote_continued_from_the_previous_page(seed_documents):
    d = seed_documents["004"]
    assert d.set_aside[879].startswith("footnote")  # before footnote 24 starts on line 883
    assert d.footnotes[24] == 883


def test_text_is_nfc(tmp_path):
    decomposed = "ta\u0306ng 8,75%\n"  # `tăng` typed with a combining breve
    path = tmp_path / "nfd.txt"
    path.write_text(decomposed, encoding="utf-8")
    assert read_document(path).lines[0] == "tăng 8,75%"


def test_bad_files_are_reported_and_the_others_read(tmp_path, seeds_dir):
    (tmp_path / "good.txt").write_bytes((seeds_dir / "000_8da924b9fbc9c069.txt").read_bytes())
    (tmp_path / "latin1.txt").write_bytes("Điện Biên".encode("utf-16"))
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    docs, errors = read_seeds(tmp_path)
    assert [d.source for d in docs] == ["good.txt"]
    assert sorted(str(e) for e in errors) == [
        "empty.txt: the file is empty",
        "latin1.txt: not UTF-8 text (byte 0xff at offset 0)",
    ]
