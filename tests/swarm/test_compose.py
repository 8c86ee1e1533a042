"""docker-compose.yml on this host (`make compose`): the site through nginx on 127.0.0.1.

Needs the same engine and images as the Swarm tests (marker ``swarm``). Its own project
name and port, so a `make compose` running beside it is never touched; removed at the end
with its volumes.
"""

import json
import time
from pathlib import Path

import pytest

from scripts.containers import build_images, compose_up, ensure_compose
from tests.swarm.client import COURSE, docker, get, header

pytestmark = pytest.mark.swarm

PROJECT, PORT = "elevatetest-compose", 18480
COMPOSE_FILE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


def compose_cli(*args, check=True):
    return docker("compose", "-f", str(COMPOSE_FILE), *args, check=check)


@pytest.fixture(scope="module")
def compose(swarm_tools, monkeypatch_module):
    monkeypatch_module.setenv("COMPOSE_PROJECT_NAME", PROJECT)
    monkeypatch_module.setenv("ELEVATE_HTTP_PORT", str(PORT))
    # Its own subnet: the default one may be taken by a `make compose` beside it.
    monkeypatch_module.setenv("ELEVATE_APP_SUBNET", "172.30.210.0/24")
    ensure_compose()
    build_images()
    try:
        compose_up()
        yield
    finally:
        compose_cli("down", "--volumes", "--remove-orphans", check=False)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_compose_serves_the_site_through_nginx_from_both_web_replicas(compose):
    answered = set()
    for number in range(12):
        status, headers, _ = get(PORT, f"{COURSE}?n={number}")
        assert status == 200
        answered.add(header(headers, "X-Request-ID"))
    assert get(PORT, "/readyz")[2].startswith(b'{"status": "ok"')
    deadline = time.monotonic() + 10  # nginx writes its access log out every second
    while True:
        nginx_log = compose_cli("logs", "--no-log-prefix", "nginx")
        lines = [line for line in nginx_log.splitlines() if line.rsplit(" id=", 1)[-1] in answered]
        if len(lines) == len(answered) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    upstreams = {line.split(" upstream=")[1].split(" ")[0] for line in lines}
    assert len(upstreams) == 2  # web has 2 replicas


def test_compose_keeps_the_data_services_on_an_internal_network(compose):
    data = json.loads(docker("network", "inspect", f"{PROJECT}_data"))[0]
    assert data["Internal"] is True
    for service in ("db", "redis"):
        container = compose_cli("ps", "-q", service)
        ports = json.loads(docker("inspect", "-f", "{{json .NetworkSettings.Ports}}", container))
        assert all(not bindings for bindings in ports.values()), f"{service} publishes {ports}"
        assert set(
            json.loads(docker("inspect", "-f", "{{json .NetworkSettings.Networks}}", container))
        ) == {f"{PROJECT}_data"}
