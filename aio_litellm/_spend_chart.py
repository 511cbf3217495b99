"""``aio-litellm spend export --chart``: the spend per day as stacked bars of the top groups."""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ._spend_formats import _atomic, _extra

if TYPE_CHECKING:
    from ._spend_export import DayTotals

__all__ = ["chart_series", "draw_chart"]


def chart_series(totals: DayTotals, days: Sequence[str], top: int) -> dict[str, list[float]]:
    """Spend per day of the ``top`` groups spending most over the days (biggest first), the
    others summed as ``other``; a group is named by its label, else its id, else ``(none)``."""
    by_group: dict[str | None, float] = {}
    names: dict[str | None, str] = {}
    for (_, group), s in totals.sums.items():
        by_group[group] = by_group.get(group, 0.0) + s.spend
        if s.label or group not in names:
            names[group] = s.label or group or "(none)"
    ranked = sorted(by_group, key=lambda g: (-by_group[g], g or ""))
    kept = ranked[:top]
    index = {day: i for i, day in enumerate(days)}
    columns: dict[str | None, list[float]] = {group: [0.0] * len(days) for group in kept}
    other = [0.0] * len(days)
    for (day, group), s in totals.sums.items():
        if (i := index.get(day)) is not None:
            columns.get(group, other)[i] += s.spend
    series: dict[str, list[float]] = {}
    for group, values in columns.items():
        name = names[group]
        # Two groups may share a label (two keys with one alias): both stay apart.
        series[name if name not in series and name != "other" else f"{name} ({group})"] = values
    if len(ranked) > top:
        series["other"] = other
    return series


def draw_chart(
    path: Path, days: Sequence[str], series: Mapping[str, list[float]], title: str
) -> None:
    """Per-day stacked bars (the biggest group at the bottom, ``other`` in grey on top),
    written atomically."""
    _extra("matplotlib")
    figure_module = importlib.import_module("matplotlib.figure")
    count = len(days)
    width = min(20.0, max(6.0, 0.35 * count + 3))
    fig = figure_module.Figure(figsize=(width, 4.8), layout="constrained")
    ax = fig.subplots()
    bottom = [0.0] * count
    # The default colours but their grey, kept for "other".
    palette = itertools.cycle(f"C{i}" for i in (0, 1, 2, 3, 4, 5, 6, 8, 9))
    for name, values in series.items():
        color = "0.6" if name == "other" else next(palette)
        ax.bar(range(count), values, bottom=bottom, label=name, color=color)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    step = -(-count // 40)  # at most 40 day labels
    ax.set_xticks(range(0, count, step), days[::step], rotation=90 if count > 10 else 0)
    ax.set_title(title)
    ax.set_ylabel("spend (USD)")
    if series:
        handles, labels = ax.get_legend_handles_labels()
        # Listed top to bottom as they are stacked.
        ax.legend(
            handles[::-1],
            labels[::-1],
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            fontsize="small",
        )
    with _atomic(path) as f:
        fig.savefig(f, format=path.suffix.lower().lstrip("."))
