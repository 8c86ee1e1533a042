"""`make bench`: the production topology on loopback under wrk, one scenario at a time.

    python bench/run.py

Brings up scripts/stack.py's stack on ports of its own (nginx 8480, replicas from 8401,
MariaDB 3347, Redis 6347, in var/bench-stack: the environment may override them), with
the demo data and BENCH_LEARNERS bench learners (bench-learner-01, …), each enrolled in the
demo's Python course with a session of their own. Then every scenario of bench/scenarios.py
runs for BENCH_DURATION seconds at a fixed concurrency on 127.0.0.1, in BENCH_ROUNDS
rounds; the CPU time of the stack's processes is read around each run (bench/capacity.py).
Then the same database gets `manage.py seed_scale`'s data, the bench learners are enrolled
in its busiest course, and BENCH_SCALE_ROUNDS rounds of the scenarios in SCALE_SCENARIOS
run again (BENCH_SCALE=0 skips this), and the signed-in lesson runs at rising concurrency
(the capacity ladder; BENCH_CAPACITY=0 skips it). bench/report.py writes
bench/results/bench.md and bench.json, bench/charts.py the charts in docs/performance/.
The stack is stopped at the end, also when something failed.

Environment: BENCH_DURATION (6), BENCH_ROUNDS (3), BENCH_ONLY (scenario names, ";"
separated; their baselines come along), BENCH_SCALE (1), BENCH_SCALE_ROUNDS (2),
BENCH_CAPACITY (1), BENCH_CAPACITY_SECONDS (4), BENCH_THINK_SECONDS (30),
BENCH_CORES_PER_REPLICA (1), BENCH_LEARNERS (32), and the stack's own (STACK_ENV).
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
import capacity  # noqa: E402
import charts  # noqa: E402
import report  # noqa: E402
import scale_data  # noqa: E402
from processes import HOST, apt_install, children, read_pid  # noqa: E402
from scenarios import (  # noqa: E402
    DURATION,
    ONLY,
    ROUNDS,
    SCALE,
    SCALE_ROUNDS,
    SCALE_SCENARIOS,
    SCENARIOS,
    THREADS,
    select,
)
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
# seed_scale's busiest course (its enrolments are Zipf-skewed: course 1 first).
SCALE_COURSE_SLUG = "scale-course-001"
CAPACITY = os.environ.get("BENCH_CAPACITY", "1") != "0"
CAPACITY_SECONDS = int(os.environ.get("BENCH_CAPACITY_SECONDS", "4"))
# The time `make bench` took for each part on the 2-core machine it was made on (seconds),
# for the estimate printed at the start.
STACK_START_S = 30  # 22 s from a new database
SCENARIO_OVERHEAD_S = 1  # warming, the pause after, reading wrk's output: 0.65 s measured
SEEDING_S = 95  # seed_scale took 84 s in the bench stack
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


STARTED = time.monotonic()


def log(message):
    print(f"[bench +{time.monotonic() - STARTED:.0f}s] {message}", flush=True)


def prepare(stack, slug=COURSE_SLUG):
    code = PREPARE.replace("SLUG", repr(slug)).replace("COUNT", str(LEARNERS))
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


def warm(url, cookie=None, times=8, data=None):
    """A few requests first: fill nginx's cache, load each worker's templates and code (a
    worker's first request takes 100 ms and more, which would be a POST run's p99). A
    signed-in GET that redirects, or a POST that ends on the log-in page, means the session
    was refused. ``data``: the form of a POST (which redirects, to a page)."""
    headers = {"Cookie": cookie} if cookie else {}
    for _ in range(times):
        # A new request each time: urllib counts the redirects a request has followed.
        request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
            refused = "/accounts/login/" in response.geturl()
            if refused or (data is None and response.geturl() != url):
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


def stack_processes(stack):
    """{group: [pid, ...]} of the stack's processes whose CPU time is read: every replica's
    gunicorn master and workers ("app"), MariaDB, Redis, nginx's master and workers."""
    groups = {"app": []}
    for number in stack.state.get("replicas", {}):
        pid = stack.replica_pid(int(number))
        if pid:
            groups["app"] += [pid, *children(pid)]
    for service in ("mariadb", "redis", "nginx"):
        pid = read_pid(stack.state[service]["pid_file"]) if stack.state.get(service) else None
        groups[service] = [pid, *children(pid)] if pid else []
    return groups


