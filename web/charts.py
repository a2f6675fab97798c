"""Chart specifications for web/static/charts.js: plain data (labels and series), never
ECharts options, so every chart can be printed as the table beside it from the same rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any


def month_label(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def chart(
    kind: str,
    x: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | float | None]]],
    stacked: bool = False,
) -> dict[str, Any]:
    """kind: "line" or "bar"; series: (name, one value per x label; None: no value)."""
    return {
        "kind": kind,
        "x": list(x),
        "series": [{"name": name, "data": list(values)} for name, values in series],
        "stacked": stacked,
    }


def heat(
    x: Sequence[str], y: Sequence[str], cells: Sequence[tuple[int, int, int]]
) -> dict[str, Any]:
    """A grid of counts: cells are (x index, y index, value)."""
    return {"kind": "heatmap", "x": list(x), "y": list(y), "cells": [list(c) for c in cells]}


def pie(parts: Sequence[tuple[str, int]]) -> dict[str, Any]:
    return {"kind": "pie", "parts": [{"name": n, "value": v} for n, v in parts]}
