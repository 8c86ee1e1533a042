"""`make bench`'s figures: wrk's output read into numbers, the ratios to the baselines,
the targets met or short, and the machine; written to bench/results/bench.md and .json."""

import json
import os
import platform
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

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


def summarise(results):
    """Each result as plain data, with its rate's ratio to its baseline's."""
    rates = {r["scenario"].name: r["rps"] for r in results}
    rows = []
    for result in results:
        scenario = result["scenario"]
        base = rates.get(scenario.baseline)
        rows.append(
            {
                "name": scenario.name,
                "group": scenario.group,
                "via": scenario.via,
                "method": scenario.method,
                "session": scenario.session,
                "connections": scenario.connections,
                "url": result["url"],
                "baseline": scenario.baseline,
                "ratio": result["rps"] / base if base else None,
                **{k: v for k, v in result.items() if k not in ("scenario", "url", "wrk")},
            }
        )
    by_name = {row["name"]: row for row in rows}
    targets = [
        {"target": t.label, "scenario": t.scenario, "met": t.met(by_name[t.scenario])}
        for t in TARGETS
        if t.scenario in by_name
    ]
    return rows, targets


def write(results, stack, load_before, elapsed, wrote):
    rows, targets = summarise(results)
    summary = {
        "measured": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "seconds": round(elapsed),
        "duration_s": DURATION,
        "threads": THREADS,
        "topology": f"nginx → {stack.replicas} gunicorn replicas × {stack.workers} sync workers",
        "machine": machine(load_before),
        "scenarios": rows,
        "targets": targets,
        "posts_wrote": wrote,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / "bench.md").write_text(markdown(summary))
    return summary


def markdown(summary):
    m = summary["machine"]
    lines = [
        "# `make bench`",
        "",
        "Written by `make bench` (`bench/run.py`); do not edit by hand. One run on loopback:",
        f"{summary['topology']}, MariaDB and Redis on the same machine;",
        f"wrk with {summary['threads']} threads, {summary['duration_s']} s per scenario.",
        "*Direct* is the first replica's gunicorn alone (2 sync workers), without nginx.",
        "Signed-in scenarios rotate over the bench learners' own sessions.",
        "",
        f"Measured {summary['measured']}, the whole command took {summary['seconds']} s.",
        f"Machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['memory_gb']} GB.",
        f"Load average {' '.join(m['load_before'])} before, {' '.join(m['load_after'])} after:",
        "other work on the machine lowers every figure.",
        f"Python {m['python']}, Django {m['django']}, Wagtail {m['wagtail']}, gunicorn "
        f"{m['gunicorn']}, nginx {m['nginx']}, MariaDB {m['mariadb']}, Redis {m['redis']}, "
        f"{m['wrk']}.",
        "",
        "## Targets (issue 10)",
        "",
        "| Target | |",
        "|---|---|",
        *[f"| {t['target']} | {'met' if t['met'] else 'short'} |" for t in summary["targets"]],
        "",
        "## Scenarios",
        "",
        "| Scenario | Via | Conns | req/s | p50 ms | p95 ms | p99 ms | Errors | Ratio | to |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for row in summary["scenarios"]:
        ratio = f"{row['ratio']:.1%}" if row["ratio"] is not None else ""
        lines.append(
            f"| {row['name']} | {row['via']} | {row['connections']} | {row['rps']:,.0f} "
            f"| {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['p99_ms']:.1f} "
            f"| {row['errors']} | {ratio} | {row['baseline'] or ''} |"
        )
    lines += [
        "",
        "Errors are responses other than 2xx/3xx and socket errors (connect, read, write,",
        "timeout after 5 s). The addresses, status counts and raw figures are in `bench.json`.",
        "The POSTs were accepted: afterwards the bench learners had "
        f"{summary['posts_wrote']['comments']} comments (from "
        f"{summary['posts_wrote']['commenters']} of them) and "
        f"{summary['posts_wrote']['completions']} completions of the mark-complete lesson.",
        "",
    ]
    return "\n".join(lines)
