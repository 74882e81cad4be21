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
        if c["verdict_by"] == "source":  # its comparison column, or its words right after the result
            assert any(f["kind"] in ("plan_pct", "change") or any(g.startswith("source_") for g in f["flags"])
                       for f in figs), c["text"]
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
    (("plan_pct", "100", "pct"), "neutral", "met"),  # imports 45 / 45 / 100%: the source says reached
    (("plan_pct", "101.79", "pct"), "down", None),  # a share of a ceiling states no verdict
    (("change", "1.76", "pp"), "up", "met"),
    (("change", "-39.9", "pp"), "up", "not_met"),
    (("change", "-0.04", "pp"), "neutral", None),
])
def test_stated_verdict_reads_the_comparison_column_with_the_good_direction(comparison, good, expected):
    kind, value, unit = comparison
    o = Observation("x.txt", 1, value, Decimal(value), unit, "2025", kind, "i", "", None,
                    comparison="resolution_target")
    assert rules.stated_verdict([], o, good) == expected


@pytest.mark.parametrize("flags, expected", [
    (("source_not_met",), "not_met"), (("source_met",), "met"), (("source_exceeded",), "met"), ((), None),
])
def test_stated_verdict_is_the_verdict_extraction_read_after_the_result(flags, expected):
    o = Observation("x.txt", 1, "96,2%", Decimal("96.2"), "pct", "2025", "actual", "i", "", None, flags=flags)
    assert rules.stated_verdict([o], None, "up") == expected


@pytest.mark.parametrize("target, achieved, good, expected", [
    (("<", "2.5"), ("dưới", "2.5"), "down", "met"),  # under 2.5% against under 2.5%: met whatever the value
    ((None, "2.5"), ("dưới", "3"), "down", None),  # under 3% may or may not be under 2.5%
    ((None, "80"), ("trên", "85"), "up", "met"),
    ((None, "80"), ("khoảng", "85"), "up", None),  # about 85 is no bound
    ((None, "80"), ("dưới", "70"), "up", None),  # a bound on the wrong side decides nothing
    ((None, "80"), (None, "70"), "up", "not_met"),
])
def test_a_bounded_result_is_judged_only_when_the_whole_bound_is_on_one_side(target, achieved, good, expected):
    def o(kind, qualifier, value):
        return Observation("x.txt", 1, value, Decimal(value), "pct", "2025", kind, "i", "", None, qualifier=qualifier)
    assert rules.computed_verdict(o("target", *target), o("estimate", *achieved), good, "level", "level") == expected


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


def obs(line, value, unit="VND_bn", kind="estimate", period="2025", flags=(), start=0, end=0, indicator="i"):
    return Observation("x.txt", line, str(value), Decimal(str(value)), unit, period, kind, indicator, "", None,
                       flags=tuple(flags), start=start, end=end)


@pytest.mark.parametrize("a, b, expected", [
    (obs(326, 1), obs(328, 2, "pct", "plan_pct"), True),  # a sentence wrapped over lines
    (obs(621, 8700), obs(3874, "107.6", "pct", "plan_pct", flags=("table",)), False),  # the appendix's row
    (obs(3874, 8500, flags=("table",)), obs(3874, "107.6", "pct", "plan_pct", flags=("table",)), True),
    (obs(3874, 8500, flags=("table",)), obs(3876, "107.6", "pct", "plan_pct", flags=("table",)), False),
])
def test_a_share_of_target_belongs_to_the_value_stated_with_it(a, b, expected):
    assert rules.same_statement(a, b) == expected


@pytest.mark.parametrize("line, flags, expected", [
    ("7.155,29 tỷ đồng (theo giá so sánh năm 2010), tăng", (), "at constant 2010 prices"),
    ("năm 2025 (theo giá so sánh) ước đạt 17.970 tỷ đồng", ("constant_prices",), "at constant prices"),
    ("8,76%/năm; GRDP bình quân đầu người ước đạt 54 triệu đồng", (), None),  # another clause's basis: extraction sets no flag
    ("17.328 17.970 103,71% 30.280", ("constant_prices", "table"), "at constant prices"),  # the row's label
    ("ước đạt 17.970 tỷ đồng", (), None),
])
def test_price_basis_only_from_the_figures_own_clause_or_row(line, flags, expected):
    start = line.index("17.970") if "17.970" in line else line.index("54") if "54 " in line else line.index("7.155")
    o = obs(1, 1, flags=flags, start=start, end=start + 6)
    assert rules.price_basis(o, line, "en") == expected


