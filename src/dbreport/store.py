"""store: Observation[] -> build/data/observations.{jsonl,csv}, the public export (DESIGN.md).

The JSON Lines file is the contract other tools read; the CSV is the same table for spreadsheets
(and the attachment inside each PDF), one pandas pass (imported only when a CSV is written: the
commands that write none stay quick). Values stay Decimals until they are written: JSON gets the
number as the author wrote it, never a binary-float approximation.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from dbreport.fsutil import write_atomic
from dbreport.model import Finding, Observation

#: Contract fields first, in DESIGN.md's order; then the additions other tools may ignore.
FIELDS = ("source", "line", "quote", "value", "unit", "period", "kind", "indicator", "label_vi", "label_en", "flags")
EXTRA_FIELDS = ("qualifier", "value_high", "comparison", "start", "end", "indicator_basis", "page", "page_line", "ocr_confidence")


def observation_record(obs: Observation) -> dict:
    return {name: getattr(obs, name) for name in FIELDS + EXTRA_FIELDS} | {"flags": list(obs.flags)}


def to_json_line(record: dict) -> str:
    """One JSON object; a Decimal is written with exactly its digits (7155.29, not 7155.290000001)."""
    parts = []
    for key, value in record.items():
        parts.append(f"{json.dumps(key)}: {json_value(value)}")
    return "{" + ", ".join(parts) + "}"


def json_value(value) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (list, tuple)) and any(isinstance(v, Decimal) for v in value):
        return "[" + ", ".join(json_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def finding_record(finding: Finding) -> dict:
    """A finding as data: its code, what it is about, its values and where each was read."""
    return {"code": finding.code, "indicator": finding.indicator, "period": finding.period, "kind": finding.kind,
            "unit": finding.unit, "values": list(finding.values), "detail": finding.detail,
            "sources": [{"source": r.source, "line": r.line} for r in finding.refs]}


INTEGER_FIELDS = ("line", "start", "end", "page", "page_line", "ocr_confidence")  # whole numbers, some missing


def observations_frame(observations: list[Observation]):
    """The export as a pandas DataFrame; integer columns with gaps (a text file's figure has no
    page) stay integers (`3`, not `3.0`)."""
    import pandas as pd

    records = [observation_record(o) for o in observations]
    frame = pd.DataFrame.from_records(records, columns=list(FIELDS + EXTRA_FIELDS))
    frame["flags"] = frame["flags"].map(lambda f: ";".join(f))
    return frame.astype({c: "Int64" for c in INTEGER_FIELDS})


def observations_csv(observations: list[Observation], columns: tuple[str, ...] = FIELDS + EXTRA_FIELDS) -> str:
    return observations_frame(observations)[list(columns)].to_csv(index=False, lineterminator="\n")


def write_observations(folder: Path, observations: list[Observation], findings: list[Finding]) -> list[Path]:
    """The figures (JSON Lines and CSV) and the checks' findings, every one of them: a brief shows
    a few and points here for the rest."""
    jsonl = "".join(to_json_line(observation_record(o)) + "\n" for o in observations)
    return [
        write_atomic(folder / "observations.jsonl", jsonl),
        write_atomic(folder / "observations.csv", observations_csv(observations)),
        write_atomic(folder / "findings.jsonl", "".join(to_json_line(finding_record(f)) + "\n" for f in findings)),
    ]
