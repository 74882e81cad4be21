"""SVG charts for the briefs, drawn with matplotlib.

Text stays text (`svg.fonttype: none`) so the PDF uses the brief's embedded font, the PDF's text
layer reads the labels, and rendering is faster. Numbers on axes go through the brief's
Formatter (8,75 in Vietnamese). Dates and hash salts are fixed so the same data gives the same
bytes. Element ids are prefixed per chart: several SVGs are inlined into one HTML page.
"""
from __future__ import annotations

import io
import re
import textwrap
from decimal import Decimal
from functools import cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from dbreport.compose import ChartSpec  # noqa: E402
from dbreport.formatting import Formatter  # noqa: E402

FONT_FAMILY = "Noto Sans"
INK, ACCENT, MUTED, GRID = "#1d2733", "#1f5a8c", "#7a8794", "#d9dee3"
CM = 1 / 2.54


@cache
def setup_fonts(fonts_dir: str) -> None:
    """Measure text with the vendored font, the one the PDF embeds, so labels fit the same way."""
    for ttf in sorted(Path(fonts_dir).glob("*.ttf")):
        font_manager.fontManager.addfont(str(ttf))


STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "dbreport",
    "font.family": FONT_FAMILY,
    "font.size": 7.5,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def tick_formatter(fmt: Formatter) -> FuncFormatter:
    return FuncFormatter(lambda x, _pos: fmt.decimal(number(x)))


def number(x: float) -> Decimal:
    """A tick or label value as the Decimal a reader expects: 8.75, 100, 0.5 (no float noise)."""
    d = Decimal(repr(round(float(x), 2))).normalize()
    return d.quantize(Decimal(1)) if d == d.to_integral() else d


def wrap(label: str, width: int = 26) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def bar_chart(spec: ChartSpec, fmt: Formatter, reference: float | None = None) -> Figure:
    """Horizontal bars from zero with the value printed at each bar: readable without colour or
    gridlines. A plan chart draws 100% (dashed) and, for part of a year, the pace (dotted, 50% for
    a half year)."""
    wide = spec.kind == "plan"  # many bars, long labels: the full text width, lower bars
    labels = [wrap(lab, 52 if wide else 26) for lab, _ in spec.data]
    values = [float(v) for _, v in spec.data]
    lines = max(lab.count("\n") + 1 for lab in labels)  # bars are evenly spaced: room for the tallest label
    height = (1.0 + (0.5 + 0.32 * (lines - 1)) * len(values)) if wide else (1.2 + 0.62 * len(values)) * 1.35
    fig = Figure(figsize=((17.4 if wide else 8.6) * CM, height * CM))
    ax = fig.add_subplot()
    ys = list(range(len(values)))[::-1]
    ax.barh(ys, values, color=ACCENT, height=0.6)
    ax.set_yticks(ys, labels)
    ax.xaxis.set_major_formatter(tick_formatter(fmt))
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.grid(axis="x", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    top = max(values + [reference or 0, 0])
    low = min(values + [0])
    ax.set_xlim(low * 1.25 if low < 0 else 0, top * 1.22 if top > 0 else 1)
    for y, (v, (_, raw)) in zip(ys, zip(values, spec.data)):
        ax.text(v, y, "  " + fmt.decimal(raw) + ("%" if spec.kind != "series" else ""), va="center",
                ha="left" if v >= 0 else "right", color=INK, fontsize=7, zorder=3,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.3})  # the 100% line passes behind
    if reference is not None:
        ax.axvline(reference, color=INK, linewidth=0.8, linestyle="--")
    if spec.pace is not None:
        ax.axvline(float(spec.pace), color=MUTED, linewidth=0.9, linestyle=":")
        ax.text(float(spec.pace), len(values) - 0.45, " " + fmt.percent(spec.pace), color=MUTED, fontsize=6.5,
                va="bottom", ha="left")
    ax.tick_params(axis="y", length=0)
    fig.tight_layout(pad=0.3)
    return fig


def series_chart(spec: ChartSpec, fmt: Formatter) -> Figure:
    """Small multiples, one per indicator: units differ, so no shared axis."""
    n = len(spec.data)
    cols = min(n, 2)
    rows = (n + cols - 1) // cols
    fig = Figure(figsize=(17.4 * CM, 4.6 * CM * rows))
    for k, (label, points, unit) in enumerate(spec.data):
        ax = fig.add_subplot(rows, cols, k + 1)
        xs = list(range(len(points)))
        ys = [float(v) for _, v in points]
        ax.plot(xs, ys, color=ACCENT, marker="o", markersize=3.5, linewidth=1.4)
        for x, (_, v) in zip(xs, points):
            ax.annotate(fmt.quantity(v, unit), (x, float(v)), textcoords="offset points", xytext=(0, 5),
                        ha="center", fontsize=6.8, color=INK)
        ax.set_xticks(xs, [p for p, _ in points])
        ax.yaxis.set_major_formatter(tick_formatter(fmt))
        ax.yaxis.set_major_locator(MaxNLocator(4))
        low = min(min(ys), 0)  # levels from zero, so a small move does not look like a large one
        ax.set_ylim(low * 1.2, max(max(ys), 0) * 1.25 or 1)
        ax.set_xlim(-0.4, len(xs) - 0.6)
        ax.set_title(wrap(label, 60), fontsize=7.5, loc="left", color=INK)
        ax.grid(axis="y", color=GRID, linewidth=0.5)
    fig.tight_layout(pad=0.4)
    return fig


def figure_for(spec: ChartSpec, fmt: Formatter) -> Figure:
    if spec.kind == "series":
        return series_chart(spec, fmt)
    return bar_chart(spec, fmt, reference=100 if spec.kind == "plan" else None)


def svg_text(fig: Figure, prefix: str) -> str:
    """The figure as an inline-ready <svg> element (no XML prolog), ids made unique by `prefix`."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}-{m[1]}"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', lambda m: f"url(#{prefix}-{m[1]})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m[1]}"', svg)
    return svg


def render_svg(spec: ChartSpec, fmt: Formatter, prefix: str, fonts_dir: Path) -> str:
    """One chart as SVG text, localised through `fmt`."""
    setup_fonts(str(fonts_dir))
    with matplotlib.rc_context(STYLE):
        return svg_text(figure_for(spec, fmt), prefix)
