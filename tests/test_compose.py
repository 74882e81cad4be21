"""Brief view-models from observations: which figures, which order, which words.

The sample below is INPUT: figures of the real seed texts written out by hand (values, lines and
quotes as in seeds/), so compose and render can be tested without the extraction engine.
Other render tests import it from here.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from dbreport.compose import SECTION_ORDER, compose_brief, history, observation_frame, plan_briefs, rules, trend_of
from dbreport.extract import vocabulary
from dbreport.extract.vocabulary import Indicator
from dbreport.formatting import Formatter
from dbreport.model import Document, Finding, Observation, SourceRef
from dbreport.render import load_translations

ROOT = Path(__file__).resolve().parents[1]
H1, CONGRESS, NEWS = "003_ef69970aeb95dbad.txt", "004_8755e86a2ddf8e48.txt", "002_e5c3b20fb8a60370.txt"

# A test catalogue with the real catalogue's types (labels shorter than the real ones), passed to
# compose and render explicitly: nothing in the engine is patched.
CATALOGUE = {i.id: i for i in [
    Indicator("grdp", "economy", "VND_bn", "up", "Tổng sản phẩm trên địa bàn (GRDP)", "GRDP", (), True),
    Indicator("grdp_agri", "economy", "VND_bn", "up", "Khu vực nông, lâm nghiệp, thủy sản",
              "Agriculture, forestry and fishery", ()),
    Indicator("grdp_industry", "economy", "VND_bn", "up", "Khu vực công nghiệp và xây dựng",
              "Industry and construction", ()),
    Indicator("grdp_services", "economy", "VND_bn", "up", "Khu vực dịch vụ", "Services", ()),
    Indicator("grdp_taxes", "economy", "VND_bn", "up", "Thuế sản phẩm trừ trợ cấp sản phẩm",
              "Product taxes less subsidies", ()),
    Indicator("grdp_per_capita", "economy", "VND_mn", "up", "GRDP bình quân đầu người", "GRDP per capita", (), True),
    Indicator("budget_revenue", "public_finance", "VND_bn", "up", "Thu ngân sách nhà nước trên địa bàn",
              "State budget revenue in the province", (), True),
    Indicator("retail_sales", "services_trade_tourism", "VND_bn", "up",
              "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
              "Total retail sales of consumer goods and services", (), True),
    Indicator("tourist_arrivals", "services_trade_tourism", "visits", "up", "Lượt khách du lịch", "Tourist arrivals",
              (), True),
    Indicator("poverty_rate", "poverty_social", "pct", "down", "Tỷ lệ hộ nghèo", "Poverty rate", (), True),
    Indicator("forest_cover", "agriculture_forestry", "pct", "up", "Tỷ lệ che phủ rừng", "Forest cover rate", (), True),
    Indicator("new_enterprises", "enterprises", "count", "up", "Doanh nghiệp thành lập mới",
              "Newly established enterprises", (), True),
]}


def document(source: str, kind: str, period: str, title: str, ref: date, issued: date | None = None) -> Document:
    lines = (ROOT / "seeds" / source).read_text("utf-8").splitlines()
    return Document(source, ROOT / "seeds" / source, lines, title, kind, period, ref, "0" * 64, issued=issued)


def sample_documents() -> list[Document]:
    return [
        document(H1, "half_year_report", "2024-H1", "Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm 2024",
                 date(2024, 6, 30), date(2024, 7, 5)),
        document(CONGRESS, "congress_report", "2021/2025", "Báo cáo chính trị Đại hội Đảng bộ tỉnh",
                 date(2025, 9, 30), date(2025, 10, 10)),
        document(NEWS, "news", "2026-01/2026-02", "Thủ tướng làm việc với tỉnh Điện Biên", date(2026, 3, 8),
                 date(2026, 3, 8)),
    ]


def o(docs, source, line, quote, value, unit, period, kind, indicator, comparison=None, qualifier=None) -> Observation:
    doc = next(d for d in docs if d.source == source)
    text = doc.lines[line - 1]
    start = text.find(quote)
    assert start >= 0, (source, line, quote)
    cat = CATALOGUE.get(indicator)
    return Observation(source, line, quote, D(value), unit, period, kind, indicator,
                       cat.label_vi if cat else "", cat.label_en if cat else None,
                       qualifier=qualifier, comparison=comparison, start=start, end=start + len(quote))


def sample_observations(docs: list[Document] | None = None) -> list[Observation]:
    docs = docs or sample_documents()
    h = lambda *a, **k: o(docs, H1, *a, **k)  # noqa: E731
    c = lambda *a, **k: o(docs, CONGRESS, *a, **k)  # noqa: E731
    return [
        h(54, "7.155,29 tỷ đồng", "7155.29", "VND_bn", "2024-H1", "estimate", "grdp"),
        h(54, "8,75%", "8.75", "pct", "2024-H1", "yoy_change", "grdp", comparison="same_period"),
        h(56, "3/14 tỉnh", "3", "rank", "2024-H1", "rank", "grdp"),
        h(58, "1.203,14 tỷ đồng", "1203.14", "VND_bn", "2024-H1", "actual", "grdp_agri"),
        h(60, "1,72%", "1.72", "pct", "2024-H1", "yoy_change", "grdp_agri", comparison="same_period"),
        h(60, "1.375,25 tỷ đồng", "1375.25", "VND_bn", "2024-H1", "actual", "grdp_industry"),
        h(60, "5,9%", "5.9", "pct", "2024-H1", "yoy_change", "grdp_industry", comparison="same_period"),
        h(62, "4.253,67 tỷ đồng", "4253.67", "VND_bn", "2024-H1", "actual", "grdp_services"),
        h(62, "12,17%", "12.17", "pct", "2024-H1", "yoy_change", "grdp_services", comparison="same_period"),
        h(68, "16,47%", "16.47", "pct", "2024-H1", "share", "grdp_agri"),
        h(68, "1,12%", "-1.12", "pp", "2024-H1", "change", "grdp_agri", comparison="same_period"),
        h(70, "17,79%", "17.79", "pct", "2024-H1", "share", "grdp_industry"),
        h(70, "61,25%", "61.25", "pct", "2024-H1", "share", "grdp_services"),
        h(72, "4,49%", "4.49", "pct", "2024-H1", "share", "grdp_taxes"),
        c(4217, "12,73%", "12.73", "pct", "2025", "estimate", "poverty_rate"),
        c(3931, "<16", "16", "pct", "2025", "target", "poverty_rate", qualifier="<"),
        c(4125, "45,5", "45.5", "pct", "2025", "target", "forest_cover"),
        c(4125, "45,5 -", "45.5", "pct", "2025", "actual", "forest_cover"),
        c(4125, "48", "48", "pct", "2030", "target", "forest_cover"),
    ]


def sample_findings() -> list[Finding]:
    return [Finding("conflict", "grdp", "2024-H1", (D("8.75"), D("8.57")), (SourceRef(H1, 54, 0, 5),))]


@pytest.fixture(scope="module")
def data():
    docs = sample_documents()
    return docs, sample_observations(docs), sample_findings()


def compose(data, brief_id: str, lang: str, translated: bool = False):
    """A brief's view-model; worded by the msgids (English), or by the real catalogs when `translated`."""
    docs, obs, findings = data
    plan = next(p for p in plan_briefs(docs) if p.brief_id == brief_id)
    fmt = Formatter(lang, load_translations(ROOT / "locale", lang) if translated else None)
    return compose_brief(plan, lang, fmt, docs, obs, findings, CATALOGUE)


