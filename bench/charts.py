"""`make bench`'s charts (matplotlib, no display): throughput of every scenario next to its
baseline, and each target's ratio against the line it must reach."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from scenarios import TARGETS  # noqa: E402

COLOURS = {
    "baseline": "#7f7f7f",
    "anonymous": "#1f77b4",
    "signed in": "#d62728",
    "other": "#2ca02c",
}


def throughput(summary, path):
    """Requests/s of every scenario, log scale: baselines in grey."""
    rows = summary["scenarios"]
    figure, axes = plt.subplots(figsize=(10, 0.42 * len(rows) + 1.6))
    names = [f"{r['name']} ({r['via']}, c{r['connections']})" for r in rows][::-1]
    rates = [r["rps"] for r in rows][::-1]
    colours = [COLOURS.get(r["group"], "black") for r in rows][::-1]
    bars = axes.barh(names, rates, color=colours)
    axes.set_xscale("log")
    axes.set_xlabel("requests/s (log scale)")
    for bar, rate in zip(bars, rates, strict=True):
        axes.text(rate * 1.05, bar.get_y() + bar.get_height() / 2, f"{rate:,.0f}", va="center")
    axes.set_xlim(right=max(rates) * 4)
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in COLOURS.values()]
    axes.legend(handles, COLOURS.keys(), loc="lower right")
    m = summary["machine"]
    axes.set_title(
        f"make bench, {summary['measured']}: {m['cpus']} CPUs, {summary['topology']}",
        fontsize=10,
    )
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def targets(summary, path):
    """Each ratio target: the measured ratio (bar) and the ratio it must reach (line)."""
    by_name = {row["name"]: row for row in summary["scenarios"]}
    chosen = [t for t in TARGETS if t.ratio is not None and t.scenario in by_name]
    figure, axes = plt.subplots(figsize=(9, 0.6 * len(chosen) + 1.6))
    for place, target in enumerate(chosen):
        ratio = by_name[target.scenario]["ratio"] or 0
        colour = "#2ca02c" if ratio >= target.ratio else "#d62728"
        axes.barh(place, ratio * 100, color=colour)
        axes.plot([target.ratio * 100] * 2, [place - 0.4, place + 0.4], color="black", lw=2)
        axes.text(ratio * 100 + 1, place, f"{ratio:.1%}", va="center")
    axes.set_yticks(range(len(chosen)), [t.label for t in chosen])
    axes.invert_yaxis()
    axes.set_xlabel("% of the baseline's requests/s (black line: the target)")
    highest = max([by_name[t.scenario]["ratio"] or 0 for t in chosen] + [1.0])
    axes.set_xlim(0, highest * 120)
    axes.set_title(f"make bench, {summary['measured']}: ratios to the baselines", fontsize=10)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def draw(summary, directory):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    throughput(summary, directory / "bench-throughput.png")
    targets(summary, directory / "bench-targets.png")
