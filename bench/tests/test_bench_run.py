"""`make bench`'s arithmetic, without services: ratios taken within each round and their
median, the scenarios BENCH_ONLY picks, the CPU time read from /proc, and the M/M/c queue
behind the capacity figures."""

import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import capacity  # noqa: E402
from report import round_ratios, spread, summarise  # noqa: E402
from scenarios import SCALE_SCENARIOS, SCENARIOS, Scenario, select  # noqa: E402

TRIVIAL = Scenario("trivial view", "baseline", "/bench/trivial/")
LESSON = Scenario("signed-in lesson", "signed in", "{lesson}", baseline="trivial view")


def result(scenario, rps, p99=10.0, errors=0, cpu=None):
    return {
        "scenario": scenario,
        "url": "http://127.0.0.1/x",
        "rps": rps,
        "requests": int(rps * 6),
        "p50_ms": 5.0,
        "p95_ms": 8.0,
        "p99_ms": p99,
        "max_ms": p99 * 2,
        "errors": errors,
        "non_2xx_3xx": errors,
        "socket_errors": 0,
        "cpu_ms": cpu,
    }


def test_a_ratio_is_taken_within_its_round():
    # The machine slowed down by half in round 2: both figures fell, the ratio did not.
    rounds = [
        [result(TRIVIAL, 1000), result(LESSON, 200)],
        [result(TRIVIAL, 500), result(LESSON, 100)],
        [result(TRIVIAL, 1000), result(LESSON, 190)],
    ]
    assert round_ratios(rounds[1]) == {"trivial view": None, "signed-in lesson": 0.2}
    rows, _ = summarise(rounds)
    lesson = rows[1]
    assert lesson["ratio_rounds"] == pytest.approx([0.2, 0.2, 0.19])
    assert (lesson["ratio"], lesson["ratio_min"], lesson["ratio_max"]) == pytest.approx(
        (0.2, 0.19, 0.2)
    )
    # Rates across rounds would have given 190/1000 or 200/500: the spread shows the drift.
    assert (lesson["rps"], lesson["rps_min"], lesson["rps_max"]) == (190, 100, 200)


def test_targets_are_judged_on_the_median_and_all_errors():
    mark = Scenario(
        "mark-complete POST", "signed in", "/x/", method="POST", baseline="trivial view"
    )
    dashboard = Scenario("dashboard", "signed in", "/d/", baseline="trivial view")
    rounds = [
        [result(TRIVIAL, 1000), result(dashboard, 90), result(mark, 300, p99=60)],
        [result(TRIVIAL, 1000), result(dashboard, 110), result(mark, 300, p99=40)],
        [result(TRIVIAL, 1000), result(dashboard, 120), result(mark, 300, p99=45, errors=1)],
    ]
    _, targets = summarise(rounds)
    by_scenario = {t["scenario"]: t for t in targets}
    # One round under 10 %, the median (11 %) over it: met.
    assert by_scenario["dashboard"]["met"] is True
    # Median p99 45 ms < 50 ms, but one error in one round: short.
    assert by_scenario["mark-complete POST"]["p99_ms"] == 45
    assert by_scenario["mark-complete POST"]["met"] is False


def test_spread_skips_missing_values():
    assert spread([3, None, 1, 2]) == (2, 1, 3)
    assert spread([None]) == (None, None, None)


def test_only_brings_the_baselines_along_in_their_order():
    chosen = [s.name for s in select(SCENARIOS, ["dashboard", "signed-in lesson, direct"])]
    assert chosen == [
        "trivial view",
        "trivial view, direct",
        "signed-in lesson, direct",
        "dashboard",
    ]
    assert select(SCENARIOS, []) == SCENARIOS
    with pytest.raises(ValueError, match="unknown scenarios"):
        select(SCENARIOS, ["dashbaord"])