@pytest.mark.parametrize("unit, period, flags, total, undated", [
    ("VND_bn", "2021/2025", (), True, False),  # `giai đoạn 2021-2025 ước đạt trên 95.000 tỷ đồng`
    ("VND_bn", "2021/2025", ("period_unstated",), False, True),  # `Tổng thu ngân sách địa phương đạt 77.089,83 tỷ đồng`
    ("pct", "2021/2025", ("period_unstated",), False, False),  # a rate is no flow: its level at the term's end
    ("persons", "2021/2025", ("annual_average",), False, False),  # `bình quân 9.200 lao động/năm`
    ("VND_bn", "2025", (), False, False),
])
def test_a_total_over_the_term_only_when_the_source_names_the_term(unit, period, flags, total, undated):
    o = obs(1, 1, unit, period=period, flags=flags)
    assert (rules.term_total(o), rules.undated_flow(o)) == (total, undated)


@pytest.mark.parametrize("unit, expected_unit, expected", [
    ("pp", "VND_bn", False),  # points beside money move a share, not the money
    ("pp", "pct", True), ("pct", "VND_bn", True), ("pp", None, True),
])
def test_points_move_a_rate_not_a_count_or_an_amount(unit, expected_unit, expected):
    assert rules.moves(obs(1, "2.34", unit, "change"), expected_unit) == expected


def brief_text(claims, brief, lang, places=("card", "sentence", "structure", "score_row", "series")):
    return [c for c in claims if c["brief"] == brief and c["lang"] == lang and c["place"] in places]


def test_only_a_sectors_share_is_said_to_be_of_grdp(built):
    claims, _obs, _docs = built
    for c in claims:
        if "of GRDP" in c["text"] or "GRDP structure" in c["text"]:
            assert all(f["indicator"].startswith("grdp_") for f in c["figures"] if f["kind"] == "share"), c["text"]
            assert all(f["kind"] != "share" or f["indicator"].startswith("grdp_") for f in c["figures"]), c["text"]


def test_an_average_annual_growth_rate_is_said_as_one(built):
    claims, _obs, _docs = built
    for c in brief_text(claims, "2021-2025", "en"):
        for f in c["figures"]:
            if "average_growth" in f["flags"] and f["kind"] != "target" and c["place"] in ("card", "sentence"):
                assert "average annual growth" in c["text"] or "rose by an average of" in c["text"], c["text"]
    iip = [c["text"] for c in brief_text(claims, "2021-2025", "en", ("card",)) if "IIP" in c["text"]]
    assert iip and "12.82%" in iip[0] and "average annual growth" in iip[0]


def test_scoreboards_hold_resolution_targets_only_and_a_tally_of_what_they_show(built):
    claims, _obs, _docs = built
    for c in claims:
        if c["place"] == "score_row":
            assert not any("denominator" in f["flags"] for f in c["figures"]), c["text"]
            assert c["brief"] in ("2021-2025", "meeting"), c["text"]
            target_cell = c["text"].split(" | ")[1]
            assert "2030" not in target_cell and "2026–2030" not in target_cell, c["text"]


