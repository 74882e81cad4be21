"""A table row as one line of text, the way a report's flattened table reads (`label unit
17.328 17.970 103,71% 30.280`): cells in column order, one space apart, an empty cell leaving
its gap. The line's origin keeps each column's character span, so a figure's cell is known."""
from __future__ import annotations


def row_line(cells: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    text, spans = "", []
    for k, cell in enumerate(cells):
        if k:
            text += " "
        spans.append((len(text), len(text) + len(cell)))
        text += cell
    return text, tuple(spans)
