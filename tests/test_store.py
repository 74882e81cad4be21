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
