"""Findings on the real seeds, and on small hand-made inputs for the cases the seeds do not have."""
from decimal import Decimal

import pytest

from dbreport.check import find_problems, parts_not_adding_up, shares_out_of_range
from dbreport.extract import extract_all
from dbreport.model import Observation


def obs(indicator, value, kind="estimate", unit="VND_bn", line=1, period="2024-H1", source="a.txt"):
    return Observation(source=source, line=line, quote=str(value), value=Decimal(value), unit=unit, period=period,
                       kind=kind, indicator=indicator, label_vi="x", label_en="x")


def test_tourist_growth_stated_twice_is_a_conflict_naming_both_lines(seed_documents):
    findings = find_problems(extract_all(list(seed_documents.values())))
    conflict = next(f for f in findings if f.code == "conflict" and f.indicator == "tourist_arrivals")
    assert conflict.values == (Decimal("2.18"), Decimal("2.19"))
    assert {(r.source, r.line) for r in conflict.refs} == {("003_ef69970aeb95dbad.txt", 371), ("003_ef69970aeb95dbad.txt", 1832)}


def test_h1_sectors_add_up_to_grdp_within_rounding(seed_documents):
    observations = extract_all([seed_documents["003"]])
    assert not [f for f in find_problems(observations) if f.code == "parts_do_not_add_up"]


def test_parts_that_do_not_add_up():
    parts = [obs("grdp", "7155.29"), obs("grdp_agri", "1203.14"), obs("grdp_industry", "1375.25"),
             obs("grdp_services", "4253.67"), obs("grdp_taxes", "100")]
    (finding,) = parts_not_adding_up(parts)
    assert finding.values == (Decimal("7155.29"), Decimal("6932.06"))
    assert len(finding.refs) == 5


def test_share_outside_0_100():
    (finding,) = shares_out_of_range([obs("grdp_agri", "116.47", kind="share", unit="pct"), obs("grdp_industry", "17.79", kind="share", unit="pct")])
    assert finding.values == (Decimal("116.47"),)


def test_neighbouring_sub_items_are_not_conflicts():
    assert not find_problems([obs("bts_sites", "811", kind="actual", unit="count", line=423),
                              obs("bts_sites", "820", kind="actual", unit="count", line=423)])


def test_repairs_are_reported(seed_documents):
    findings = find_problems(extract_all([seed_documents["003"]]))
    repair = next(f for f in findings if f.code == "suspicious_repair")
    assert repair.values == (Decimal("1368190"),) and repair.refs[0].line == 371


def test_a_footnote_s_gross_parts_of_a_net_change_are_no_data_problem(seed_documents):
    """Footnote 1 of the H1 report: maize area up a net 574,86 ha, "mostly in Tuần Giáo (564,52ha)
    and Mường Nhé (103,53ha)". Other districts may have fallen: two parts larger than the net change
    contradict nothing, and no finding prints their sum, a figure the source does not state."""
    doc = seed_documents["003"]
    findings = find_problems(extract_all([doc]), [doc])
    assert not [f for f in findings if f.indicator == "maize_area"]
    assert all(v in {o.value for o in extract_all([doc])} for f in findings for v in f.values if f.code == "conflict")


def test_a_footnote_breaking_a_figure_down_is_not_a_conflict(seed_documents):
    # body: rubber area up 5,87 ha; footnote 2: "Tăng 6 ha tại hộ cá thể ... giảm 0,13 ha"
    doc = seed_documents["003"]
    findings = find_problems(extract_all([doc]), [doc])
    assert not [f for f in findings if f.code == "conflict" and f.indicator == "rubber_area"]
    assert [f.indicator for f in findings if f.code == "conflict"] == ["tourist_arrivals"]


def test_the_congress_report_stating_a_figure_twice_is_found(seed_documents):
    """Its body against its appendix table: the same indicator, kind and (end-of-term) period."""
    findings = find_problems(extract_all([seed_documents["004"]]), [seed_documents["004"]])
    conflicts = {(f.indicator, f.values) for f in findings if f.code == "conflict"}
    assert ("food_output", (Decimal("101.79"), Decimal("103.13"))) in conflicts
    assert ("new_jobs", (Decimal("113.5"), Decimal("115"))) in conflicts
    assert ("vocational_training", (Decimal("8500"), Decimal("8700"))) in conflicts
    assert ("commune_road_access_rate", (Decimal("96.5"), Decimal("96.9"))) in conflicts


