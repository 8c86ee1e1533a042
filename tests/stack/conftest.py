"""The production topology for real: nginx → 2 gunicorn replicas → MariaDB + Redis (marker
``stack``). One stack serves every module here: ``scripts/stack.py`` starts it on its own
ports with *private* MariaDB and Redis instances, so the tests that stop or restart them
never touch the services the machine already runs; everything is stopped again at the end,
also on failure. The modules run in name order, which is also the order of least harm:
caching, discussion (stops the task worker and starts it again), headers and limits, logs
(one stops MariaDB), then replicas under faults.
"""

import pytest

from scripts.stack import Stack
from tests.stack.client import COMMENT_RATE, GUNICORN_TIMEOUT, PORTS, log_in


@pytest.fixture(scope="session")
def stack(tmp_path_factory, stack_tools):
    environ = {key: str(value) for key, value in PORTS.items()}
    environ |= {
        "STACK_DIR": str(tmp_path_factory.mktemp("stack")),
        "REPLICAS": "2",
        "STACK_PRIVATE_SERVICES": "1",
        "GUNICORN_TIMEOUT": str(GUNICORN_TIMEOUT),
        "COMMENT_RATE_PER_MINUTE": str(COMMENT_RATE),
    }
    stack = Stack(environ)
    try:
        stack.up()
        yield stack
    finally:
        stack.down()


@pytest.fixture(scope="session")
def learner_cookie(stack):
    return log_in("learner", "elevate-learner")