def test_the_sources_comparison_gives_the_verdict_and_a_conflict_withholds_one(built):
    claims, _obs, _docs = built
    rows = {c["text"].split(" | ")[0]: c for c in brief_text(claims, "2021-2025", "en", ("score_row",))}
    imports = next(c for label, c in rows.items() if label.startswith("Import turnover"))
    assert (imports["verdict"], imports["verdict_by"]) == ("met", "source")  # 45 / 45 / 100%
    # 17.66% and 12.73%: two standards, which the source judges the other way round (`12,73% vượt MTNQ`,
    # `17,66%, chưa đạt MTNQ`): no row says either verdict alone; a finding names both standards
    assert not [label for label in rows if label.startswith("Multidimensional poverty rate")]
    findings = [c["text"] for c in brief_text(claims, "2021-2025", "en", ("finding",))]
    assert ("Multidimensional poverty rate (2025) is given under different standards: 12.73% (2016–2020 standard); "
            "17.66% (2021–2025 standard).") in findings
    insurance = next(c for label, c in rows.items() if label.startswith("Health insurance"))
    assert (insurance["verdict"], insurance["verdict_by"]) == ("basically_met", "source")  # `98% (cơ bản đạt MTNQ 99%)`
    assert len([label for label in rows if label.startswith("Share of urban population")]) <= 1  # one row per target


def test_charts_keep_the_qualifier_of_their_figures(tmp_path):
    from dbreport.compose import compose_brief, plan_briefs
    docs, _ = ingest.read_seeds(ROOT / "seeds")
    observations = extract_all(docs)
    plan = next(p for p in plan_briefs(docs) if p.brief_id == "2024-H1")
    view = compose_brief(plan, "en", FORMATTERS["en"], docs, observations, [])
    chart = next(c for c in view.charts if c.kind == "plan")
    assert "Rice planted area (winter–spring crop)" in [label for label, _v in chart.data]
    assert chart.title == "Share of the annual plan achieved (%)"
    term = next(p for p in plan_briefs(docs) if p.brief_id == "2021-2025")
    charts = compose_brief(term, "en", FORMATTERS["en"], docs, observations, []).charts
    assert all("annual" not in c.title for c in charts)  # a five-year report's plan is no year's
    # crops follow the seasons: half the year gone is no pace for them, and no line says it is
    assert chart.pace is None and "share of the year elapsed" not in chart.alt


def test_a_plan_chart_of_indicators_without_seasons_draws_the_pace():
    from dbreport.compose.figures import Figures
    from dbreport.compose.wording import chart_specs
    from dbreport.extract.vocabulary import catalogue
    from dbreport.model import Observation

    def plan(indicator, value):
        o = Observation("r.txt", 1, f"{value}%", Decimal(value), "pct", "2024-H1", "plan_pct", indicator, "x", None)
        return Figures(indicator, plan=o, plan_base="plan")
    figures = {"budget_revenue": plan("budget_revenue", "55.8"), "exports": plan("exports", "51.2")}
    (chart,) = chart_specs(FORMATTERS["en"], figures, catalogue().indicators, "2024-H1")
    assert chart.pace == 50 and "The dotted line marks 50%" in chart.alt


def test_cards_are_not_repeated_as_bullets_and_nrd_is_spelled_out_once(built):
    claims, _obs, _docs = built
    for brief in ("2024", "2024-H1", "2021-2025", "meeting"):
        cards = brief_text(claims, brief, "en", ("card",))
        sentences = brief_text(claims, brief, "en", ("sentence",))
        carded = {tuple(sorted((f["line"], f["start"]) for f in c["figures"])) for c in cards}
        for s in sentences:
            figures = tuple(sorted((f["line"], f["start"]) for f in s["figures"]))
            assert figures not in carded, s["text"]
        texts = [c["text"] for c in claims if c["brief"] == brief and c["lang"] == "en"]
        spelled = [t for t in texts if "new rural development (NRD)" in t]
        assert len(spelled) <= 1 and (spelled or not any("NRD" in t for t in texts)), brief


def test_the_meeting_brief_shows_the_newest_tourist_arrivals_budget_and_disbursement(built):
    claims, _obs, _docs = built
    meeting = brief_text(claims, "meeting", "en", ("card", "sentence"))
    arrivals = [c["text"] for c in meeting if c["text"].startswith("Tourist arrivals")]
    assert arrivals and "310,000" in arrivals[0] and "January–February 2026" in arrivals[0]
    assert not any("1,450,000" in c["text"] for c in meeting)
    series = brief_text(claims, "meeting", "en", ("series",))
    grdp = next(c["text"] for c in series if c["text"].startswith("Gross regional domestic product"))
    assert "VND 17,970 billion (2025, at constant prices)" in grdp  # a real GRDP never reads as the nominal one
    poverty = next(c["text"] for c in series if c["text"].startswith("Multidimensional poverty rate"))
    assert poverty.split(" | ")[3] == "–"  # 17.66% (new standard) beside <16% (old): no target
    texts = " ".join(c["text"] for c in meeting)
    assert "VND 3,276 billion" in texts and "644,672" in texts