def test_the_scale_scenarios_exist_with_their_baselines():
    chosen = {s.name for s in select(SCENARIOS, SCALE_SCENARIOS)}
    assert chosen == set(SCALE_SCENARIOS)


def test_cpu_time_is_read_after_the_command_name():
    # A command name with spaces and parentheses; utime 150 and stime 50 ticks.
    line = "4242 (gunicorn: worker (x)) S 1 4242 4242 0 -1 4194560 900 0 0 0 150 50 0 0 20 0 1"
    assert capacity.stat_cpu_seconds(line, ticks=100) == 2.0
    before, after = {"app": 1.0, "mariadb": 0.5}, {"app": 3.0, "mariadb": 0.6}
    assert capacity.cpu_per_request(before, after, 200) == pytest.approx(
        {"app": 10.0, "mariadb": 0.5}
    )
    assert capacity.cpu_per_request(before, after, 0) == {"app": None, "mariadb": None}


def test_erlang_c_matches_known_values():
    # Two servers at one Erlang: a request waits with probability 1/3.
    assert capacity.erlang_c(2, 1.0) == pytest.approx(1 / 3)
    # One server: M/M/1, the wait probability is the utilisation.
    assert capacity.erlang_c(1, 0.7) == pytest.approx(0.7)
    assert capacity.erlang_c(4, 0) == 0
    assert capacity.erlang_c(4, 4) == 1


def test_p95_response_of_known_queues():
    # Idle: only the exponential service, p95 = S × ln 20.
    assert capacity.p95_response(3, 0.010, 0.0) == pytest.approx(0.010 * math.log(20))
    # M/M/1: the response time is exponential with rate μ - λ.
    assert capacity.p95_response(1, 0.010, 50) == pytest.approx(math.log(20) / 50)
    # Unstable: no finite p95.
    assert capacity.p95_response(2, 0.010, 200) == math.inf


def test_max_rate_keeps_p95_under_the_limit():
    rate = capacity.max_rate(2, 0.015)
    assert capacity.p95_response(2, 0.015, rate) == pytest.approx(0.2, rel=1e-3)
    assert 0 < rate < 2 / 0.015
    # More servers, more than proportionally more (pooling).
    assert capacity.max_rate(5, 0.015) > 2.5 * rate
    # A request that alone takes too long at the 95th percentile: nothing is served.
    assert capacity.max_rate(5, 0.100) == 0


def test_model_turns_the_mix_into_learners():
    costs = dict.fromkeys(capacity.MIX, 10.0)
    computed = capacity.model(costs, dict.fromkeys(capacity.MIX, 2.0), think_s=30)
    two, five = computed["rows"]
    assert computed["service_ms"] == pytest.approx(10.0)
    assert two["learners"] == math.floor(capacity.max_rate(two["cores"], 0.010) * 30)
    assert five["learners"] > two["learners"]
    assert two["db_cores_busy"] == pytest.approx(two["max_rps"] * 0.002)
    # A page of the mix not measured: no model.
    assert capacity.model({"signed-in lesson": 10.0}) is None


def test_verdict_against_the_design():
    assert capacity.verdict({"claim": (50, 100), "learners": 70}) == "backed"
    assert capacity.verdict({"claim": (50, 100), "learners": 20}) == "corrected: fewer"
    assert capacity.verdict({"claim": (50, 100), "learners": 3000}).startswith("corrected: more")
    assert capacity.verdict({"claim": (500, None), "learners": 5000}) == "backed"


def test_ladder_stops_after_the_first_step_over_the_limit():
    p95 = {4: 40.0, 8: 90.0, 16: 210.0, 32: 400.0}
    ran = []

    def step(connections):
        ran.append(connections)
        return {"rps": 100.0 + connections, "p95_ms": p95[connections], "errors": 0}

    measured = capacity.ladder(step, think_s=30, connections=(4, 8, 16, 32))
    assert ran == [4, 8, 16]
    assert measured["best"]["connections"] == 8
    assert measured["learners"] == 108 * 30
