"""nginx spreads pages over every web task, and over new ones as soon as they are healthy."""

import collections
import time

import pytest

from tests.swarm.client import addresses, docker, pages_by_task

pytestmark = pytest.mark.swarm

# After `docker service scale` reports 5 healthy tasks, nginx must send requests to all 5
# within this many seconds: its entrypoint re-resolves tasks.web every 2 s and reloads.
SPREAD_SECONDS = 10


def test_the_site_is_served_through_nginx_by_both_web_tasks(swarm, ports):
    answered, statuses = pages_by_task(swarm, 20)
    assert statuses == [200] * 20
    assert len(answered) == 20
    assert set(answered.values()) == addresses(swarm, "web")
    assert len(addresses(swarm, "web")) == 2


def test_after_scaling_to_5_requests_spread_over_all_5(swarm, ports, record_property):
    swarm.scale(5)
    try:
        tasks = addresses(swarm, "web")
        assert len(tasks) == 5
        scaled_at = time.monotonic()
        while True:
            answered, statuses = pages_by_task(swarm, 50)
            spread = collections.Counter(answered.values())
            if set(spread) == tasks or time.monotonic() - scaled_at > SPREAD_SECONDS:
                break
        seconds = time.monotonic() - scaled_at
        record_property("spread over 5", dict(spread))
        print(f"spread of 50 requests over 5 tasks: {sorted(spread.values())}, in {seconds:.1f} s")
        assert statuses == [200] * 50
        assert set(spread) == tasks, f"not every task answered within {SPREAD_SECONDS} s"
        # Round robin: no task gets much more than its share.
        assert max(spread.values()) <= 2 * 50 / 5
    finally:
        docker("service", "scale", "--detach", swarm.service("web") + "=2")
        swarm.wait("web back at 2 replicas")
