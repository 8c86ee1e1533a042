"""Web under load while Swarm updates it or a task dies, and a database restart."""

import collections
import time

import pytest

from tests.swarm.client import COURSE, Load, containers, docker, get

pytestmark = pytest.mark.swarm


def report(record_property, scenario, statuses):
    failed = [s for s in statuses if s != 200]
    record_property(f"{scenario}: sent", len(statuses))
    record_property(f"{scenario}: failed", len(failed))
    print(f"{scenario}: {len(statuses)} requests sent, {len(failed)} failed")
    return collections.Counter(failed)


def test_a_rolling_update_under_load_fails_no_request(swarm, ports, record_property):
    before = set(containers(swarm, "web"))
    load = Load(ports, minimum=2000)
    started = time.monotonic()
    # Waits until the update is done: one new task at a time, started before the old stops.
    docker("service", "update", "--force", "--quiet", swarm.service("web"))
    updated_after = time.monotonic() - started
    statuses = load.stop()
    failures = report(record_property, "rolling update", statuses)
    print(f"rolling update: {updated_after:.0f} s")
    assert len(statuses) >= 2000
    assert failures == {}
    after = set(containers(swarm, "web"))
    assert len(after) == 2 and not after & before  # both tasks were replaced


def test_killing_a_web_task_under_load_fails_no_request_and_swarm_replaces_it(
    swarm, ports, record_property
):
    victim = containers(swarm, "web")[0]
    load = Load(ports, minimum=2000)
    while load.sent < 300:
        time.sleep(0.1)
    docker("kill", victim)
    deadline = time.monotonic() + 60
    while len(set(containers(swarm, "web")) - {victim}) < 2:
        assert time.monotonic() < deadline, "Swarm did not replace the killed task in 60 s"
        time.sleep(1)
    statuses = load.stop()
    failures = report(record_property, "docker kill", statuses)
    assert len(statuses) >= 2000
    assert failures == {}
    swarm.wait("the replacement healthy")


def test_a_database_restart_gives_clear_503_pages_then_recovers_without_restarting_web(
    swarm, ports, record_property
):
    web = set(containers(swarm, "web"))
    database = containers(swarm, "db")[0]
    docker("kill", database)
    during, number = [], 0
    deadline = time.monotonic() + 120
    while True:  # until the new database task answers
        number += 1
        status, headers, body = get(ports[number % 2], f"{COURSE}?outage={number}")
        if status == 200:
            break
        during.append((status, headers.get("retry-after"), body))
        assert time.monotonic() < deadline, "the site did not recover within 120 s"
        time.sleep(0.2)
    report(record_property, "database restart", [s for s, _, _ in during])
    assert during, "the outage was not seen"
    assert {status for status, _, _ in during} == {503}
    assert all(b"unavailable" in body for _, _, body in during)
    after = [get(ports[n % 2], f"{COURSE}?after={n}")[0] for n in range(20)]
    assert after == [200] * 20
    assert set(containers(swarm, "web")) == web  # no web task was restarted
    assert containers(swarm, "db") != [database]
