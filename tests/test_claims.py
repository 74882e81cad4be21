"""Every statement the real briefs print, checked against the figures extracted from the seeds
(issue 10): the claims export is the brief's text with the observations it rests on."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from dbreport import check, ingest, render
from dbreport.compose import rules
from dbreport.extract import extract_all
from dbreport.formatting import Formatter
from dbreport.model import Observation
from dbreport.project import Project

ROOT = Path(__file__).resolve().parents[1]
FORMATTERS = {lang: Formatter(lang, render.load_translations(ROOT / "locale", lang)) for lang in ("vi", "en")}
KEYS = ("source", "line", "quote", "value", "unit", "period", "kind", "indicator")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    docs, errors = ingest.read_seeds(ROOT / "seeds")
    assert docs and not errors
    obs = extract_all(docs)
    out = tmp_path_factory.mktemp("claims")
    render.render_briefs(Project.at(ROOT, out=out), docs, obs, check.find_problems(obs, docs), ("vi", "en"), ("html",))
    claims = [json.loads(line) for line in (out / "data" / "claims.jsonl").read_text("utf-8").splitlines()]
    return claims, obs, {d.source: d for d in docs}


def key(o) -> tuple:
    get = o.get if isinstance(o, dict) else lambda k: getattr(o, k)
    return tuple(str(Decimal(str(get(k))).normalize()) if k == "value" else get(k) for k in KEYS)


def numbers_in(text: str, lang: str) -> set[Decimal]:
    """The numbers a reader sees, read per locale (7.155,29 in vi, 7,155.29 in en)."""
    group, dec = (".", ",") if lang == "vi" else (",", ".")
    out = set()
    for token in re.findall(r"\d[\d.,]*\d|\d", text):
        plain = token.replace(group, "").replace(dec, ".")
        if plain.count(".") <= 1:  # source lines hold odd tokens (`1,368,19`); a brief's are well formed
            out.add(Decimal(plain).normalize())
    return out


def allowed_numbers(figures: list[dict]) -> set[Decimal]:
    """What a statement may print: its figures' values, and the numbers in their quotes, periods
    and bases (years, dates, a rank's field size)."""
    out = set()
    for f in figures:
        for v in (f["value"], f["value_high"]):
            if v is not None:
                out.add(Decimal(v).copy_abs().normalize())
        for text in (f["quote"], f["period"], f["comparison"] or ""):
            out |= {Decimal(n).normalize() for n in re.findall(r"\d+", text)}
        out |= {Decimal(n).normalize() for n in re.findall(r"\d+", f["period"])}
    return out


def test_every_brief_and_language_has_claims(built):
    claims, _obs, _docs = built
    briefs = {(c["brief"], c["lang"]) for c in claims}
    for brief in ("2024-H1", "2021-2025", "2026-01-2026-02", "meeting"):
        assert {(brief, "vi"), (brief, "en")} <= briefs, brief


def test_every_figure_of_every_claim_is_an_extracted_observation(built):
    claims, obs, _docs = built
    known = {key(o) for o in obs}
    for c in claims:
        for f in c["figures"]:
            if c["place"] == "finding" and not f["kind"]:
                continue  # a finding's reference the checks name by position only
            assert key(f) in known, (c["text"], f)


def test_every_number_printed_is_one_of_the_claims_figures(built):
    """Numbers come from the figures, their periods, or the words of their own source line
    (`theo giá so sánh năm 2010`); nothing else."""
    claims, _obs, docs = built
    for c in claims:
        if c["place"] == "finding":
            continue  # a finding prints the values check computed (a sum, a conflict): tests/test_check.py
        text = c["text"].split(" | ", 1)[1] if c["place"] in ("card", "series", "score_row") else c["text"]
        fmt = FORMATTERS[c["lang"]]
        for f in c["figures"]:  # period names ("6T/2024", "H1 2024", "M1–2/2026") are not figures
            for name in (fmt.period(f["period"]), fmt.short_period(f["period"])):
                text = text.replace(name, " ") if name else text
        lines = " ".join(docs[f["source"]].lines[f["line"] - 1] for f in c["figures"])
        units = {n for f in c["figures"] for n in numbers_in(fmt.quantity(Decimal(7), f["unit"]), c["lang"])} - {7}
        stray = numbers_in(text, c["lang"]) - allowed_numbers(c["figures"]) - numbers_in(lines, "vi") - units
        assert not stray, (c["brief"], c["lang"], c["text"], stray)


def test_figures_compared_share_indicator_and_period_length(built):
    claims, _obs, _docs = built
    for c in claims:
        if c["relation"] == "from_to":
            a, b = c["figures"]
            assert a["indicator"] == b["indicator"] and a["unit"] == b["unit"]
            assert rules.period_length(a["period"]) == rules.period_length(b["period"]), c["text"]


def test_verdicts_only_by_the_source_or_on_the_same_basis(built):
    claims, _obs, _docs = built
    verdicts = [c for c in claims if c["verdict"]]
    assert verdicts
    for c in verdicts:
        figs = c["figures"]
        if c["verdict_by"] == "source":
            assert any(f["kind"] in ("plan_pct", "change") for f in figs), c["text"]
        else:
            assert c["verdict_by"] == "computed", c
            target = next(f for f in figs if f["kind"] == "target")
            result = next(f for f in figs if f["kind"] in ("actual", "estimate"))
            assert (target["indicator"], target["period"], target["unit"]) == \
                   (result["indicator"], result["period"], result["unit"]), c["text"]
            assert ("annual_average" in target["flags"]) == ("annual_average" in result["flags"]), c["text"]


def test_the_meeting_brief_shows_the_newest_figures_with_their_period(built):
    claims, _obs, _docs = built
    meeting = [c for c in claims if c["brief"] == "meeting" and c["lang"] == "en" and c["place"] in ("card", "sentence")]
    periods = {f["period"] for c in meeting for f in c["figures"]}
    assert "2026-01/2026-02" in periods
    iip = [c["text"] for c in meeting if "Industrial Production" in c["text"]]
    assert iip and "15.96%" in iip[0] and "January–February 2026" in iip[0]


@pytest.mark.parametrize("comparison, good, expected", [
    (("plan_pct", "89.79", "pct"), "up", "not_met"),
    (("plan_pct", "100", "pct"), "up", "met"),
    (("plan_pct", "101.79", "pct"), "down", None),  # a share of a ceiling states no verdict
    (("change", "1.76", "pp"), "up", "met"),
    (("change", "-39.9", "pp"), "up", "not_met"),
    (("change", "-0.04", "pp"), "neutral", None),
])
def test_stated_verdict_reads_the_comparison_column_with_the_good_direction(comparison, good, expected):
    kind, value, unit = comparison
    o = Observation("x.txt", 1, value, Decimal(value), unit, "2025", kind, "i", "", None,
                    comparison="resolution_target")
    assert rules.stated_verdict(o, "", good) == expected


@pytest.mark.parametrize("line, expected", [
    ("Tỷ lệ ... đạt 95%, chưa đạt MTNQ", "not_met"),
    ("sản lượng lương thực đạt 288,76 nghìn tấn, vượt mục tiêu", "met"),
    ("đạt 89,79%", None),  # `đạt` alone is a share, not a verdict
])
def test_stated_verdict_reads_the_sources_words(line, expected):
    assert rules.stated_verdict(None, line, "up") == expected


def test_no_computed_verdict_across_bases_periods_or_early_reports():
    def o(kind, value, period="2025", flags=()):
        return Observation("x.txt", 1, value, Decimal(value), "VND_bn", period, kind, "i", "", None, flags=tuple(flags))
    assert rules.computed_verdict(o("target", "100"), o("estimate", "120"), "up", "level", "level") == "met"
    assert rules.computed_verdict(o("target", "100"), o("estimate", "120", "2024"), "up", "level", "level") is None
    assert rules.computed_verdict(o("target", "700"), o("estimate", "738"), "up", "additional", "level") is None
    assert rules.computed_verdict(o("target", "100"), o("estimate", "90"), "neutral", "level", "level") is None
    from datetime import date
    assert rules.reported_early(o("target", "100", "2024"), o("actual", "40", "2024"), date(2024, 6, 30))
    assert not rules.reported_early(o("target", "100"), o("estimate", "120"), date(2025, 10, 10))
