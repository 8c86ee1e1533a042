"""`make bench`'s capacity: how many concurrent learners 2 and 5 replicas serve with a p95
response time under 200 ms, measured where 2 cores allow it and computed beyond.

Measured (bench/run.py calls these):
- the CPU cost per request of each scenario: the CPU time (utime + stime in
  /proc/<pid>/stat) of every gunicorn process of the replicas (masters and workers), and
  apart from it of MariaDB, Redis and nginx, read before and after the wrk run and divided
  by the requests served (``cpu_snapshot``, ``cpu_per_request``);
- a concurrency ladder: the signed-in lesson through nginx on the 2 replicas at 4, 8, 16,
  32, 64 connections, a few seconds each; the highest with p95 < 200 ms and its req/s
  (``ladder``).

Computed (``model``): an M/M/c queue (Erlang C). Each learner views a page every
THINK_SECONDS of reading, the pages drawn from MIX; a page costs the gunicorn CPU measured
for its scenario. Each replica has 2 sync workers on a core of its own (CORES_PER_REPLICA):
the core is the server (c = replicas × cores), the workers only overlap one request's
database wait with another's CPU. MariaDB and Redis run elsewhere, on cores of their own:
their CPU per request is shown with their load at that rate, not queued. The ladder's
learners are its req/s × THINK_SECONDS as if every view were a lesson.
"""

import math
import os
import statistics
from pathlib import Path

THINK_SECONDS = float(os.environ.get("BENCH_THINK_SECONDS", "30"))
P95_LIMIT_S = 0.200
# The learner's mix of page views: scenario name and share.
MIX = {
    "signed-in lesson": 0.70,
    "signed-in course": 0.10,
    "dashboard": 0.10,
    "mark-complete POST": 0.10,
}
REPLICAS = (2, 5)
CORES_PER_REPLICA = int(os.environ.get("BENCH_CORES_PER_REPLICA", "1"))
LADDER = (4, 8, 16, 32, 64)
LADDER_SCENARIO = "signed-in lesson"
# What the design promised (quoted by issue 10): users served by 2 and by 5 replicas.
DESIGN_CLAIM = {2: (50, 100), 5: (500, None)}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


# --- Measuring CPU time -----------------------------------------------------------------


def stat_cpu_seconds(stat_line, ticks=CLOCK_TICKS):
    """utime + stime of one /proc/<pid>/stat line, in seconds. The command name (field 2)
    is in parentheses and may hold spaces: the fields are counted after its ")"."""
    fields = stat_line[stat_line.rindex(")") + 2 :].split()
    # fields[0] is the state (field 3); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / ticks


def process_cpu(pid):
    try:
        return stat_cpu_seconds(Path(f"/proc/{pid}/stat").read_text())
    except (OSError, ValueError):
        return 0.0  # gone between listing and reading: its time is lost either way


def cpu_snapshot(groups):
    """{group: CPU seconds} for ``groups`` = {group: [pid, ...]}."""
    return {name: sum(process_cpu(pid) for pid in pids) for name, pids in groups.items()}


def cpu_per_request(before, after, requests):
    """{group: CPU milliseconds per request} between two snapshots."""
    if not requests:
        return {name: None for name in before}
    return {name: (after[name] - before[name]) * 1000 / requests for name in before}


# --- The queue --------------------------------------------------------------------------


def erlang_c(servers, offered):
    """The probability that a request waits in an M/M/c queue: ``servers`` = c, ``offered``
    = λ/μ in Erlangs (must be < c). Erlang B by its recurrence, then C from B."""
    if offered <= 0:
        return 0.0
    if offered >= servers:
        return 1.0
    blocking = 1.0
    for k in range(1, servers + 1):
        blocking = offered * blocking / (k + offered * blocking)
    rho = offered / servers
    return blocking / (1 - rho * (1 - blocking))


def response_exceeds(t, servers, service_s, rate):
    """P(T > t) for the response time T = wait + service of an M/M/c queue in FCFS order:
    the wait is 0 with probability 1 - C, else exponential with rate cμ - λ; the service is
    exponential with rate μ."""
    mu = 1 / service_s
    theta = servers * mu - rate
    waits = erlang_c(servers, rate * service_s)
    served = math.exp(-mu * t)
    if abs(theta - mu) < 1e-9 * mu:  # the sum of two equal exponentials: Erlang-2
        both = (1 + mu * t) * served
    else:
        both = (theta * served - mu * math.exp(-theta * t)) / (theta - mu)
    return (1 - waits) * served + waits * both


