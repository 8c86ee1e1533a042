"""Benchmark: how query counts and server time grow with the data (issue 10, cost growth).

    make bench-growth
    .venv/bin/python bench/cost_growth.py --runs 30

Four axes, each page timed at each size, signed in, through Django's test client in this
process on MariaDB with DEBUG off (as ``bench/course_report.py`` does: the time is
Django's own, without HTTP):

- lessons in a course (10, 100, 500): lesson page, course page, dashboard, mark-complete;
- a learner's enrolments (1, 10, 50): the same four pages;
- comments under a lesson (0, 50, 500): the lesson page with its discussion, mark-complete;
- total completions (1k, 100k, 1M): the demo learner's four pages and the admin's course
  reports (``course_report.pages``), on ``seed_scale``'s data at three sizes.

The first three axes and the 1k point live in ``elevate_growth`` (``seed_demo``, a small
``seed_scale`` and ``bench/growth_data.py``), 100k in ``elevate_growth_100k``, 1M in
``elevate_bench`` (``make bench-report``'s). Each database is created, migrated and seeded
when missing (idempotent: minutes the first time) and measured in its own process (Django
reads its settings once). For each page and size: the SQL queries of one request
(CaptureQueriesContext) and the p50 of RUNS requests after WARMUP. A mark-complete POST
completes a lesson the learner has not done; each is undone, untimed, before the next.
Results: ``bench/results/growth.md`` and ``.json``, chart ``docs/performance/growth.png``.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from course_report import create_database, setup_django, step

SERVER = "mysql://root@127.0.0.1:3306/"
# (part, database, seed_scale learners and completions); the 1M part is seed_scale's default.
PARTS = [
    ("growth", "elevate_growth", 100, 1_000),
    ("completions-100k", "elevate_growth_100k", 10_000, 100_000),
    ("completions-1m", "elevate_bench", None, None),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page and size")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first")
    parser.add_argument("--server", default=os.environ.get("GROWTH_SERVER_URL", SERVER))
    parser.add_argument("--part", choices=[p[0] for p in PARTS], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.part:
        part = next(p for p in PARTS if p[0] == options.part)
        result = measure_part(options, *part)
        Path(options.out).write_text(json.dumps(result))
        return
    started = time.monotonic()
    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, *_ in PARTS:
            out = Path(tmp) / f"{name}.json"
            args = [sys.executable, __file__, "--part", name, "--out", str(out)]
            args += ["--runs", str(options.runs), "--warmup", str(options.warmup)]
            subprocess.run([*args, "--server", options.server], check=True)  # noqa: S603
            parts.append(json.loads(out.read_text()))
    from growth_report import write

    write(parts, options.runs, options.warmup, time.monotonic() - started)


# --- One database ---------------------------------------------------------------------------


def measure_part(options, name, database, learners, completions):
    url = options.server.rstrip("/") + "/" + database
    create_database(url)
    setup_django(url)
    from django.core.management import call_command

    started = time.monotonic()
    step(f"{database}: migrating and seeding (seed_demo, seed_scale)")
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
        sizes = {"learners": learners, "completions": completions} if learners else {}
        call_command("seed_scale", stdout=quiet, **sizes)
    result = {"part": name, "database": database, "cells": [], "load": [os.getloadavg()[0]]}
    measure = Measure(options.runs, options.warmup, result["cells"])
    if name == "growth":
        import growth_data

        growth_data.build()
        result["seed_seconds"] = round(time.monotonic() - started, 1)
        synthetic_axes(measure)
    else:
        result["seed_seconds"] = round(time.monotonic() - started, 1)
    from learning.models import LessonCompletion

    total = LessonCompletion.objects.count()
    result["completions"] = total
    completions_axis(measure, {"growth": "1k", "completions-100k": "100k"}.get(name, "1M"))
    result["load"].append(os.getloadavg()[0])
    result["measured_at"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return result


def synthetic_axes(measure):
    from django.contrib.auth import get_user_model
    from growth_data import COMMENT_SIZES, ENROLMENT_SIZES, LESSON_SIZES, lessons_course

    from learning.models import CoursePage, LessonPage

    users = get_user_model().objects
    for size in LESSON_SIZES:
        learner = users.get(username=lessons_course(size))
        measure.learner_pages("lessons in a course", size, learner)
    for size in ENROLMENT_SIZES:
        learner = users.get(username=f"growth-enrolments-{size:02d}")
        course = CoursePage.objects.get(slug="scale-course-001")
        measure.learner_pages("enrolments of the learner", size, learner, course)
    learner = users.get(username="growth-comments")
    course = CoursePage.objects.get(slug="growth-comments")
    lessons = LessonPage.objects.child_of(course).order_by("path")
    for size, lesson in zip(COMMENT_SIZES, lessons, strict=True):
        step(f"comments under the lesson: {size}")
        client = measure.client(learner)
        axis = "comments under the lesson"
        measure.get(axis, size, "Lesson page (discussion)", client, lesson.url)
        measure.complete(axis, size, client, learner, lesson)


def completions_axis(measure, size):
    from course_report import pages
    from django.contrib.auth import get_user_model

    axis = "total completions"
    measure.learner_pages(axis, size, get_user_model().objects.get(username="learner"))
    admin = measure.client(get_user_model().objects.get(username="admin"))
    for label, path in pages():
        # "Busiest course (1,234 enrolled)", "..., learners page 79": one row whatever the size.
        label = re.sub(r"page [\d,]+$", "last page", re.sub(r" \([^)]*\)", "", label))
        measure.get(axis, size, label, admin, path)


class Measure:
    """Times pages into ``cells``: dicts of axis, size, page, queries, p50 and p95 (ms)."""

    def __init__(self, runs, warmup, cells):
        self.runs, self.warmup, self.cells = runs, warmup, cells

    def client(self, user):
        from django.test import Client

        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        return client

    def learner_pages(self, axis, size, learner, course=None):
        """Lesson, course page, dashboard and mark-complete for ``learner`` in ``course``
        (by default the first course where at least two lessons are left)."""
        from django.urls import reverse

        step(f"{axis}: {size} ({learner.username})")
        course, lesson = undone_lesson(learner, course)
        client = self.client(learner)
        self.get(axis, size, "Lesson page (discussion)", client, lesson.url)
        self.get(axis, size, "Course page", client, course.url)
        self.get(axis, size, "Dashboard", client, reverse("learning:dashboard"))
        self.complete(axis, size, client, learner, lesson)

    def get(self, axis, size, page, client, path):
        def request():
            response = client.get(path)
            if response.status_code != 200:
                sys.exit(f"{path} answered {response.status_code}")

        self.time(axis, size, page, request)

    def complete(self, axis, size, client, learner, lesson):
        from django.urls import reverse

        from learning import actions

        path = reverse("learning:complete", args=[lesson.pk])

        def request():
            response = client.post(path)
            if response.status_code != 302:
                sys.exit(f"POST {path} answered {response.status_code}")

        def undo():  # untimed, after each POST: every timed POST stores a new completion
            actions.undo_completion(learner, lesson)

        self.time(axis, size, "Mark complete (POST)", request, undo)

    def time(self, axis, size, page, request, after=None):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def once():
            started = time.perf_counter()
            request()
            elapsed = (time.perf_counter() - started) * 1000
            if after:
                after()
            return elapsed

        for _ in range(self.warmup):
            once()
        timings = [once() for _ in range(self.runs)]
        with CaptureQueriesContext(connection) as captured:
            request()
        if after:
            after()
        from course_report import percentile

        cell = {
            "axis": axis,
            "size": size,
            "page": page,
            "queries": len(captured.captured_queries),
            "p50": round(statistics.median(timings), 1),
            "p95": round(percentile(timings, 95), 1),
            "sql": [" ".join(q["sql"].split())[:200] for q in captured.captured_queries],
        }
        self.cells.append(cell)
        print(f"    {page:<34} {cell['queries']:4d} queries  p50 {cell['p50']:7.1f} ms", flush=True)


def undone_lesson(learner, course=None):
    """(course, the first lesson ``learner`` has not done in it): ``course``, or the first
    enrolled course with at least two lessons left, so that one POST issues no certificate."""
    from learning.models import CoursePage, LessonCompletion, LessonPage

    done = set(LessonCompletion.objects.filter(user=learner).values_list("lesson_id", flat=True))
    if course:
        candidates = [course]
    else:
        enrolled = learner.enrollments.values_list("course_id", flat=True)
        candidates = CoursePage.objects.filter(pk__in=enrolled).order_by("path")
    for candidate in candidates:
        left = [
            lesson
            for lesson in LessonPage.objects.live().child_of(candidate).order_by("path")
            if lesson.pk not in done
        ]
        if len(left) >= 2:
            return candidate, left[0]
    sys.exit(f"{learner.username} has no course with two lessons left")


if __name__ == "__main__":
    main()
