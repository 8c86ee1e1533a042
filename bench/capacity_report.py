"""`make bench`'s capacity section: the model (``capacity.py``) run on the CPU costs
measured on each data set, with the measured ladder, and its Markdown for the report."""

import os

import capacity


def capacity_summary(demo_rows, scale_rows, ladder):
    """The capacity model from the measured CPU costs, on each data set, with the
    measured ladder and the model's own check on this machine."""
    result = {
        "think_s": capacity.THINK_SECONDS,
        "mix": capacity.MIX,
        "cores_per_replica": capacity.CORES_PER_REPLICA,
        "p95_limit_ms": capacity.P95_LIMIT_S * 1000,
        "ladder": ladder,
        "models": {},
    }
    for data, rows in (("demo", demo_rows), ("seed_scale", scale_rows)):
        if not rows:
            continue
        app = capacity.median_costs(rows, "app")
        db = {
            name: (m or 0) + (r or 0)
            for (name, m), r in zip(
                capacity.median_costs(rows, "mariadb").items(),
                capacity.median_costs(rows, "redis").values(),
                strict=True,
            )
        }
        computed = capacity.model(app, db)
        if computed:
            for row in computed["rows"]:
                row["verdict"] = capacity.verdict(row)
            computed["costs_ms"] = {name: app.get(name) for name in capacity.MIX}
            computed["db_costs_ms"] = {name: db.get(name) for name in capacity.MIX}
            # The model on this machine, for the ladder: every process of the stack on its
            # cores, the lesson's whole cost (gunicorn, MariaDB, Redis, nginx).
            lesson = next((r for r in rows if r["name"] == capacity.LADDER_SCENARIO), None)
            if lesson and lesson["cpu_ms"].get("app") is not None:
                whole = sum(v for v in lesson["cpu_ms"].values() if v is not None)
                cores = os.cpu_count() or 1
                here = capacity.max_rate(cores, whole / 1000)
                computed["here"] = {
                    "cores": cores,
                    "lesson_ms": whole,
                    "max_rps": here,
                    "learners": int(here * capacity.THINK_SECONDS),
                }
            result["models"][data] = computed
    return result


def capacity_lines(summary):
    result = summary["capacity"]
    mix = ", ".join(f"{name} {share:.0%}" for name, share in result["mix"].items())
    lines = [
        "## Capacity",
        "",
        f"How many learners, each reading for {result['think_s']:.0f} s between two page views "
        f"({mix}), 2 and 5 replicas serve with a p95 response time under "
        f"{result['p95_limit_ms']:.0f} ms.",
        "",
        "**Measured** on this machine: the CPU time (utime + stime from /proc) of all "
        "gunicorn processes of the replicas, and apart from it of MariaDB + Redis, before and "
        "after each scenario's wrk run, divided by its requests (median over the rounds); "
        "and the ladder below.",
        f"**Computed**: an M/M/c queue (Erlang C, first come first served, exponential service "
        f"times with the mix's mean CPU cost). Assumed: each replica has 2 sync workers on "
        f"{result['cores_per_replica']} core of its own, so the servers are the cores "
        f"(c = replicas × {result['cores_per_replica']}); the workers only overlap one "
        "request's database wait with another's CPU. MariaDB and Redis run on cores of their "
        "own: their load at that rate is shown, not queued. A learner's page view every "
        f"{result['think_s']:.0f} s: learners = req/s × {result['think_s']:.0f}.",
        "",
    ]
    for data, computed in result["models"].items():
        costs = ", ".join(f"{name} {computed['costs_ms'][name]:.1f}" for name in result["mix"])
        lines += [
            f"### Computed from the {data} data's costs",
            "",
            f"Measured gunicorn CPU ms per request: {costs}; the mix's mean "
            f"{computed['service_ms']:.1f} ms, plus {computed['db_ms']:.1f} ms of MariaDB + "
            "Redis.",
            "",
            "| Replicas | Cores | req/s at p95 < 200 ms | Learners | App cores busy "
            "| DB cores busy | Design said | |",
            "|--:|--:|--:|--:|--:|--:|---|---|",
        ]
        for row in computed["rows"]:
            low, high = row["claim"] or (None, None)
            claim = f"{low}–{high}" if high else f"{low}+" if low else ""
            lines.append(
                f"| {row['replicas']} | {row['cores']} | {row['max_rps']:,.0f} "
                f"| {row['learners']:,} | {row['utilisation']:.0%} "
                f"| {row['db_cores_busy']:.2f} | {claim} | {row['verdict']} |"
            )
        here = computed.get("here")
        if here:
            lines += [
                "",
                f"The same model for this machine ({here['cores']} cores shared by every "
                f"process, the signed-in lesson's whole cost {here['lesson_ms']:.1f} ms of "
                f"CPU: gunicorn, MariaDB, Redis, nginx) predicts {here['max_rps']:,.0f} req/s "
                f"at p95 < 200 ms, {here['learners']:,} learners if every view were a lesson; "
                "wrk's own CPU comes on top, so the ladder should reach a little less.",
            ]
        lines.append("")
    ladder = result.get("ladder")
    if ladder:
        lines += [
            f"### Measured: the {ladder['scenario']} through nginx, 2 replicas, this machine, "
            f"{ladder.get('data', '')} data",
            "",
            "wrk at rising concurrency (closed loop: each connection sends its next request "
            "when the answer comes), stopped after the first step over 200 ms.",
            "",
            "| Connections | req/s | p50 ms | p95 ms | p99 ms | Errors |",
            "|--:|--:|--:|--:|--:|--:|",
            *[
                f"| {s['connections']} | {s['rps']:,.0f} | {s['p50_ms']:.1f} "
                f"| {s['p95_ms']:.1f} | {s['p99_ms']:.1f} | {s['errors']} |"
                for s in ladder["steps"]
            ],
            "",
        ]
        best = ladder["best"]
        if best:
            lines.append(
                f"Highest concurrency with p95 < 200 ms: {best['connections']} connections, "
                f"{best['rps']:,.0f} req/s: {ladder['learners']:,} learners reading "
                f"{ladder['think_s']:.0f} s between lessons (computed from the measured rate)."
            )
        else:
            lines.append("No step stayed under 200 ms at the 95th percentile.")
        lines.append("")
    lines += conclusion(result)
    return lines


def conclusion(result):
    """Backed or corrected: the design's figures against the computed learners (the
    seed_scale data's costs when measured, the larger tables being the real ones)."""
    models = result["models"]
    computed = models.get("seed_scale") or models.get("demo")
    if not computed:
        return []
    data = "seed_scale" if "seed_scale" in models else "demo"
    parts = []
    for row in computed["rows"]:
        low, high = row["claim"] or (None, None)
        if low is None:
            continue
        said = f"{low}–{high}" if high else f"{low}+"
        parts.append(
            f"{row['replicas']} replicas: the design said {said} users, the model gives "
            f"{row['learners']:,}: {row['verdict']}"
        )
    lines = [
        f"**The design's claim**, on the {data} data's costs, with learners reading "
        f"{result['think_s']:.0f} s between page views: " + "; ".join(parts) + ".",
        "The computed figures assume a core per replica; on this 2-core machine only the "
        "2-replica ladder could be measured, with everything else on the same cores.",
    ]
    best = (result.get("ladder") or {}).get("best")
    if best:
        lines.append(
            "Read as users clicking without pause (each a wrk connection), 2 replicas on "
            f"these 2 cores held {best['connections']} at p95 < 200 ms (measured)."
        )
    return [*lines, ""]