def p95_response(servers, service_s, rate, quantile=0.95):
    """The response time that ``quantile`` of requests stay under (seconds); inf when the
    queue is not stable (λ ≥ cμ)."""
    if rate * service_s >= servers:
        return math.inf
    low, high = 0.0, service_s
    while response_exceeds(high, servers, service_s, rate) > 1 - quantile:
        high *= 2
    for _ in range(100):
        middle = (low + high) / 2
        if response_exceeds(middle, servers, service_s, rate) > 1 - quantile:
            low = middle
        else:
            high = middle
    return high


def max_rate(servers, service_s, limit_s=P95_LIMIT_S):
    """The highest arrival rate (req/s) with p95 response < ``limit_s``; 0 when a request
    alone is already too slow at the 95th percentile."""
    if p95_response(servers, service_s, 0.0) >= limit_s:
        return 0.0
    low, high = 0.0, servers / service_s
    for _ in range(100):
        middle = (low + high) / 2
        if p95_response(servers, service_s, middle) < limit_s:
            low = middle
        else:
            high = middle
    return low


def mix_cost(costs, mix=MIX):
    """The mean cost of one page view of the mix (same unit as ``costs``), or None when a
    page of the mix was not measured."""
    if any(costs.get(name) is None for name in mix):
        return None
    return sum(share * costs[name] for name, share in mix.items()) / sum(mix.values())


def model(costs, db_costs=None, think_s=THINK_SECONDS, replicas=REPLICAS):
    """Learners served with p95 < 200 ms by each number of replicas, from ``costs`` =
    {scenario: gunicorn CPU ms per request} (and ``db_costs``, MariaDB + Redis CPU ms)."""
    service_ms = mix_cost(costs)
    if not service_ms:
        return None
    db_ms = mix_cost(db_costs) if db_costs else None
    rows = []
    for count in replicas:
        servers = count * CORES_PER_REPLICA
        rate = max_rate(servers, service_ms / 1000)
        rows.append(
            {
                "replicas": count,
                "cores": servers,
                "max_rps": rate,
                "learners": math.floor(rate * think_s),
                "utilisation": rate * service_ms / 1000 / servers,
                "db_cores_busy": rate * db_ms / 1000 if db_ms is not None else None,
                "claim": DESIGN_CLAIM.get(count),
            }
        )
    return {"service_ms": service_ms, "db_ms": db_ms, "think_s": think_s, "rows": rows}


def verdict(row):
    """The design's figure against the computed learners: backed when they reach its lower
    figure (and, for a range, stay within twice its upper one), else corrected, to fewer
    or to more."""
    claim = row.get("claim")
    if not claim:
        return ""
    low, high = claim
    if row["learners"] < low:
        return "corrected: fewer"
    if high is not None and row["learners"] > 2 * high:
        return "corrected: more (the claim is cautious)"
    return "backed"


def median_costs(rows, group="app"):
    """{scenario: median CPU ms per request of ``group`` over the rounds} from summarised
    report rows that carry ``cpu_ms`` per round."""
    costs = {}
    for row in rows:
        values = [c[group] for c in row.get("cpu_ms_rounds", []) if c and c.get(group) is not None]
        costs[row["name"]] = statistics.median(values) if values else None
    return costs


def ladder_best(steps, limit_ms=P95_LIMIT_S * 1000):
    """The step with the highest concurrency whose p95 stayed under ``limit_ms`` (and had no
    errors), or None."""
    good = [s for s in steps if s["p95_ms"] < limit_ms and s["errors"] == 0]
    return max(good, key=lambda s: s["connections"]) if good else None


def ladder(run_step, think_s=THINK_SECONDS, connections=LADDER):
    """Run ``run_step(connections)`` (wrk figures) up the ladder; stop after the first step
    over the limit. The measured capacity of this machine's 2 replicas."""
    steps = []
    for count in connections:
        figures = run_step(count)
        steps.append({"connections": count, **figures})
        if figures["p95_ms"] >= P95_LIMIT_S * 1000:
            break
    best = ladder_best(steps)
    return {
        "scenario": LADDER_SCENARIO,
        "steps": steps,
        "best": best,
        "learners": math.floor(best["rps"] * think_s) if best else 0,
        "think_s": think_s,
    }
