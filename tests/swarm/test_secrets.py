"""Secrets stay secret: no value shows in `docker inspect` or `docker service inspect`."""

import json

import pytest

from tests.swarm.client import containers, docker

pytestmark = pytest.mark.swarm


def test_no_secret_value_shows_in_docker_inspect_or_service_inspect(swarm):
    web, db = containers(swarm, "web")[0], containers(swarm, "db")[0]
    values = {
        name: docker("exec", web, "cat", f"/run/secrets/{name}")
        for name in ("django_secret_key", "database_url")
    } | {
        name: docker("exec", db, "cat", f"/run/secrets/{name}")
        for name in ("db_password", "db_root_password")
    }
    assert all(len(value) >= 20 for value in values.values()), "the secrets were not read"
    # The site uses them: the database URL carries the password.
    assert values["db_password"] in values["database_url"]

    services = docker(
        "service", "ls", "-q", "--filter", f"label=com.docker.stack.namespace={swarm.name}"
    ).split()
    tasks = docker("ps", "-q", "--filter", f"label=com.docker.stack.namespace={swarm.name}").split()
    inspected = docker("service", "inspect", *services) + docker("inspect", *tasks)
    assert len(json.loads(docker("inspect", *tasks))) == len(tasks)
    for name, value in values.items():
        assert value not in inspected, f"{name} shows in docker inspect"
    # Nor in a process's environment inside the containers.
    for container in (web, db):
        environment = docker("exec", container, "env")
        for name, value in values.items():
            assert value not in environment, f"{name} is in the environment of {container}"
