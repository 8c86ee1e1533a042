"""The benchmark's results: ``results/course_report.json`` keeps the latest run of each
data set, ``results/course_report.md`` shows them as tables for the docs."""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TARGET_MS = 300


def save(data, result):
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "course_report.json"
    everything = json.loads(path.read_text()) if path.exists() else {}
    if result["seed_seconds"] is None and data in everything:
        # The data was there already: keep the time the seeding took when it ran.
        result["seed_seconds"] = everything[data].get("seed_seconds")
    everything[data] = result
    path.write_text(json.dumps(everything, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / "course_report.md").write_text(markdown(everything))
    print(f"Results: {path.relative_to(ROOT)} and course_report.md")


def markdown(everything):
    lines = [
        "# Course report benchmark",
        "",
        "Written by `make bench-report` (`bench/course_report.py`); do not edit by hand.",
        "Each page is rendered by Django's test client in the benchmark's process, signed in",
        "as the demo superuser, DEBUG off, against MariaDB on the same machine: the time is",
        "Django's own, from the first middleware to the rendered page, without HTTP.",
        f"Target: a course report in under {TARGET_MS} ms (p95).",
        "",
        "## Data",
        "",
        "| Data | Measured | Machine (load) | MariaDB | Users | Courses | Lessons "
        "| Enrolments | Completions | Certificates | Comments | seed_scale took |",
        "|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for data, result in everything.items():
        c = result["counts"]
        seeded = f"{result['seed_seconds'] / 60:.1f} min" if result["seed_seconds"] else "—"
        lines.append(
            f"| {data} | {result['measured_at']} | {result['machine']} ({result.get('load', '?')}) "
            f"| {result['server']} "
            f"| {c['users']:,} | {c['courses']:,} | {c['lessons']:,} | {c['enrolments']:,} "
            f"| {c['completions']:,} | {c['certificates']:,} | {c['comments']:,} | {seeded} |"
        )
    lines += [
        "",
        "## Pages",
        "",
        "| Data | Page | Runs | p50 ms | p95 ms | max ms | SQL queries (report's own) "
        f"| SQL ms (run alone) | Target {TARGET_MS} ms |",
        "|---|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    for data, result in everything.items():
        for page in result["pages"]:
            verdict = "met" if page["p95"] <= TARGET_MS else "**short**"
            lines.append(
                f"| {data} | {page['label']} | {result['runs']} | {page['p50']} | {page['p95']} "
                f"| {page['max']} | {page['queries']} ({page['report_queries']}) "
                f"| {page['sql_ms']} | {verdict} |"
            )
    lines += ["", same_queries(everything)]
    for data, result in everything.items():
        lines += [
            "",
            f"## The report's queries on the {data} data (EXPLAIN)",
            "",
            "Each query of one request that reads the learning or community tables, run alone "
            "(median of 5) and explained. The other queries of a request are the admin's own "
            "(session, user, permissions, menus).",
            "",
            "| Page | Query | ms | Access: table: type on key (~rows examined of rows) | Verdict |",
            "|---|---|--:|---|---|",
        ]
        for page in result["pages"]:
            for query in page["explain"]:
                if query["report"]:
                    access = "<br>".join(query["access"])
                    lines.append(
                        f"| {page['label']} | {query['label']} | {query['ms']} | {access} "
                        f"| {query['verdict']} |"
                    )
    return "\n".join(lines) + "\n"


def same_queries(everything):
    """Whether each page made as many queries on every data set (the counts must not grow
    with the data)."""
    counts = {}
    for data, result in everything.items():
        for number, page in enumerate(result["pages"]):
            counts.setdefault(number, {})[data] = page["queries"]
    differ = [c for c in counts.values() if len(set(c.values())) > 1]
    if len(everything) < 2:
        return "Run both data sets to compare the query counts."
    if differ:
        return f"**The query counts differ between the data sets**: {differ}."
    return "Each page makes the same number of queries on every data set."
