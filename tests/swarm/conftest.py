"""The Swarm stack for real (marker ``swarm``): swarm/stack.yml deployed on this machine's
Docker engine by the same code as ``make swarm`` (scripts/swarm.py), under a stack name of
its own (``elevatetest``: its services, volumes and secrets never touch a stack deployed by
hand), and removed at the end, also on failure: the stack, its volumes and secrets, and the
swarm itself when the tests initialised it.

Every request goes from the host to 127.0.0.1, to the ports nginx's two tasks publish.
The modules run in name order, the least harmful first: backup (restores what it changed),
compose (a compose project of its own), prometheus, purge, replicas (scales to 5 and back),
secrets, then updates and faults (a rolling update, a killed web task, a database restart).
"""

import os
import shutil

import pytest

from scripts.containers import answers
from scripts.swarm import Swarm
from tests.needs import skip_or_fail
from tests.swarm.client import docker

STACK = "elevatetest"


@pytest.fixture(scope="session")
def swarm_tools():
    """Root (to install and start the engine, as `make swarm` does) or a running engine;
    skip with a reason elsewhere, and fail instead in CI, which may not skip these tests."""
    if os.geteuid() != 0 and not (shutil.which("docker") and answers()):
        skip_or_fail("needs a Docker engine, or root to install and start one (`make swarm`)")
    if os.geteuid() != 0 and not shutil.which("debootstrap"):
        skip_or_fail("needs root to make the base images (debootstrap) when none is present")


@pytest.fixture(scope="session")
def swarm(swarm_tools):
    stack = Swarm({"ELEVATE_STACK": STACK, "ELEVATE_SEED_DEMO": "1", "SWARM_TIMEOUT": "300"})
    try:
        try:
            stack.up()
        except SystemExit as error:  # scripts/swarm.py says what failed
            pytest.fail(f"make swarm's deploy failed: {error}", pytrace=False)
        yield stack
    finally:
        stack.down()
        for kind in ("volume", "secret"):
            names = docker(kind, "ls", "-q", "--filter", f"name={STACK}_", check=False).split()
            if names:
                docker(kind, "rm", *names, check=False)
        if stack.initialised_swarm:
            docker("swarm", "leave", "--force", check=False)


@pytest.fixture(scope="session")
def ports(swarm):
    """The host ports of the two nginx tasks."""
    found = swarm.nginx_ports()
    assert len(found) == 2, found
    return found
