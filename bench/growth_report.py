"""The cost-growth benchmark's results (``bench/cost_growth.py``): ``results/growth.json``,
``results/growth.md`` (one table per axis) and the chart ``docs/performance/growth.png``."""

import json
import math
import os
import platform
import re
from collections import Counter

from results_file import RESULTS, ROOT

CHART = ROOT / "docs" / "performance" / "growth.png"
# Time growth as an exponent of size growth: t_max / t_min = (s_max / s_min) ** k.
FLAT_K, LOG_K = 0.05, 0.2


def write(parts, runs, warmup, seconds):
    cells = [cell for part in parts for cell in part["cells"]]
    axes = {}
    for cell in cells:
        rows = axes.setdefault(cell["axis"], {})
        rows.setdefault(cell["page"], {})[str(cell["size"])] = cell
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "runs": runs,
        "warmup": warmup,
        "seconds": round(seconds),
        "parts": [{k: v for k, v in part.items() if k != "cells"} for part in parts],
        "axes": {
            axis: {page: {**row, "verdict": verdict(row)} for page, row in rows.items()}
            for axis, rows in axes.items()
        },
    }
    md = markdown(result)
    for rows in result["axes"].values():
        for row in rows.values():
            if not row["verdict"].startswith("grows (queries"):
                for size, cell in row.items():
                    if size != "verdict":
                        cell.pop("sql")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "growth.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / "growth.md").write_text(md)
    chart(result)
    print(md)
    print(f"Results: bench/results/growth.md, .json; chart {CHART.relative_to(ROOT)}")


def size_value(size):
    """'1k' -> 1000; a size of 0 counts as 1 (a ratio needs it)."""
    number = float(re.sub(r"[kM]$", "", size)) * {"k": 1e3, "M": 1e6}.get(size[-1], 1)
    return max(number, 1)


def verdict(row):
    sizes = list(row)
    queries = {row[s]["queries"] for s in sizes}
    first, last = row[sizes[0]], row[sizes[-1]]
    if len(sizes) < 2:
        return "one size only"
    k = math.log(last["p50"] / first["p50"]) / math.log(
        size_value(sizes[-1]) / size_value(sizes[0])
    )
    time = "flat" if k < FLAT_K else "logarithmic" if k < LOG_K else "grows"
    if len(queries) > 1:
        return f"grows (queries {first['queries']} → {last['queries']}; time {time})"
    return time if time == "flat" else f"{time} (time ×{last['p50'] / first['p50']:.1f})"


def markdown(result):
    lines = [
        "# Cost growth",
        "",
        "Written by `make bench-growth` (`bench/cost_growth.py`); do not edit by hand.",
        "Each page is requested through Django's test client in the benchmark's process,",
        "signed in, DEBUG off, on MariaDB on the same machine: the time is Django's own, from",
        "the first middleware to the response, without HTTP. A cell is the SQL queries of one",
        f"request / the p50 of {result['runs']} requests after {result['warmup']} untimed.",
        "",
        f"Machine: {result['machine']}. The whole run took {result['seconds'] / 60:.1f} min.",
        "",
        "| Part | Database | Completions | Seed and migrate check (s) | Load (1 min) | Measured |",
        "|---|---|--:|--:|---|---|",
    ]
    for part in result["parts"]:
        load = " → ".join(f"{x:.1f}" for x in part["load"])
        lines.append(
            f"| {part['part']} | `{part['database']}` | {part['completions']:,} "
            f"| {part['seed_seconds']} | {load} | {part['measured_at']} |"
        )
    lines += [
        "",
        "Verdict: *flat* when every size makes the same queries and the p50 grows less than",
        f"(size ratio)^{FLAT_K}; *logarithmic* below (size ratio)^{LOG_K}; *grows* above, or",
        "whenever the query count changes with the size. Time differences of 10-20 % are",
        "within the noise of a shared machine; the query counts are exact. The completions",
        "axis is named by `seed_scale`'s completions (1k, 100k, 1M); the table above gives",
        "each database's total (demo, seed_scale and, in `elevate_growth`, the other axes').",
    ]
    for axis, rows in result["axes"].items():
        sizes = [s for s in next(iter(rows.values())) if s != "verdict"]
        lines += [
            "",
            f"## {axis[0].upper()}{axis[1:]}",
            "",
            "| Page | " + " | ".join(sizes) + " | Verdict |",
            "|---|" + "--:|" * len(sizes) + "---|",
        ]
        for page, row in rows.items():
            cells = " | ".join(f"{row[s]['queries']} q / {row[s]['p50']} ms" for s in sizes)
            lines.append(f"| {page} | {cells} | {row['verdict']} |")
    lines += ["", "## What grows: the queries added between the smallest and largest size", ""]
    grown = 0
    for axis, rows in result["axes"].items():
        for page, row in rows.items():
            extra = added_queries(row)
            if extra:
                grown += 1
                lines.append(f"- **{axis}, {page}**:")
                lines += [f"  - {n} × `{sql}`" for sql, n in extra]
    if not grown:
        lines.append("No page's query count changes with the size.")
    return "\n".join(lines) + "\n"


def added_queries(row):
    """The query shapes the largest size makes more often than the smallest, when the
    query count changes (literals replaced: paths, ids)."""
    sizes = [s for s in row if s != "verdict"]
    if len({row[s]["queries"] for s in sizes}) < 2:
        return []
    shape = lambda cell: Counter(  # noqa: E731
        re.sub(r"'[^']*'|\b\d+\b", "?", sql) for sql in cell["sql"]
    )
    extra = shape(row[sizes[-1]]) - shape(row[sizes[0]])
    return [(sql[:160], n) for sql, n in extra.most_common(4)]


def chart(result):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    axes = result["axes"]
    figure, grid = plt.subplots(2, 2, figsize=(11, 8))
    for plot, (axis, rows) in zip(grid.flat, axes.items(), strict=False):
        for page, row in rows.items():
            sizes = [s for s in row if s != "verdict"]
            plot.plot(sizes, [row[s]["p50"] for s in sizes], marker="o", label=page)
        plot.set_title(axis)
        plot.set_xlabel("size")
        plot.set_ylabel("server time p50 (ms)")
        plot.set_ylim(bottom=0)
        plot.grid(alpha=0.3)
        plot.legend(fontsize=7)
    figure.suptitle("Server time against size (Django test client, MariaDB, DEBUG off)")
    figure.tight_layout()
    CHART.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(CHART, dpi=90)
