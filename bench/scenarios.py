"""What `make bench` measures: each scenario's address, concurrency and baseline, and the
targets of issue 10 "Performance" as ratios to the baselines measured in the same run.

``via`` is "nginx" (the public port: nginx's cache, then both replicas) or "direct" (the
first replica's gunicorn alone: 2 sync workers, no nginx), as the targets ask. Paths may
name the lessons and the course that ``run.prepare`` looks up: {lesson}, {course_id}, ….
"""

import os
from dataclasses import dataclass

# Every scenario runs once a round, ROUNDS rounds: a ratio is taken within a round (the
# scenario and its baseline a minute apart at most, so a drift of the machine hits both)
# and the report shows the median over the rounds and their spread.
DURATION = int(os.environ.get("BENCH_DURATION", "6"))  # seconds of load per scenario
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
THREADS = 2  # wrk threads: one per core of the machine the figures were taken on
# The same stack again with seed_scale's data (100,000 learners, 1,000,000 completions):
# BENCH_SCALE=0 skips it.
SCALE = os.environ.get("BENCH_SCALE", "1") != "0"
SCALE_ROUNDS = int(os.environ.get("BENCH_SCALE_ROUNDS", "2"))
# Comma-separated scenario names for a quick check; their baselines come along.
ONLY = [name.strip() for name in os.environ.get("BENCH_ONLY", "").split(";") if name.strip()]


@dataclass(frozen=True)
class Scenario:
    name: str
    group: str
    path: str
    via: str = "nginx"
    connections: int = 16
    # None: anonymous. "learner" or "staff": the Lua script sends a bench session (its own
    # per request, round robin) with its CSRF token; POSTs send the form fields in ``body``.
    session: str | None = None
    method: str = "GET"
    body: str = ""
    baseline: str | None = None  # the scenario whose rate this one's is compared with
    # Each connection waits this long after an answer before its next request: a learner
    # reading, not a client sending back to back (0: always a request in flight).
    think_ms: int = 0

    def __post_init__(self):
        if self.via not in ("nginx", "direct") or self.method not in ("GET", "POST"):
            raise ValueError(f"{self.name}: via {self.via!r}, method {self.method!r}")


SCENARIOS = [
    # Baselines. The trivial view goes through the whole middleware chain and URL routing
    # (core/trivial.py); /healthz is answered before them and is shown for reference.
    Scenario("static file", "baseline", "{static}", connections=32),
    Scenario("trivial view", "baseline", "/bench/trivial/"),
    Scenario("trivial view, direct", "baseline", "/bench/trivial/", via="direct"),
    Scenario("/healthz (middleware only)", "baseline", "/healthz", baseline="trivial view"),
    # Anonymous, through nginx's shared cache.
    Scenario(
        "anonymous catalogue", "anonymous", "/courses/", connections=32, baseline="static file"
    ),
    Scenario("anonymous course", "anonymous", "{course}", connections=32, baseline="static file"),
    Scenario("anonymous lesson", "anonymous", "{lesson}", connections=32, baseline="static file"),
    # Signed in: never cached.
    Scenario(
        "signed-in lesson, direct",
        "signed in",
        "{lesson}",
        via="direct",
        session="learner",
        baseline="trivial view, direct",
    ),
    Scenario(
        "signed-in lesson", "signed in", "{lesson}", session="learner", baseline="trivial view"
    ),
    Scenario(
        "signed-in course", "signed in", "{course}", session="learner", baseline="trivial view"
    ),
    Scenario(
        "dashboard",
        "signed in",
        "/learning/my-learning/",
        session="learner",
        baseline="trivial view",
    ),
    Scenario(
        "mark-complete POST",
        "signed in",
        "/learning/lessons/{complete_id}/complete/",
        session="learner",
        method="POST",
        baseline="trivial view",
    ),
    # The same 16 learners, each clicking once a second: far faster than anyone reads a
    # lesson, yet not the saturation above, where 16 requests are always in flight and the
    # latency is only the queue (16 / rate, Little's law).
    Scenario(
        "mark-complete POST, 1 click/s each",
        "signed in",
        "/learning/lessons/{complete_id}/complete/",
        session="learner",
        method="POST",
        think_ms=1000,
    ),
    # Straight to a replica: nginx allows an address 30 comment POSTs a minute, and the
    # bench stack lifts Django's per-person limit (COMMENT_RATE_PER_MINUTE, run.py).
    Scenario(
        "comment POST, direct",
        "signed in",
        "/community/lessons/{comment_id}/comments/",
        via="direct",
        session="learner",
        method="POST",
        body="body=A+benchmark+comment",
        baseline="trivial view, direct",
    ),
    # Other.
    Scenario("search", "other", "/search/?q=python", session="learner", baseline="trivial view"),
    Scenario(
        "course report (staff)",
        "other",
        "/admin/reports/courses/{course_id}/",
        connections=4,
        session="staff",
        baseline="trivial view",
    ),
    Scenario("API courses", "other", "/api/v2/courses/", baseline="trivial view"),
    Scenario(
        "API learner/me", "other", "/api/learner/me/", session="learner", baseline="trivial view"
    ),
]


# What runs again on seed_scale's data: the baselines, the signed-in pages and the pages
# whose queries read the big tables.
SCALE_SCENARIOS = [
    "static file",
    "trivial view",
    "trivial view, direct",
    "anonymous lesson",
    "signed-in lesson, direct",
    "signed-in lesson",
    "signed-in course",
    "dashboard",
    "mark-complete POST",
    "mark-complete POST, 1 click/s each",
    "course report (staff)",
    "API courses",
]


def select(scenarios, names):
    """The scenarios named in ``names`` with the baselines they are compared with, in
    their own order; all of them when ``names`` is empty. An unknown name is refused."""
    if not names:
        return list(scenarios)
    by_name = {s.name: s for s in scenarios}
    unknown = [name for name in names if name not in by_name]
    if unknown:
        raise ValueError(f"unknown scenarios {unknown}; known: {list(by_name)}")
    wanted = set(names)
    for name in names:
        baseline = by_name[name].baseline
        while baseline and baseline not in wanted:
            wanted.add(baseline)
            baseline = by_name[baseline].baseline
    return [s for s in scenarios if s.name in wanted]


@dataclass(frozen=True)
class Target:
    """A target of the issue: ``scenario``'s rate at least ``ratio`` of its baseline's, or
    its p99 under ``p99_ms`` with no errors; judged on the median over the rounds (and
    the errors of all rounds)."""

    label: str
    scenario: str
    ratio: float | None = None
    p99_ms: float | None = None

    def met(self, result):
        if self.p99_ms is not None:
            return result["p99_ms"] < self.p99_ms and result["errors"] == 0
        return result["ratio"] is not None and result["ratio"] >= self.ratio


TARGETS = [
    Target(
        "signed-in lesson ≥ 15 % of the trivial view (direct)", "signed-in lesson, direct", 0.15
    ),
    Target("anonymous lesson ≥ 90 % of a static file", "anonymous lesson", 0.90),
    Target(
        "mark-complete p99 < 50 ms at 16 learners clicking once a second, 0 errors",
        "mark-complete POST, 1 click/s each",
        p99_ms=50,
    ),
    Target(
        "mark-complete p99 < 50 ms at 16 requests always in flight, 0 errors",
        "mark-complete POST",
        p99_ms=50,
    ),
    Target("dashboard ≥ 10 % of the trivial view", "dashboard", 0.10),
    Target("course page ≥ 10 % of the trivial view", "signed-in course", 0.10),
]