def test_the_tally_counts_the_table_rows_it_leaves_out():
    """Rows of a resolution's table with a target and a result of the same period that no row read
    stands for are counted; a row with only a later target, or outside a table, is no such row."""
    from datetime import date
    from types import SimpleNamespace

    from dbreport.compose.figures import observation_frame
    from dbreport.compose.scoreboard import unread_table_rows
    from dbreport.model import Document

    def o(line, kind, period, indicator, flags=("table",)):
        return Observation("r.txt", line, "1", Decimal(1), "pct", period, kind, indicator, "", None, flags=flags)
    observations = [o(10, "target", "2025", "forest_cover"), o(10, "estimate", "2025", "forest_cover"),  # read
                    o(11, "target", "2025", None), o(11, "estimate", "2025", None),  # no indicator: left out
                    o(12, "target", "2025", "grdp"), o(12, "estimate", "2025", "grdp"),  # two values: left out
                    o(13, "estimate", "2025", "iip"), o(13, "target", "2030", "iip"),  # no target of its period
                    o(14, "target", "2025", None, ()), o(14, "estimate", "2025", None, ())]  # text, not a table
    doc = Document(source="r.txt", path=Path("r.txt"), lines=[], title="t", kind="congress_report", period="2021/2025",
                   reference_date=date(2025, 12, 31), digest="")
    frame = observation_frame(observations, [doc])
    assert unread_table_rows(SimpleNamespace(documents=[doc]), frame, {("forest_cover", "r.txt")}) == 2


def test_a_scoreboard_cut_short_shows_every_shortfall_in_catalogue_order():
    from dbreport.compose.scoreboard import shown_rows
    rows = [(k, s) for k, s in enumerate(["met", "met", "unknown", "met", "not_met", "met", "basically_met"])]
    assert shown_rows(rows, 4) == [(0, "met"), (1, "met"), (4, "not_met"), (6, "basically_met")]
    assert shown_rows(rows, 1) == [(4, "not_met")]
    assert shown_rows(rows, 10) == rows


def test_the_change_of_a_level_stated_under_a_standard_gets_no_computed_verdict():
    """The poverty rate given under a named standard: its yearly reduction (`change_of`) is measured on
    a standard too, so a target set under another cannot judge it."""
    rate = Observation("x.txt", 1, "12,73%", Decimal("12.73"), "pct", "2025", "ratio", "poverty_rate", "", None,
                       flags=("standard_2016_2020",))
    cut = obs(2, "3.97", "pct", "estimate", "2021/2025", indicator="poverty_reduction")
    other = obs(3, "8.76", "pct", "estimate", "2021/2025", indicator="grdp")
    assert rules.two_values([], [rate, cut, other]) == {("poverty_rate", "2025"), ("poverty_reduction", "2021/2025")}


@pytest.mark.parametrize("indicator, line, expected", [
    ("industry_mining", "Chỉ số sản xuất toàn ngành công nghiệp tăng 12,1%, trong đó ngành khai khoáng tăng 9,4%",
     "production index"),
    ("iip", "Chỉ số sản xuất toàn ngành công nghiệp tăng 12,1%, trong đó ngành khai khoáng tăng 9,4%", None),
    ("industry_mining", "Công nghiệp khai khoáng ước đạt 40,96 tỷ đồng", None),  # its output value
    ("rice_area", "Lúa Đông xuân: diện tích gieo trồng 9.700 ha", "winter–spring crop"),
])
def test_a_label_qualifier_from_the_figures_line_scoped_to_its_indicators(indicator, line, expected):
    start = line.rindex(next(w for w in ("9,4%", "40,96", "9.700") if w in line))
    o = obs(1, 1, indicator=indicator, start=start, end=start + 4)
    assert rules.label_qualifier(o, line, "en") == expected
