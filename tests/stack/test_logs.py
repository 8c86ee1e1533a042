"""Every replica writes Django's log as JSON lines carrying nginx's request id."""

import re

import pytest

from tests.stack.client import COURSE, get, replica_log_records

pytestmark = pytest.mark.stack


def test_a_404_is_logged_as_json_with_nginxs_request_id(stack):
    response, _ = get("/courses/no-such-course/?log=1")
    assert response.status == 404
    request_id = response.getheader("X-Request-ID")
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    records = replica_log_records(stack, request_id)
    assert [(r["level"], r["logger"]) for r in records] == [("WARNING", "django.request")]
    assert records[0]["message"] == "Not Found: /courses/no-such-course/"
    assert {"time", "level", "logger", "message", "request_id"} <= set(records[0])


def test_a_database_outage_is_a_503_logged_with_its_traceback_and_request_id(stack):
    stack.stop_service("mariadb")
    try:
        response, html = get(f"{COURSE}?database=down")
    finally:
        stack.start_service("mariadb")
    assert response.status == 503  # Django's page, passed on by nginx without retrying
    assert response.getheader("Retry-After") == "30"
    assert b"The site is briefly unavailable" in html
    request_id = response.getheader("X-Request-ID")
    errors = [r for r in replica_log_records(stack, request_id) if r["level"] == "ERROR"]
    assert errors, f"no ERROR line for request {request_id} in the replicas' logs"
    assert errors[0]["message"].startswith("Service Unavailable: /courses/python-foundations/")
    assert "Traceback (most recent call last)" in errors[0]["traceback"]
    assert "OperationalError" in errors[0]["traceback"]
