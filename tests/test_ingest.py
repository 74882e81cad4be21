"""ingest on the real seed documents: what each document is, and which lines are not running text."""
import os
from datetime import date

import pytest

from dbreport.ingest import DocumentUnreadable, max_document_bytes, read_document, read_seeds


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


def test_footnote_markers_glued_to_words(seed_documents):
    d = seed_documents["003"]
    assert d.markers[1] == 87  # `23.530,49 ha1`
    assert d.markers[4] == 171  # `kế hoạch năm4.`
    assert 16 not in d.markers  # `202416`: glued to a year, the number parser's to split


@pytest.mark.parametrize(("doc", "line"), [("004", 746), ("004", 2838), ("003", 1510)])
def test_page_numbers_are_set_aside(seed_documents, doc, line):
    assert seed_documents[doc].set_aside[line] == "page number"


def test_footnote_continued_from_the_previous_page(seed_documents):
    d = seed_documents["004"]
    assert d.set_aside[879].startswith("footnote")  # before footnote 24 starts on line 883
    assert d.footnotes[24] == 883


def test_text_is_nfc(tmp_path):
    decomposed = "ta\u0306ng 8,75%\u00a0năm 2024\n"  # `tăng` typed with a combining breve, a no-break space
    path = tmp_path / "nfd.txt"
    path.write_text(decomposed, encoding="utf-8")
    assert read_document(path).lines[0] == "tăng 8,75% năm 2024"


def test_bad_files_are_reported_and_the_others_read(tmp_path, seeds_dir):
    (tmp_path / "good.txt").write_bytes((seeds_dir / "000_8da924b9fbc9c069.txt").read_bytes())
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # UTF-16 text is read now (tests/readers)
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    docs, errors = read_seeds(tmp_path)
    assert [d.source for d in docs] == ["good.txt"]
    assert sorted(str(e) for e in errors) == [
        "empty.txt: the file is empty",
        "photo.txt: a PNG image, not a document (a scan must come as a PDF)",
    ]


@pytest.mark.parametrize(
    ("title", "kind", "period"),
    [
        ("BÁO CÁO Tình hình kinh tế - xã hội 6 tháng đầu năm 2024", "half_year_report", "2024-H1"),
        ("BÁO CÁO Tình hình kinh tế - xã hội 9 tháng năm 2024", "period_report", "2024-01/2024-09"),
        ("BÁO CÁO Tình hình kinh tế - xã hội quý III năm 2024", "period_report", "2024-07/2024-09"),
        ("BÁO CÁO Tình hình kinh tế - xã hội tháng 10 năm 2024", "period_report", "2024-10"),
        ("BÁO CÁO Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2024", "annual_report", "2024"),
        # a month count out of range is not a period (and must not crash the reading)
        ("Trong 13 tháng năm 2024, toàn tỉnh có 12 xã đạt chuẩn.", "news", "2024"),
        # a dateline is not the report's month
        ("BÁO CÁO\nĐiện Biên, ngày 10 tháng 12 năm 2024\nTình hình kinh tế - xã hội năm 2024", "annual_report", "2024"),
        # a no-break space inside the title
        ("BÁO CÁO Tình hình kinh tế - xã hội 6\u00a0tháng đầu năm 2024", "half_year_report", "2024-H1"),
    ],
)
def test_report_titles_from_other_provinces(tmp_path, title, kind, period):
    path = tmp_path / "report.txt"
    path.write_text(f"{title}\n\nTổng sản phẩm trên địa bàn tăng 7,1% so với cùng kỳ năm trước.\n", encoding="utf-8")
    doc = read_document(path)
    assert (doc.kind, doc.period) == (kind, period)