def test_a_conflict_names_the_kind_and_unit_of_its_values(seed_documents):
    findings = find_problems(extract_all(list(seed_documents.values())), list(seed_documents.values()))
    arrivals = next(f for f in findings if f.code == "conflict" and f.indicator == "tourist_arrivals")
    assert (arrivals.kind, arrivals.unit) == ("yoy_change", "times")


def doc(source, territory, period="2025"):
    from pathlib import Path

    from dbreport.model import Document
    return Document(source=source, path=Path(source), lines=[""], title="", kind="news", period=period,
                    reference_date=None, digest="", territory=territory)


def test_figures_of_two_provinces_are_not_a_conflict():
    a, b = obs("grdp", "8.1", kind="yoy_change", unit="pct", source="a.txt"), obs("grdp", "7.2", kind="yoy_change", unit="pct", source="b.txt")
    assert not find_problems([a, b], [doc("a.txt", "Phú Thọ"), doc("b.txt", "Đắk Lắk")])
    assert find_problems([a, b], [doc("a.txt", "Phú Thọ"), doc("b.txt", "Phú Thọ")])


def test_rounding_and_bounds_are_not_conflicts():
    from dataclasses import replace
    assert not find_problems([obs("budget_revenue", "2062", line=1), obs("budget_revenue", "2062.3", line=100)])
    above = replace(obs("schools_rate", "80", unit="pct", line=1), qualifier="trên")
    assert not find_problems([above, obs("schools_rate", "82.33", unit="pct", line=100)])
    assert find_problems([above, obs("schools_rate", "78", unit="pct", line=100)])


def test_a_yearly_average_is_not_compared_with_a_total():
    from dataclasses import replace
    average = replace(obs("new_jobs", "9200", unit="persons", line=1), flags=("annual_average",))
    assert not find_problems([average, obs("new_jobs", "46000", unit="persons", line=100)])


def test_a_rate_given_under_two_standards_is_a_finding_with_each_standard():
    from datetime import date
    from pathlib import Path

    from dbreport.extract import extract_document
    from dbreport.model import Document
    text = ("Ghi chú: Kết quả ước năm 2025, tỷ lệ hộ nghèo giảm xuống còn 11,9% vượt mục tiêu theo chuẩn nghèo giai "
            "đoạn 2016-2020. Theo chuẩn nghèo đa chiều giai đoạn 2021-2025, ước năm 2025 giảm xuống còn 16,4%.")
    d = Document(source="t.txt", path=Path("t.txt"), lines=[text], title="t", kind="congress_report", period="2021/2025",
                 reference_date=date(2025, 12, 31), digest="")
    [f] = [f for f in find_problems(extract_document(d), [d]) if f.code == "two_standards"]
    assert (f.indicator, f.period, f.values, f.detail) == ("poverty_rate", "2025", (Decimal("11.9"), Decimal("16.4")),
                                                          "2016/2020;2021/2025")


@pytest.mark.parametrize("target, result, share, off", [
    ("95000", "27948", "100", True),  # a term's target beside one year's result, called 100%
    ("8700", "9200", "113.5", True),  # 105.7% whichever way the numbers were rounded
    ("24700", "27500", "111.34", False),
    ("60", "54", "89.79", False),  # 54 may be 53.87 rounded: 89.79% is possible
    (("8000", "8300"), "8500", "107.6", True),  # a range target: 102.4% to 106.3%
    (("8000", "8300"), "8500", "104", False),
])
def test_a_table_row_s_share_of_target_must_follow_from_its_target_and_result(target, result, share, off):
    from dataclasses import replace

    from dbreport.check import shares_of_target_off
    low, high = target if isinstance(target, tuple) else (target, None)
    row = [replace(obs("x", low, "target", "persons", line=10, period="2025"), flags=("table",),
                   value_high=Decimal(high) if high else None),
           replace(obs("x", result, "estimate", "persons", line=12, period="2025"), flags=("table",)),
           replace(obs("x", share, "plan_pct", "pct", line=12, period="2025"), flags=("table",))]
    assert bool(shares_of_target_off(row)) == off
    assert not shares_of_target_off([replace(o, flags=()) for o in row])  # text, not a table row