def test_one_period_brief_per_document_period_plus_meeting(data):
    assert [(p.brief_id, p.kind) for p in plan_briefs(data[0])] == [
        ("2024-H1", "period"), ("2021-2025", "period"), ("2026-01-2026-02", "period"), ("meeting", "meeting")]


@pytest.mark.parametrize("lang, value, change", [
    ("vi", "7.155,29 tỷ đồng", "+8,75%"),
    ("en", "VND 7,155.29 billion", "+8.75%"),
])
def test_grdp_card_is_first_with_locale_figures(data, lang, value, change):
    view = compose(data, "2024-H1", lang)
    card = view.cards[0]
    assert (card.value, card.change, card.direction, card.tone) == (value, change, "up", "good")
    assert card.notes == [1]  # one note per source line: value and change stand on line 54


@pytest.mark.parametrize("lang, sentence", [
    ("en", "GRDP is estimated at VND 7,155.29 billion (at constant 2010 prices), up 8.75% over the same period "
           "last year, ranking 3rd of 14 provinces in the Northern Midlands and Mountains."),
])
def test_narrative_sentence_without_catalog_is_english_msgid(data, lang, sentence):
    view = compose(data, "2024-H1", lang)
    assert view.sections[0].sentences[0].text == sentence


def test_sections_in_order_and_only_with_figures(data):
    """A section with no figure is left out ("no figures for this topic" would be a claim about the
    sources, wrong whenever extraction misses one); one whose figures are all on cards stays."""
    view = compose(data, "2026-01-2026-02", "en")
    keys = [s.key for s in view.sections]
    assert keys == [k for k in SECTION_ORDER if k in keys]
    assert "economy" not in keys and "society" not in keys
    assert all(s.sentences for s in view.sections)


def test_structure_sentence_lists_sector_shares(data):
    view = compose(data, "2024-H1", "en")
    assert view.sections[0].sentences[1].text.startswith("GRDP structure: agriculture, forestry and fishery 16.47%;")


