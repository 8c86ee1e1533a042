"""`make bench`'s figures: wrk's output read into numbers, the ratios to the baselines
(taken within each round, then the median over the rounds and their spread), the targets
met or short, the capacity, and the machine; written to bench/results/bench.md and .json."""

import json
import os
import platform
import re
import statistics
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import capacity_report
from scenarios import DURATION, TARGETS, THREADS

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def parse_wrk(output):
    """Figures from wrk's output with bench.lua's "BENCH {…}" line: requests/s, p50, p95,
    p99 and max in ms, and errors (responses other than 2xx/3xx, and socket errors)."""
    line = re.search(r"^BENCH (\{.*\})$", output, re.MULTILINE)
    if not line:
        raise ValueError(f"no BENCH line in wrk's output:\n{output}")
    raw = json.loads(line.group(1))
    socket_errors = sum(raw[kind] for kind in ("connect", "read", "write", "timeout"))
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        **{f"{p}_ms": raw[f"{p}_us"] / 1000 for p in ("p50", "p95", "p99", "max")},
        "errors": raw["status"] + socket_errors,
        "non_2xx_3xx": raw["status"],
        "socket_errors": socket_errors,
    }


def loadavg():
    return Path("/proc/loadavg").read_text().split()[:3]


def _version(command, pattern=r"\d+\.\d+(\.\d+)?"):
    try:
        # The tools' own --version, by name: what the stack ran.
        result = subprocess.run(command, capture_output=True, text=True, timeout=10)  # noqa: S603
    except OSError:
        return "?"
    found = re.search(pattern, result.stdout + result.stderr)
    return found.group(0) if found else "?"


def machine(load_before):
    import django
    import wagtail

    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    memory = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu.group(1) if cpu else platform.processor(),
        "memory_gb": round(int(memory.group(1)) / 1024**2, 1) if memory else None,
        "load_before": load_before,
        "load_after": loadavg(),
        "python": platform.python_version(),
        "django": django.__version__,
        "wagtail": wagtail.__version__,
        "gunicorn": _version([str(ROOT / ".venv" / "bin" / "gunicorn"), "--version"]),
        "nginx": _version(["nginx", "-v"]),
        "mariadb": _version(["mariadbd", "--version"]),
        "redis": _version(["redis-server", "--version"]),
        "wrk": _version(["wrk", "-v"], r"wrk \S+"),
    }


def round_ratios(results):
    """{scenario: its rate / its baseline's rate} within one round; None without a
    baseline (or when the baseline did not run in that round)."""
    rates = {r["scenario"].name: r["rps"] for r in results}
    ratios = {}
    for result in results:
        base = rates.get(result["scenario"].baseline)
        ratios[result["scenario"].name] = result["rps"] / base if base else None
    return ratios


def spread(values):
    """(median, min, max) of the values that are not None; (None, None, None) if none."""
    values = [v for v in values if v is not None]
    if not values:
        return None, None, None
    return statistics.median(values), min(values), max(values)


