"""List the SQL queries of one signed-in lesson request against a running stack's database,
with each query's time and the time spent outside the database, per phase (issue 10).

    STACK_DIR=var/profile-stack NGINX_PORT=8580 .venv/bin/python bench/profile_queries.py \
        [/courses/python-foundations/functions/] [--anonymous] [--repeat 50]

Uses the stack's environment (scripts/stack.py: production settings, its MariaDB and Redis)
and Django's test client in this process; the request is the same as a replica answers,
minus gunicorn. The first request warms the caches (site root paths, outline, lesson body);
the second is listed; then --repeat requests are timed.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))
from stack import Stack  # noqa: E402

os.environ.update(Stack().app_env())

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def purpose(sql):
    s = sql.lower()
    rules = [
        ("community_", "discussion"),
        ("wagtailcore_site", "routing: the Site"),
        ("`alias_of_id` from `wagtailcore_page`", "privacy: the page's ancestors"),
        ("wagtailcore_pageviewrestriction", "privacy: view restrictions"),
        ("wagtailcore_grouppagepermission", "privacy: group permissions"),
        ("accounts_user", "session/auth: the user"),
        ("django_session", "session: database copy"),
        ("learning_lessoncompletion", "progress: completions"),
        ("learning_enrollment", "progress: enrolment"),
        ("learning_certificate", "progress: certificate"),
        ("wagtailimages", "lesson body: images"),
        ("wagtaildocs", "lesson body: documents"),
        ("wagtailcore_page", "routing: page look-up"),
    ]
    for needle, label in rules:
        if needle in s:
            return label
    return "other"


def main():
    args = sys.argv[1:]
    anonymous = "--anonymous" in args
    repeat = 50
    if "--repeat" in args:
        repeat = int(args[args.index("--repeat") + 1])
    paths = [a for a in args if a.startswith("/")]
    path = paths[0] if paths else "/courses/python-foundations/functions/"
    host = f"127.0.0.1:{os.environ.get('NGINX_PORT', '8080')}"
    client = Client(HTTP_HOST=host)
    if not anonymous:
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username="learner"))
    client.get(path)
    timings = []

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(time.perf_counter() - start)

    with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(timed):
        start = time.perf_counter()
        response = client.get(path)
        total = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    db = sum(timings)
    who = "anonymous" if anonymous else "signed in as learner"
    print(
        f"{path} ({who}): {len(ctx.captured_queries)} queries, {db * 1000:.1f} ms in the "
        f"database of {total * 1000:.1f} ms (test client, one request)"
    )
    for i, (q, seconds) in enumerate(zip(ctx.captured_queries, timings, strict=True), 1):
        sql = " ".join(q["sql"].split())
        print(f"{i:3d} {seconds * 1000:6.2f} ms  {purpose(sql):30s} {sql[:150]}")
    timings.clear()
    with connection.execute_wrapper(timed):
        start = time.perf_counter()
        for _ in range(repeat):
            client.get(path)
        wall = (time.perf_counter() - start) / repeat
    print(
        f"mean of {repeat} more: {wall * 1000:.1f} ms a request, of which "
        f"{sum(timings) / repeat * 1000:.1f} ms waiting for {len(timings) / repeat:.0f} "
        f"queries (round trips included), {(wall - sum(timings) / repeat) * 1000:.1f} ms "
        "of Python"
    )


if __name__ == "__main__":
    main()