def test_scoreboard_rows_are_source_rows_with_a_verdict_only_by_rule(data):
    """Only resolution targets, each row on one basis: no fraction's denominator (a half-year
    report's carried-over capital), no row whose only target is 2030's, no term total beside one
    year's cell, a verdict from the source's column (imports 45 / 45 / 100% is met), none computed
    over two values of one result (poverty, two standards); the tally counts what it shows."""
    assert not compose(data, "2024-H1", "en").scoreboard
    view = compose(data, "2021-2025", "en")
    rows = {r.label: r for r in view.scoreboard}
    assert all("(2030)" not in r.target for r in view.scoreboard)
    assert not any(label.startswith("Total social") for label in rows)
    met = sum(r.status == "met" for r in view.scoreboard)
    judged = sum(r.status != "unknown" for r in view.scoreboard)
    assert not view.scoreboard_summary.startswith("0 of 0")
    assert (f"{met} of {judged} targets with a verdict met" in view.scoreboard_summary) == (judged > 0)


@pytest.mark.parametrize("target, achieved, good, expected", [
    ("16", "12.73", "down", "met"), ("16", "17.66", "down", "not_met"),
    ("45.5", "45.5", "up", "met"), ("48", "45.5", "up", "not_met"), ("48", "45.5", "neutral", None),
])
def test_computed_verdict_on_the_same_basis(target, achieved, good, expected):
    mk = lambda v, k: Observation("x", 1, "", D(v), "pct", "2025", k, "i", "", None)  # noqa: E731
    assert rules.computed_verdict(mk(target, "target"), mk(achieved, "actual"), good, "level", "level") == expected


def test_every_figure_shown_has_a_note_with_source_and_line(data):
    view = compose(data, "2024-H1", "vi")
    cited = {n for c in view.cards for n in c.notes} | {n for s in view.sections for x in s.sentences for n in x.notes}
    assert cited == {n.number for n in view.notes if n.quotes}
    assert all(n.line > 0 and n.source.endswith(".txt") for n in view.notes)


def test_meeting_brief_latest_value_with_earlier_and_target(data):
    docs, obs, findings = data
    extra = Observation(H1, 1, "", D("25.5"), "pct", "2023", "actual", "poverty_rate", "Tỷ lệ hộ nghèo", "Poverty rate")
    view = compose((docs, obs + [extra], findings), "meeting", "en")
    row = next(r for r in view.series if r.label == "Poverty rate")
    assert row.latest == "12.73% (2025)" and row.earlier == "2023: 25.5%" and row.trend == "down"


def test_history_keeps_later_document_for_same_period(data):
    docs, obs, _ = data
    frame = observation_frame(obs, docs)
    levels = history([r for r in frame if r.indicator == "poverty_rate"])
    assert [x.period for x in levels] == ["2025"]
    assert trend_of(levels, None) is None


def test_findings_worded_per_language(data):
    assert compose(data, "2024-H1", "en").findings[0].text == (
        "GRDP (first half of 2024) is given with different values: 8.75; 8.57.")


def test_headlines_are_three_to_five_plain_sentences(data):
    view = compose(data, "2024-H1", "en")
    assert 3 <= len(view.headlines) <= 5 and all(h.endswith(".") for h in view.headlines)


def test_compose_uses_the_engine_catalogue_by_default(data):
    docs, obs, findings = data
    plan = plan_briefs(docs)[0]
    view = compose_brief(plan, "en", Formatter("en"), docs, obs, findings)
    label = vocabulary.catalogue().indicators["grdp"].label_en
    assert view.cards[0].label == label and label != CATALOGUE["grdp"].label_en


def test_missing_catalogue_is_an_error_not_an_empty_brief(data, tmp_path, monkeypatch):
    docs, obs, findings = data
    monkeypatch.setattr(vocabulary.resources, "files", lambda _package: tmp_path)  # no indicators.toml there
    vocabulary.catalogue.cache_clear()
    try:
        with pytest.raises(FileNotFoundError):
            compose_brief(plan_briefs(docs)[0], "en", Formatter("en"), docs, obs, findings)
    finally:
        monkeypatch.undo()
        vocabulary.catalogue.cache_clear()


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Tourist arrivals rose 26% over the same period last year."),
    ("vi", "Lượt khách du lịch tăng 26% so với cùng kỳ năm trước."),
])
def test_figure_with_only_a_change_has_the_change_as_its_verb(data, lang, sentence):
    docs, obs, findings = data
    extra = o(docs, NEWS, 15, "26%", "26", "pct", "2026-01/2026-02", "yoy_change", "tourist_arrivals",
              comparison="same_period")
    view = compose((docs, obs + [extra], findings), "2026-01-2026-02", lang, translated=True)
    services = next(s for s in view.sections if s.key == "services")
    assert [s.text for s in services.sentences] == [sentence]


