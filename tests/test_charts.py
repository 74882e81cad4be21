"""Charts: SVG with text kept as text, localised numbers, stable bytes, ids unique per chart."""
import re
from decimal import Decimal as D
from pathlib import Path

import pytest

from dbreport.charts import number, render_svg
from dbreport.compose import ChartSpec
from dbreport.formatting import Formatter

FONTS = Path(__file__).resolve().parents[1] / "templates" / "fonts"
GROWTH = ChartSpec("growth", "Growth", [("GRDP", D("8.75")), ("Services", D("12.17")), ("Agriculture", D("1.72"))],
                   "alt")
SERIES = ChartSpec("series", "Rates", [("Poverty rate", [("2018", D("35.5")), ("2025", D("12.73"))], "pct")], "alt")


@pytest.mark.parametrize("lang, label, axis", [("vi", "8,75%", "12,17%"), ("en", "8.75%", "12.17%")])
def test_bar_labels_localised_and_text_kept_as_text(lang, label, axis):
    svg = render_svg(GROWTH, Formatter(lang), "t", FONTS)
    assert svg.startswith("<svg") and "<text" in svg and "<path d=\"M" in svg
    assert label in svg and axis in svg


@pytest.mark.parametrize("lang, tick", [("vi", "12,73%"), ("en", "12.73%")])
def test_series_points_labelled_per_locale(lang, tick):
    assert tick in render_svg(SERIES, Formatter(lang), "s", FONTS)


def test_same_data_same_bytes_and_prefixed_ids():
    a = render_svg(GROWTH, Formatter("en"), "a", FONTS)
    assert a == render_svg(GROWTH, Formatter("en"), "a", FONTS)
    b = render_svg(GROWTH, Formatter("en"), "b", FONTS)
    ids_a = set(re.findall(r' id="([^"]+)"', a))
    assert ids_a and all(i.startswith("a-") for i in ids_a)
    assert not ids_a & set(re.findall(r' id="([^"]+)"', b))
    assert all(ref[3:].startswith("a-") for ref in re.findall(r'="#[^"]+"', a))
    assert "<dc:date>" not in a


@pytest.mark.parametrize("x, expected", [(8.75, D("8.75")), (100.0, D("100")), (0.30000000000000004, D("0.3")),
                                         (2.5e3, D("2500"))])
def test_tick_numbers_have_no_float_noise(x, expected):
    assert number(x) == expected and str(number(x)) == str(expected)