def run_scenario(stack, scenario, data, duration=DURATION, connections=None, warm_times=8):
    base = stack.url if scenario.via == "nginx" else f"http://{HOST}:{stack.app_port}"
    url = base + scenario.path.format(**data)
    connections = connections or scenario.connections
    command = ["wrk", f"-t{min(THREADS, connections)}", f"-c{connections}", f"-d{duration}s"]
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
            BENCH_THINK_MS=str(scenario.think_ms),
        )
    if warm_times and scenario.method == "GET":
        warm(url, cookie, warm_times)
    elif warm_times:
        form = f"csrfmiddlewaretoken={csrf}&{scenario.body or 'warm=1'}".encode()
        warm(url, cookie, warm_times, data=form)
    processes = stack_processes(stack)
    before = capacity.cpu_snapshot(processes)
    run = subprocess.run(command, check=True, capture_output=True, text=True, env=env)  # noqa: S603
    after = capacity.cpu_snapshot(processes)
    output = run.stdout
    figures = report.parse_wrk(output)
    cpu = capacity.cpu_per_request(before, after, figures["requests"])
    log(
        f"{scenario.name:<30} c{connections:<3} {figures['rps']:>9.1f} req/s  "
        f"p50 {figures['p50_ms']:.1f} ms  p95 {figures['p95_ms']:.1f} ms  "
        f"p99 {figures['p99_ms']:.1f} ms  errors {figures['errors']}  "
        f"cpu {cpu['app'] or 0:.2f} ms/req"
    )
    return {"scenario": scenario, "url": url, "wrk": output, **figures, "cpu_ms": cpu}


def run_rounds(stack, scenarios, data, rounds, label):
    """Every scenario once a round, the same order each round: [[result, ...], ...]."""
    results = []
    for number in range(rounds):
        log(f"{label}: round {number + 1} of {rounds}")
        done = []
        for scenario in scenarios:
            # The first round warms caches and workers; later ones only check the session.
            done.append(run_scenario(stack, scenario, data, warm_times=8 if not number else 2))
            time.sleep(0.5)
        results.append(done)
    return results


def run_ladder(stack, data):
    """The signed-in lesson through nginx at rising concurrency (bench/capacity.py)."""
    scenario = next(s for s in SCENARIOS if s.name == capacity.LADDER_SCENARIO)

    def step(connections):
        result = run_scenario(stack, scenario, data, CAPACITY_SECONDS, connections, 2)
        time.sleep(0.5)
        return {k: v for k, v in result.items() if k not in ("scenario", "wrk")}

    log(f"capacity ladder: {scenario.name} at {', '.join(map(str, capacity.LADDER))} connections")
    return capacity.ladder(step)


def estimate(demo, scale):
    """Seconds the whole command should take, from the parts' times on a 2-core machine."""
    per = DURATION + SCENARIO_OVERHEAD_S
    seconds = STACK_START_S + ROUNDS * len(demo) * per
    if scale:
        seconds += SEEDING_S + SCALE_ROUNDS * len(scale) * per + 20  # + a second prepare
    if CAPACITY:
        seconds += len(capacity.LADDER) * (CAPACITY_SECONDS + SCENARIO_OVERHEAD_S)
    return seconds


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
    demo = select(SCENARIOS, ONLY)
    names = [name for name in SCALE_SCENARIOS if name in {s.name for s in demo}]
    scale = select(SCENARIOS, names) if SCALE and names else []
    minutes = estimate(demo, scale) / 60
    log(
        f"{len(demo)} scenarios × {ROUNDS} rounds × {DURATION} s on the demo data"
        + (f", {len(scale)} × {SCALE_ROUNDS} rounds on seed_scale's" if scale else "")
        + (", the capacity ladder" if CAPACITY else "")
        + f": about {minutes:.0f} min on 2 cores"
    )
    load_before = report.loadavg()
    phases, wrote, ladder, seeding_s = {}, {}, None, None
    try:
        if scale_data.fresh_database(stack):
            log("the last run left seed_scale's data: starting from a new database")
        stack.up()
        data = prepare(stack)
        log(f"{LEARNERS} bench learners signed in")
        phases["demo"] = run_rounds(stack, demo, data, ROUNDS, "demo data")
        wrote["demo"] = written(stack, data)
        log(f"the POSTs wrote: {wrote['demo']}")
        if scale:
            log("seeding seed_scale's data (about 2 minutes)")
            seeding_s = scale_data.seed_scale(stack)
            log(f"seeded in {seeding_s:.0f} s; {scale_data.settle(stack)} dirty InnoDB pages left")
            data = prepare(stack, SCALE_COURSE_SLUG)
            phases["seed_scale"] = run_rounds(stack, scale, data, SCALE_ROUNDS, "seed_scale data")
            wrote["seed_scale"] = written(stack, data)
            log(f"the POSTs wrote: {wrote['seed_scale']}")
        if CAPACITY:
            ladder = run_ladder(stack, data) | {"data": "seed_scale" if scale else "demo"}
    finally:
        stack.down()
    elapsed = time.monotonic() - started
    summary = report.write(phases, stack, load_before, elapsed, wrote, ladder, seeding_s)
    charts.draw(summary, ROOT / "docs" / "performance")
    log(f"done in {elapsed:.0f} s: bench/results/bench.md, docs/performance/*.png")


if __name__ == "__main__":
    main()