def summarise(rounds):
    """One row per scenario over the rounds (each a list of run_scenario results): the
    median rate and ratio with their min and max, median latencies, the errors of all
    rounds, the CPU per request of each round; and the targets judged on the medians."""
    ratios = [round_ratios(results) for results in rounds]
    order = [r["scenario"] for r in rounds[0]] if rounds else []
    rows = []
    for scenario in order:
        runs = [
            (number, r)
            for number, results in enumerate(rounds)
            for r in results
            if r["scenario"].name == scenario.name
        ]
        rates = [r["rps"] for _, r in runs]
        ratio = spread(ratios[number][scenario.name] for number, _ in runs)
        rps = spread(rates)
        cpu_rounds = [r.get("cpu_ms") for _, r in runs]
        rows.append(
            {
                "name": scenario.name,
                "group": scenario.group,
                "via": scenario.via,
                "method": scenario.method,
                "session": scenario.session,
                "connections": scenario.connections,
                "url": runs[0][1]["url"],
                "baseline": scenario.baseline,
                "rounds": len(runs),
                "rps": rps[0],
                "rps_min": rps[1],
                "rps_max": rps[2],
                "rps_rounds": rates,
                "ratio": ratio[0],
                "ratio_min": ratio[1],
                "ratio_max": ratio[2],
                "ratio_rounds": [ratios[number][scenario.name] for number, _ in runs],
                **{
                    key: statistics.median(r[key] for _, r in runs)
                    for key in ("p50_ms", "p95_ms", "p99_ms")
                },
                "max_ms": max(r["max_ms"] for _, r in runs),
                **{
                    key: sum(r[key] for _, r in runs)
                    for key in ("requests", "errors", "non_2xx_3xx", "socket_errors")
                },
                "cpu_ms_rounds": cpu_rounds,
                "cpu_ms": {
                    group: spread(c.get(group) for c in cpu_rounds if c)[0]
                    for group in (cpu_rounds[0] or {})
                },
            }
        )
    by_name = {row["name"]: row for row in rows}
    targets = [
        {
            "target": t.label,
            "scenario": t.scenario,
            "met": t.met(by_name[t.scenario]),
            "ratio": by_name[t.scenario]["ratio"],
            "ratio_min": by_name[t.scenario]["ratio_min"],
            "ratio_max": by_name[t.scenario]["ratio_max"],
            "p99_target_ms": t.p99_ms,
            "p99_ms": by_name[t.scenario]["p99_ms"],
            "errors": by_name[t.scenario]["errors"],
        }
        for t in TARGETS
        if t.scenario in by_name
    ]
    return rows, targets


def write(phases, stack, load_before, elapsed, wrote, ladder=None, seeding_s=None):
    """``phases``: {"demo": rounds, "seed_scale": rounds or None}."""
    tables = {}
    for data, rounds in phases.items():
        if rounds:
            rows, targets = summarise(rounds)
            tables[data] = {"rounds": len(rounds), "scenarios": rows, "targets": targets}
    demo = tables.get("demo", {})
    summary = {
        "measured": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "seconds": round(elapsed),
        "duration_s": DURATION,
        "rounds": demo.get("rounds"),
        "threads": THREADS,
        "topology": f"nginx → {stack.replicas} gunicorn replicas × {stack.workers} sync workers",
        "machine": machine(load_before),
        # The demo data's figures at the top level, as before: the charts and docs read them.
        "scenarios": demo.get("scenarios", []),
        "targets": demo.get("targets", []),
        "seed_scale": tables.get("seed_scale"),
        "seeding_s": round(seeding_s) if seeding_s is not None else None,
        "capacity": capacity_report.capacity_summary(
            demo.get("scenarios"), (tables.get("seed_scale") or {}).get("scenarios"), ladder
        ),
        "posts_wrote": wrote,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / "bench.md").write_text(markdown(summary))
    return summary


def _pct(value):
    return f"{value:.1%}" if value is not None else ""


def _range(low, high, fmt):
    return f"{fmt(low)}–{fmt(high)}" if low is not None else ""


