"""`make bench`'s charts (matplotlib, no display): throughput of every scenario next to its
baseline, each target's ratio against the line it must reach (the median over the rounds,
the whiskers their lowest and highest; seed_scale's data beside the demo's), and the
capacity ladder."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from capacity import P95_LIMIT_S  # noqa: E402
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
    whiskers = [
        [r["rps"] - r.get("rps_min", r["rps"]) for r in rows][::-1],
        [r.get("rps_max", r["rps"]) - r["rps"] for r in rows][::-1],
    ]
    colours = [COLOURS.get(r["group"], "black") for r in rows][::-1]
    bars = axes.barh(names, rates, color=colours, xerr=whiskers, capsize=2)
    axes.set_xscale("log")
    axes.set_xlabel("requests/s (log scale)")
    for bar, rate in zip(bars, rates, strict=True):
        axes.text(rate * 1.05, bar.get_y() + bar.get_height() / 2, f"{rate:,.0f}", va="center")
    axes.set_xlim(right=max(rates) * 4)
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in COLOURS.values()]
    axes.legend(handles, COLOURS.keys(), loc="lower right")
    m = summary["machine"]
    axes.set_title(
        f"make bench, {summary['measured']}: {m['cpus']} CPUs, {summary['topology']}\n"
        f"median of {summary.get('rounds') or 1} rounds",
        fontsize=10,
    )
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def targets(summary, path):
    """Each ratio target: the measured median ratio (bar, whiskers min–max over the rounds)
    on the demo data and on seed_scale's, and the ratio it must reach (line)."""
    sets = [("demo", summary["scenarios"])]
    if summary.get("seed_scale"):
        sets.append(("seed_scale", summary["seed_scale"]["scenarios"]))
    by_set = [(label, {row["name"]: row for row in rows}) for label, rows in sets]
    chosen = [t for t in TARGETS if t.ratio is not None and t.scenario in by_set[0][1]]
    height = 0.8 / len(by_set)
    figure, axes = plt.subplots(figsize=(9, 0.7 * len(chosen) * len(by_set) + 1.6))
    highest = 1.0
    for place, target in enumerate(chosen):
        for number, (label, by_name) in enumerate(by_set):
            row = by_name.get(target.scenario)
            if not row or row["ratio"] is None:
                continue
            ratio = row["ratio"]
            y = place - 0.4 + height * (number + 0.5)
            colour = "#2ca02c" if ratio >= target.ratio else "#d62728"
            low, high = row.get("ratio_min", ratio), row.get("ratio_max", ratio)
            axes.barh(
                y,
                ratio * 100,
                height=height * 0.9,
                color=colour,
                hatch="//" if number else None,
                xerr=[[(ratio - low) * 100], [(high - ratio) * 100]],
                capsize=2,
            )
            axes.text(high * 100 + 1, y, f"{ratio:.1%} ({label})", va="center", fontsize=8)
            highest = max(highest, high)
        axes.plot([target.ratio * 100] * 2, [place - 0.4, place + 0.4], color="black", lw=2)
    axes.set_yticks(range(len(chosen)), [t.label for t in chosen])
    axes.invert_yaxis()
    axes.set_xlabel("% of the baseline's requests/s, median of the rounds (black line: target)")
    axes.set_xlim(0, highest * 130)
    axes.set_title(
        f"make bench, {summary['measured']}: ratios to the baselines\n"
        "(plain: demo data, hatched: seed_scale data;\nwhiskers: lowest and highest round)",
        fontsize=10,
    )
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def ladder(summary, path):
    """The capacity ladder: req/s and p95 at each concurrency, the 200 ms line."""
    steps = (summary.get("capacity") or {}).get("ladder") or {}
    steps = steps.get("steps") or []
    if not steps:
        return
    figure, axes = plt.subplots(figsize=(8, 4))
    counts = [s["connections"] for s in steps]
    axes.plot(counts, [s["p95_ms"] for s in steps], marker="o", color="#d62728", label="p95 ms")
    axes.axhline(P95_LIMIT_S * 1000, color="black", lw=1, ls="--")
    axes.set_xscale("log", base=2)
    axes.set_xticks(counts, [str(c) for c in counts])
    axes.set_xlabel("wrk connections (signed-in lesson through nginx, 2 replicas)")
    axes.set_ylabel("p95 ms (dashed: 200 ms)")
    rates = axes.twinx()
    rates.plot(counts, [s["rps"] for s in steps], marker="s", color="#1f77b4")
    rates.set_ylabel("requests/s", color="#1f77b4")
    rates.set_ylim(bottom=0)
    data = summary["capacity"]["ladder"].get("data", "")
    axes.set_title(
        f"make bench, {summary['measured']}: capacity ladder on the {data} data, measured",
        fontsize=10,
    )
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def draw(summary, directory):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    throughput(summary, directory / "bench-throughput.png")
    targets(summary, directory / "bench-targets.png")
    ladder(summary, directory / "bench-capacity.png")