@pytest.mark.parametrize("issued, lang, expected", [
    (date(2024, 7, 5), "en", ("issued", "5 July 2024")),
    (date(2024, 7, 5), "vi", ("issued", "ngày 5/7/2024")),
    (None, "en", None),  # no date the source states: the period's end is not one
])
def test_dateline_is_the_issue_date_only_when_the_document_states_one(data, issued, lang, expected):
    docs, obs, findings = data
    docs = [Document(**{**d.__dict__, "issued": issued}) if d.source == H1 else d for d in docs]
    view = compose((docs, obs, findings), "2024-H1", lang)
    assert (view.dateline and (view.dateline.kind, view.dateline.date)) == expected


def test_meeting_brief_dateline_is_never_an_issue_date(data):
    view = compose(data, "meeting", "en")
    assert (view.dateline.kind, view.dateline.date) == ("as_of", "31 December 2025")  # its newest figure's period


@pytest.mark.parametrize("sentence, lang, expected", [
    ("Lũy kế giải ngân là 512.300 triệu đồng, tăng 21,4% so với cùng kỳ.", "en", "Cumulative disbursement"),
    ("Lũy kế giải ngân là 512.300 triệu đồng, tăng 21,4% so với cùng kỳ.", "vi", "Lũy kế giải ngân"),
    ("Giải ngân vốn đầu tư công đạt 512.300 triệu đồng.", "en", "Public investment disbursement"),
])
def test_a_figure_named_by_a_loose_phrase_keeps_the_sources_words(sentence, lang, expected):
    from dbreport.compose.figures import indicators, label_of
    from dbreport.extract import extract_document
    doc = Document(source="t.txt", path=Path("t.txt"), lines=[sentence], title="t", kind="news", period="2026-01/2026-02",
                   reference_date=date(2026, 2, 28), digest="")
    level = extract_document(doc)[0]
    assert level.indicator == "disbursement_public_investment"
    assert label_of(level.indicator, level, indicators(), lang) == expected


def test_a_document_on_another_territory_gets_a_brief_of_its_own_and_stays_out_of_the_meeting():
    from dbreport.compose import previous_plan
    from dbreport.compose.brief import title_of

    def doc(source, period, territory):
        return Document(source=source, path=Path(source), lines=[""], title="t", kind="news", period=period,
                        reference_date=None, digest="", territory=territory)
    docs = [doc("a.txt", "2024", "Điện Biên"), doc("b.txt", "2025", "Điện Biên"), doc("c.txt", "2025", None),
            doc("d.txt", "2025", "Phú Thọ"), doc("e.txt", "2024", "Đắk Lắk")]
    plans = plan_briefs(docs)
    assert [(p.brief_id, p.sources, p.territory) for p in plans] == [
        ("2024", ("a.txt",), None), ("dak-lak-2024", ("e.txt",), "Đắk Lắk"), ("2025", ("b.txt", "c.txt"), None),
        ("phu-tho-2025", ("d.txt",), "Phú Thọ"), ("meeting", ("a.txt", "b.txt", "c.txt"), None)]
    assert previous_plan(plans[2], plans) == plans[0] and previous_plan(plans[3], plans) is None
    assert title_of(Formatter("en"), plans[3], "Điện Biên province") == "Phú Thọ province brief: year 2025"
    assert title_of(Formatter("en"), plans[2], "Điện Biên province") == "Điện Biên province brief: year 2025"


def test_a_plan_s_brief_says_its_aims_as_targets_and_shows_no_result_card():
    from dbreport.compose import compose_brief, indicators
    from dbreport.extract import extract_document
    text = ("Đến năm 2030, tỷ lệ người dân có tài khoản định danh điện tử đạt 85%; tỷ lệ che phủ rừng đạt 46%; "
            "tốc độ tăng trưởng GRDP bình quân đạt 8%/năm.")
    doc = Document(source="kh.txt", path=Path("kh.txt"), lines=[text], title="KẾ HOẠCH", kind="annual_report",
                   period="2026/2030", reference_date=date(2030, 12, 31), digest="", doc_type="plan",
                   default_kind="target")
    obs = extract_document(doc)
    view = compose_brief(plan_briefs([doc])[0], "en", Formatter("en", load_translations(ROOT / "locale", "en")), [doc],
                         obs, [], indicators())
    said = [s.text for sec in view.sections for s in sec.sentences]
    assert not view.cards
    assert "The target for forest cover rate by 2030 is 46%." in said
    assert not [s for s in said if "8%" in s]  # a rate a year said as "the target is 8%" would drop what it is
