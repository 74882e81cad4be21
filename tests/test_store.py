"""The data files: figures and findings written as data, every value with exactly its digits."""
import json
from decimal import Decimal

from dbreport.model import Finding, SourceRef
from dbreport.store import write_observations


def test_every_finding_is_written_with_its_values_and_sources(tmp_path):
    finding = Finding("conflict", "tourist_arrivals", "2024-H1", (Decimal("2.18"), Decimal("2.19")),
                      (SourceRef("a.txt", 1832), SourceRef("a.txt", 371)), kind="yoy_change", unit="times")
    files = write_observations(tmp_path, [], [finding])
    (line,) = (tmp_path / "findings.jsonl").read_text("utf-8").splitlines()
    assert tmp_path / "findings.jsonl" in files
    assert '"values": [2.18, 2.19]' in line  # the digits as written, not binary floats
    assert json.loads(line) == {"code": "conflict", "indicator": "tourist_arrivals", "period": "2024-H1",
                                "kind": "yoy_change", "unit": "times", "values": [2.18, 2.19], "detail": "",
                                "sources": [{"source": "a.txt", "line": 1832}, {"source": "a.txt", "line": 371}]}


def test_the_csv_holds_the_jsonl_s_values_a_page_number_as_an_integer(tmp_path):
    """A figure of a PDF beside one of a text file: the page column has a gap, and stays whole numbers."""
    import csv

    from dbreport.model import Observation

    paged = Observation("r.pdf", 40, "7.155,29 tỷ đồng", Decimal("7155.29"), "VND_bn", "2024-H1", "estimate", "grdp",
                        "GRDP", "GRDP", ("en_number_format", "conflict"), page=3, page_line=12, ocr_confidence=91)
    plain = Observation("n.txt", 7, "tăng 8,75%", Decimal("8.75"), "pct", "2024-H1", "yoy_change", None,
                        "tăng, \"x\"", None)
    write_observations(tmp_path, [paged, plain], [])
    rows = list(csv.DictReader((tmp_path / "observations.csv").open(encoding="utf-8", newline="")))
    records = [json.loads(line) for line in (tmp_path / "observations.jsonl").read_text("utf-8").splitlines()]
    assert [(r["page"], r["page_line"], r["ocr_confidence"], r["value"], r["flags"]) for r in rows] == [
        ("3", "12", "91", "7155.29", "en_number_format;conflict"), ("", "", "", "8.75", "")]
    assert rows[1]["label_vi"] == records[1]["label_vi"] == 'tăng, "x"' and rows[1]["label_en"] == ""
