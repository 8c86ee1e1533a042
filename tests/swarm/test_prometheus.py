"""Prometheus in the stack scrapes every web task and sees the requests they answer."""

import time
from urllib.parse import quote

import pytest

from tests.swarm.client import COURSE, addresses, get, prometheus

pytestmark = pytest.mark.swarm

REQUESTS = "sum(django_http_requests_total_by_method_total{job='web'})"


def requests_counted(swarm):
    result = prometheus(swarm, "/api/v1/query?query=" + quote(REQUESTS))["data"]["result"]
    return float(result[0]["value"][1]) if result else 0.0


def test_prometheus_scrapes_every_web_task_and_counts_their_requests(swarm, ports):
    deadline = time.monotonic() + 60  # targets come from DNS every 15 s, scrapes every 15 s
    while True:
        targets = prometheus(swarm, "/api/v1/targets")["data"]["activeTargets"]
        web = {t["labels"]["instance"].rsplit(":", 1)[0]: t["health"] for t in targets
               if t["labels"]["job"] == "web"}  # fmt: skip
        if web and set(web) == addresses(swarm, "web") and set(web.values()) == {"up"}:
            break
        assert time.monotonic() < deadline, f"web targets: {web}"
        time.sleep(2)

    before = requests_counted(swarm)
    for number in range(40):
        assert get(ports[number % 2], f"{COURSE}?counted={number}")[0] == 200
    deadline = time.monotonic() + 45
    while requests_counted(swarm) < before + 40:
        assert time.monotonic() < deadline, "Prometheus did not see the 40 requests"
        time.sleep(2)
