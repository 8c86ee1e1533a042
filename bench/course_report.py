"""Benchmark: the admin's course reports on MariaDB, on the demo data and at scale.

    make bench-report                                  # both data sets
    .venv/bin/python bench/course_report.py --data scale --runs 50

For each data set this creates its MariaDB database when missing (``elevate_bench`` for
the scale data, ``elevate_bench_demo`` for the demo data; ``--database-url`` names the
first, the second adds ``_demo``), migrates and seeds it: ``seed_demo``, then for the
scale data ``seed_scale`` at full size (100,000 learners, 1,000,000 completions). Both
are idempotent: only the first run takes minutes.

Then, signed in as the demo superuser, it renders each page through Django's test client
in this process (no HTTP server: the time is Django's own, from the first middleware to
the rendered template, with DEBUG off) WARMUP times, then RUNS times timed:

- the courses report (every course with its figures),
- the report of the busiest course (the most enrolments): figures, funnel, learners,
- the same report on the last page of its learners (the deepest OFFSET).

It prints p50/p95/max and the SQL queries per request, then runs EXPLAIN on every SELECT
of one request and times each one alone, so a slow or scanning query is named. Results go
to ``bench/results/course_report.json`` (the latest run of each data set) and, as tables
for the docs, ``bench/results/course_report.md``.
"""

import argparse
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime

from results_file import ROOT, TARGET_MS, save

DEFAULT_URL = "mysql://root@127.0.0.1:3306/elevate_bench"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", choices=["demo", "scale", "both"], default="both")
    parser.add_argument("--runs", type=int, default=50, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL),
        help=f"the scale data's database (default {DEFAULT_URL}); the demo's adds _demo",
    )
    options = parser.parse_args()
    if options.data == "both":
        for data in ("demo", "scale"):
            # One process per database: Django's settings are read once per process.
            args = [sys.executable, __file__, "--data", data, "--runs", str(options.runs)]
            args += ["--warmup", str(options.warmup), "--database-url", options.database_url]
            subprocess.run(args, check=True)  # noqa: S603 - our own script, fixed arguments
        return
    url = options.database_url + ("_demo" if options.data == "demo" else "")
    result = measure(options.data, url, options.runs, options.warmup)
    save(options.data, result)


# --- Setting up ---------------------------------------------------------------------------


def create_database(url):
    """Create the database named in ``url`` when it is missing (utf8mb4, as settings ask)."""
    import environ
    import MySQLdb

    config = environ.Env.db_url_config(url)
    name = config["NAME"]
    if not re.fullmatch(r"\w+", name):
        sys.exit(f"Not a plain database name: {name!r}")
    connection = MySQLdb.connect(
        host=config["HOST"] or "127.0.0.1",
        port=int(config["PORT"] or 3306),
        user=config["USER"],
        password=config["PASSWORD"] or "",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE DATABASE IF NOT EXISTS `{name}` "
            "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        )
    connection.close()


def setup_django(url):
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "elevate_site.settings.dev"
    os.environ["DJANGO_DEBUG"] = "False"  # as in production: no query log, no debug pages
    os.environ["DJANGO_ALLOWED_HOSTS"] = "localhost"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def seed(data):
    """Migrate and seed; the seconds ``seed_scale`` took when it added something."""
    from django.core.management import call_command

    step("migrating")
    call_command("migrate", verbosity=0)
    step("seed_demo")
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    if data != "scale":
        return None
    step("seed_scale (full size; minutes the first time, a second when done)")
    started = time.monotonic()
    call_command("seed_scale", stdout=sys.stdout, stderr=sys.stderr)
    seconds = time.monotonic() - started
    return seconds if seconds > 30 else None  # a second run adds nothing: not a seed time


def counts():
    from django.contrib.auth import get_user_model

    from community.models import Comment
    from learning.models import Certificate, CoursePage, Enrollment, LessonCompletion, LessonPage

    return {
        "users": get_user_model().objects.count(),
        "courses": CoursePage.objects.count(),
        "lessons": LessonPage.objects.count(),
        "enrolments": Enrollment.objects.count(),
        "completions": LessonCompletion.objects.count(),
        "certificates": Certificate.objects.count(),
        "comments": Comment.objects.count(),
    }


def pages():
    """(label, URL) of each page to time."""
    from django.db.models import Count
    from django.urls import reverse

    from learning.admin.reports import LEARNERS_PAGE_KWARG, LEARNERS_PER_PAGE
    from learning.models import CoursePage, Enrollment

    busiest = (
        Enrollment.objects.values("course_id").annotate(n=Count("pk")).order_by("-n", "course_id")
    ).first()
    course = CoursePage.objects.get(pk=busiest["course_id"])
    report = reverse("learning_reports:course", args=[course.pk])
    last = max(1, math.ceil(busiest["n"] / LEARNERS_PER_PAGE))
    return [
        ("Courses report", reverse("learning_reports:courses")),
        (f"Busiest course ({busiest['n']:,} enrolled)", report),
        (f"Busiest course, learners page {last:,}", f"{report}?{LEARNERS_PAGE_KWARG}={last}"),
    ]


# --- Measuring ----------------------------------------------------------------------------


def measure(data, url, runs, warmup):
    create_database(url)
    setup_django(url)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    seed_seconds = seed(data)
    admin = get_user_model().objects.get(username="admin")
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    result = {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "database": connection.settings_dict["NAME"],
        "server": server_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        # Other work on the machine slows every figure: the 1-minute load when measuring.
        "load": round(os.getloadavg()[0], 1),
        "runs": runs,
        "warmup": warmup,
        "seed_seconds": seed_seconds,
        "counts": counts(),
        "pages": [],
    }
    step(f"{data} data: {result['counts']}")
    for label, path in pages():
        result["pages"].append(measure_page(client, label, path, runs, warmup))
    return result


def measure_page(client, label, path, runs, warmup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from query_plans import explain

    def get():
        response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
        return response

    for _ in range(warmup):
        get()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        get()
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        get()
    queries = [q["sql"] for q in captured.captured_queries]
    explained = [explain(sql) for sql in queries if sql.lstrip().upper().startswith("SELECT")]
    page = {
        "label": label,
        "path": path,
        "p50": round(statistics.median(timings), 1),
        "p95": round(percentile(timings, 95), 1),
        "max": round(max(timings), 1),
        "queries": len(queries),
        "sql_ms": round(sum(q["ms"] for q in explained), 1),
        "report_queries": sum(1 for q in explained if q["report"]),
        "explain": explained,
    }
    verdict = "met" if page["p95"] <= TARGET_MS else "short"
    print(
        f"{label:<44} p50 {page['p50']:7.1f} ms  p95 {page['p95']:7.1f} ms  "
        f"max {page['max']:7.1f} ms  {page['queries']} queries ({page['sql_ms']} ms alone)  "
        f"target {TARGET_MS} ms: {verdict}"
    )
    for query in explained:
        if query["report"]:
            print(f"    {query['ms']:7.1f} ms  {query['verdict']:<24} {query['label']}")
            for access in query["access"]:
                print(f"               {access}")
    return page


def percentile(values, percent):
    """Nearest rank: the smallest value with ``percent`` % of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def server_version():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT VERSION()")
        return cursor.fetchone()[0]


def step(text):
    print(f"--- {text}", flush=True)


if __name__ == "__main__":
    main()
