"""Tests that need a real service or tool skip with a reason on a laptop without it, and
fail instead in CI (``CI=true``), which may not skip them. The one rule, for every suite."""

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def skip_or_fail(reason):
    if IN_CI:
        pytest.fail(f"CI may not skip: {reason}")
    pytest.skip(reason)
