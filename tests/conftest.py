"""Fixtures for the tests that run real nginx, MariaDB and Redis processes (marker ``stack``)."""

import os
import shutil

import pytest

from scripts.processes import ensure_packages
from tests.needs import skip_or_fail

TOOLS = ("nginx", "mariadbd", "redis-server", "unshare", "openssl")


@pytest.fixture(scope="session")
def stack_tools():
    """Install the Debian packages when root (as `make stack` does); skip with a reason
    elsewhere, and fail instead in CI, which may not skip these tests."""
    if os.geteuid() == 0 and shutil.which("apt-get"):
        ensure_packages(mariadb=True, redis=True)
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    reason = None
    if missing:
        reason = f"needs {', '.join(missing)} (Debian packages; `make stack` as root installs them)"
    elif os.geteuid() != 0:
        reason = "needs root (private network namespaces, services' data directories)"
    if reason:
        skip_or_fail(reason)