def scenario_table(rows):
    lines = [
        "| Scenario | Via | Conns | req/s | req/s min–max | p50 ms | p95 ms | p99 ms "
        "| Errors | CPU ms/req | Ratio | Ratio min–max | to |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for row in rows:
        app = row["cpu_ms"].get("app")
        lines.append(
            f"| {row['name']} | {row['via']} | {row['connections']} | {row['rps']:,.0f} "
            f"| {_range(row['rps_min'], row['rps_max'], lambda v: f'{v:,.0f}')} "
            f"| {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['p99_ms']:.1f} "
            f"| {row['errors']} | {f'{app:.1f}' if app is not None else ''} "
            f"| {_pct(row['ratio'])} | {_range(row['ratio_min'], row['ratio_max'], _pct)} "
            f"| {row['baseline'] or ''} |"
        )
    return lines


def _target_cell(target):
    if target is None:
        return " | "
    if target["p99_target_ms"] is None:
        figure = (
            f"{_pct(target['ratio'])} ({_range(target['ratio_min'], target['ratio_max'], _pct)})"
        )
    else:
        figure = f"p99 {target['p99_ms']:.1f} ms, {target['errors']} errors"
    return f"{figure} | {'met' if target['met'] else 'short'}"


def targets_table(summary):
    scale = summary.get("seed_scale") or {}
    scale_targets = {t["target"]: t for t in scale.get("targets", [])}
    lines = [
        "| Target | Demo data: median (min–max) | | seed_scale data | |",
        "|---|--:|---|--:|---|",
    ]
    for target in summary["targets"]:
        lines.append(
            f"| {target['target']} | {_target_cell(target)} "
            f"| {_target_cell(scale_targets.get(target['target']))} |"
        )
    return lines


def markdown(summary):
    m = summary["machine"]
    scale = summary.get("seed_scale")
    lines = [
        "# `make bench`",
        "",
        "Written by `make bench` (`bench/run.py`); do not edit by hand. On loopback:",
        f"{summary['topology']}, MariaDB and Redis on the same machine;",
        f"wrk with {summary['threads']} threads, {summary['duration_s']} s per scenario, "
        f"{summary['rounds']} rounds of every scenario on the demo data"
        + (f", {scale['rounds']} on seed_scale's data." if scale else "."),
        "A ratio is taken within a round (the scenario and its baseline measured minutes "
        "apart at most); the tables show the median over the rounds and the lowest and "
        "highest. Targets are judged on the median.",
        "*Direct* is the first replica's gunicorn alone (2 sync workers), without nginx.",
        "Signed-in scenarios rotate over the bench learners' own sessions.",
        "",
        f"Measured {summary['measured']}, the whole command took {summary['seconds']} s"
        + (f" (seeding seed_scale's data: {summary['seeding_s']} s)." if scale else "."),
        f"Machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['memory_gb']} GB.",
        f"Load average {' '.join(m['load_before'])} before, {' '.join(m['load_after'])} after:",
        "other work on the machine lowers every figure.",
        f"Python {m['python']}, Django {m['django']}, Wagtail {m['wagtail']}, gunicorn "
        f"{m['gunicorn']}, nginx {m['nginx']}, MariaDB {m['mariadb']}, Redis {m['redis']}, "
        f"{m['wrk']}.",
        "",
        "## Targets (issue 10)",
        "",
        *targets_table(summary),
        "",
        "## Scenarios on the demo data",
        "",
        *scenario_table(summary["scenarios"]),
        "",
    ]
    if scale:
        lines += [
            "## Scenarios on seed_scale data",
            "",
            "The same stack after `manage.py seed_scale` (100,000 learners, 50 courses × 40 "
            "lessons, 1,000,000 completions); the bench learners enrolled in its busiest "
            "course, whose pages these are.",
            "",
            *scenario_table(scale["scenarios"]),
            "",
        ]
    lines += [
        "Errors are responses other than 2xx/3xx and socket errors (connect, read, write,",
        "timeout after 5 s), over all rounds. CPU ms/req is the replicas' gunicorn processes'",
        "CPU per request. The addresses, status counts and raw figures are in `bench.json`.",
        "",
        *capacity_report.capacity_lines(summary),
    ]
    if not summary["capacity"]["models"]:
        lines += [
            "No capacity computed: a page of the learner's mix did not run (BENCH_ONLY).",
            "",
        ]
    for data, wrote in summary["posts_wrote"].items():
        comments = (
            f"{wrote['comments']} comments (from {wrote['commenters']} of them) and "
            if wrote["comments"]
            else ""
        )
        lines.append(
            f"The POSTs were accepted ({data} data): afterwards the bench learners had "
            f"{comments}{wrote['completions']} completions of the mark-complete lesson."
        )
    lines.append("")
    return "\n".join(lines)