def test_a_date_that_does_not_exist_is_not_a_reference_date(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text("Chiều 31-2, đoàn công tác làm việc tại tỉnh năm 2025; 12 xã đạt chuẩn.\n", encoding="utf-8")
    assert read_document(path).reference_date == date(2025, 12, 31)


def test_a_text_without_any_year_is_refused_with_the_reason(tmp_path):
    (tmp_path / "undated.txt").write_text("Toàn tỉnh có 22 xã đạt chuẩn nông thôn mới.\n", encoding="utf-8")
    docs, errors = read_seeds(tmp_path)
    assert not docs
    assert [str(e) for e in errors] == ["undated.txt: no year in the text: its reporting period cannot be told"]


NEWS = "Chiều 8-3, tỉnh họp. Trong năm 2024 toàn tỉnh có 12 xã đạt chuẩn nông thôn mới.\n"


def test_only_regular_files_inside_the_seeds_folder_are_read(tmp_path, within):
    seeds, outside = tmp_path / "seeds", tmp_path / "secret.txt"
    seeds.mkdir()
    outside.write_text(NEWS, encoding="utf-8")
    (seeds / "good.txt").write_text(NEWS, encoding="utf-8")
    os.mkfifo(seeds / "pipe.txt")  # blocks open() until a writer comes
    (seeds / "folder.txt").mkdir()
    (seeds / "elsewhere.txt").symlink_to(outside)
    (seeds / "same.txt").symlink_to(seeds / "good.txt")  # a link to another seed is that seed
    docs, errors = within(20, read_seeds, seeds)  # a FIFO blocked open() forever
    assert [d.source for d in docs] == ["good.txt", "same.txt"]
    assert sorted(str(e) for e in errors) == [
        f"elsewhere.txt: a link to {outside}, outside the seeds folder: not read",
        "folder.txt: a folder, not a regular file: not read",
        "pipe.txt: a named pipe, not a regular file: not read",
    ]


def test_a_document_over_the_size_limit_is_refused_with_its_reason(tmp_path, monkeypatch):
    (tmp_path / "small.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "large.txt").write_text(NEWS * 20, encoding="utf-8")  # about 2 KB
    monkeypatch.setenv("DBREPORT_MAX_DOCUMENT_MB", "0.001")
    docs, errors = read_seeds(tmp_path)
    assert [d.source for d in docs] == ["small.txt"]
    assert [str(e) for e in errors] == [
        "large.txt: larger than the limit of 0.001 MB per document (DBREPORT_MAX_DOCUMENT_MB raises it): not read"]


def test_the_size_limit_is_50_mb_unless_set(monkeypatch):
    monkeypatch.delenv("DBREPORT_MAX_DOCUMENT_MB", raising=False)
    assert max_document_bytes() == 50_000_000
    monkeypatch.setenv("DBREPORT_MAX_DOCUMENT_MB", "lots")
    with pytest.raises(DocumentUnreadable, match="DBREPORT_MAX_DOCUMENT_MB='lots' is not a size in MB"):
        max_document_bytes()


def test_many_whitespace_only_lines_are_read_in_bounded_time(tmp_path, within):
    """Each whitespace-only line may end a page; finding its footnote area once rescanned the rest
    of the text (20,000 such lines took minutes)."""
    path = tmp_path / "blank.txt"
    path.write_text("BÁO CÁO tình hình kinh tế năm 2024\n" + " \t\n" * 20_000 + "GRDP tăng 7,1%.\n", encoding="utf-8")
    doc = within(20, read_document, path)
    assert (doc.period, doc.lines[-2]) == ("2024", "GRDP tăng 7,1%.")


@pytest.mark.parametrize(
    ("text", "period", "reference"),
    [
        ("Năm 2024 toàn tỉnh có 12 xã đạt chuẩn nông thôn mới.", "2024", date(2024, 12, 31)),  # a capital `Năm`
        ("Báo cáo tháng 2/0000: năm 2024 toàn tỉnh có 12 xã đạt chuẩn.", "2024", date(2024, 12, 31)),
        ("Ngày 5/0000, năm 2024 toàn tỉnh có 12 xã đạt chuẩn.", "2024", date(2024, 12, 31)),
    ],
)
def test_a_year_is_four_digits_from_1900(tmp_path, text, period, reference):
    """`0000` is no year (it made `year 0 is out of range` and a period `0-02`); `Năm` is `năm`."""
    path = tmp_path / "news.txt"
    path.write_text(text + "\n", encoding="utf-8")
    doc = read_document(path)
    assert (doc.period, doc.reference_date) == (period, reference)


@pytest.mark.parametrize("text", ["Ngày 5/0000 có 12 xã đạt chuẩn.", "Trong năm 0000 có 12 xã đạt chuẩn.",
                                  "Tháng 2/0000 có 12 xã đạt chuẩn."])
def test_a_text_dated_only_in_year_0000_is_refused_with_the_reason(tmp_path, text):
    (tmp_path / "zero.txt").write_text(text + "\n", encoding="utf-8")
    docs, errors = read_seeds(tmp_path)
    assert [str(e) for e in errors] == ["zero.txt: no year in the text: its reporting period cannot be told"]
