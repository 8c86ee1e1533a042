"""`make bench`: the production topology on loopback under wrk, one scenario at a time.

    python bench/run.py

Brings up scripts/stack.py's stack on ports of its own (nginx 8480, replicas from 8401,
MariaDB 3347, Redis 6347, in var/bench-stack: the environment may override them), with
the demo data and BENCH_LEARNERS bench learners (bench-learner-01, …), each enrolled in the
demo's Python course with a session of their own. Then each scenario of bench/scenarios.py
runs for a fixed time at a fixed concurrency on 127.0.0.1; bench/report.py writes
bench/results/bench.md and bench.json, bench/charts.py the charts in docs/performance/.
The stack is stopped at the end, also when something failed.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "scripts"))
import charts  # noqa: E402
import report  # noqa: E402
from processes import HOST, apt_install  # noqa: E402
from scenarios import DURATION, SCENARIOS, THREADS  # noqa: E402
from stack import Stack  # noqa: E402

STACK_ENV = {
    "STACK_DIR": str(ROOT / "var" / "bench-stack"),
    "NGINX_PORT": "8480",
    "NGINX_INTERNAL_PORT": "8481",
    "APP_PORT": "8401",
    "MARIADB_PORT": "3347",
    "REDIS_PORT": "6347",
    "REPLICAS": "2",
    "WORKERS": "2",
    # Its own MariaDB and Redis, whatever DATABASE_URL the shell has.
    "STACK_PRIVATE_SERVICES": "1",
    # Bench learners comment as fast as wrk sends: Django's per-person limit (5 a minute)
    # would turn the comment scenario into a measure of refusals.
    "COMMENT_RATE_PER_MINUTE": "1000000",
}
LEARNERS = int(os.environ.get("BENCH_LEARNERS", "32"))
COURSE_SLUG = "python-foundations"
SCRIPT = BENCH / "wrk" / "bench.lua"

# Run in the stack's Django: bench learners (one password hash for all: hashing 32 times
# would take seconds), enrolled, each with a fresh session and CSRF secret, without the
# comments of earlier runs; the admin's
# session for the staff pages; the addresses the scenarios use.
PREPARE = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.cached_db import SessionStore
from django.utils.crypto import get_random_string
from community.models import Comment
from learning.actions import enroll
from learning.models import CoursePage, LessonPage

def session(user):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return [store.session_key, get_random_string(32)]

User = get_user_model()
course = CoursePage.objects.live().get(slug=SLUG)
lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
password = make_password("bench-learner-password")
# The comments of an earlier run go: every run starts from the same discussion.
Comment.objects.filter(author__username__startswith="bench-learner-").delete()
learners = []
for number in range(1, COUNT + 1):
    user, _ = User.objects.update_or_create(
        username=f"bench-learner-{number:02d}",
        defaults={"password": password, "email": f"bench-learner-{number:02d}@example.com"},
    )
    enroll(user, course)
    learners.append(session(user))
print(json.dumps({
    "learner": learners,
    "staff": [session(User.objects.get(username="admin"))],
    "course": course.url, "course_id": course.pk,
    "lesson": lessons[1].url, "complete_id": lessons[2].pk, "comment_id": lessons[3].pk,
}))
"""


def log(message):
    print(f"[bench] {message}", flush=True)


def prepare(stack):
    code = PREPARE.replace("SLUG", repr(COURSE_SLUG)).replace("COUNT", str(LEARNERS))
    output = stack.manage("shell", "--no-imports", "-c", code, capture=True).stdout
    data = json.loads(output.strip().splitlines()[-1])
    # Only the stack's own http:// address on loopback is ever opened here.
    with urllib.request.urlopen(f"{stack.url}/courses/") as response:  # noqa: S310
        html = response.read().decode()
    data["static"] = re.search(r"/static/css/site\.[0-9a-f]{12}\.css", html).group(0)
    for kind in ("learner", "staff"):
        path = stack.dir / f"sessions-{kind}.txt"
        path.write_text("".join(f"{sid} {csrf}\n" for sid, csrf in data[kind]))
        data[f"{kind}_file"] = str(path)
    return data


def warm(url, cookie=None, times=8):
    """A few GETs first: fill nginx's cache, load each worker's templates and code. A
    signed-in page that redirects (to the log-in page) means the session was refused."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    for _ in range(times):
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
            if response.geturl() != url:
                raise SystemExit(f"{url} redirected to {response.geturl()}")


# What the POSTs wrote, read back after the run: proof that every learner's session and
# CSRF token were accepted (a refused POST may answer with a redirect too).
WRITTEN = """
import json
from community.models import Comment
from learning.models import LessonCompletion
bench = {"user__username__startswith": "bench-learner-"}
print(json.dumps({
    "comments": Comment.objects.filter(author__username__startswith="bench-learner-").count(),
    "commenters": Comment.objects.filter(author__username__startswith="bench-learner-")
    .values("author").distinct().count(),
    "completions": LessonCompletion.objects.filter(lesson_id=LESSON, **bench).count(),
}))
"""


def written(stack, data):
    code = WRITTEN.replace("LESSON", str(data["complete_id"]))
    output = stack.manage("shell", "--no-imports", "-c", code, capture=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def run_scenario(stack, scenario, data):
    base = stack.url if scenario.via == "nginx" else f"http://{HOST}:{stack.app_port}"
    url = base + scenario.path.format(**data)
    command = ["wrk", f"-t{THREADS}", f"-c{scenario.connections}", f"-d{DURATION}s"]
    command += ["--latency", "--timeout", "5s", "-s", str(SCRIPT), url]
    env = dict(os.environ)
    cookie = None
    if scenario.session:
        sid, csrf = data[scenario.session][0]
        cookie = f"sessionid={sid}; csrftoken={csrf}"
        env.update(
            BENCH_SESSIONS=data[f"{scenario.session}_file"],
            BENCH_METHOD=scenario.method,
            BENCH_BODY=scenario.body,
        )
    if scenario.method == "GET":
        warm(url, cookie)
    run = subprocess.run(command, check=True, capture_output=True, text=True, env=env)  # noqa: S603
    output = run.stdout
    figures = report.parse_wrk(output)
    log(
        f"{scenario.name:<30} {figures['rps']:>9.1f} req/s  p50 {figures['p50_ms']:.1f} ms  "
        f"p99 {figures['p99_ms']:.1f} ms  errors {figures['errors']}"
    )
    return {"scenario": scenario, "url": url, "wrk": output, **figures}


def main():
    started = time.monotonic()
    environ = os.environ | {key: os.environ.get(key, value) for key, value in STACK_ENV.items()}
    if not shutil.which("wrk"):
        apt_install(["wrk"])
    # A stop (Ctrl-C, SIGTERM) unwinds through `finally`, which stops the stack.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    stack = Stack(environ)
    if stack.state:  # left by a run that was killed
        stack.down()
        stack = Stack(environ)
    load_before = report.loadavg()
    try:
        stack.up()
        data = prepare(stack)
        log(f"{LEARNERS} bench learners signed in; {len(SCENARIOS)} scenarios × {DURATION} s")
        results = []
        for scenario in SCENARIOS:
            results.append(run_scenario(stack, scenario, data))
            time.sleep(1)
        wrote = written(stack, data)
        log(f"the POSTs wrote: {wrote}")
    finally:
        stack.down()
    elapsed = time.monotonic() - started
    summary = report.write(results, stack, load_before, elapsed, wrote)
    charts.draw(summary, ROOT / "docs" / "performance")
    log(f"done in {elapsed:.0f} s: bench/results/bench.md, docs/performance/*.png")


if __name__ == "__main__":
    main()
