"""Django's log is one JSON object per line, and each line names the request it belongs to
(the id nginx sends as X-Request-ID)."""

import io
import json
import logging

import pytest
from django.urls import path

from core.logging import JsonFormatter, RequestIdFilter


def boom(request):
    raise RuntimeError("the database fell over")


urlpatterns = [path("boom/", boom)]


@pytest.fixture
def log_lines():
    """What the configured console handler (settings.LOGGING) writes, as parsed lines."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)

    def lines():
        text = stream.getvalue()
        return [json.loads(line) for line in text.splitlines()]  # one object per line

    yield lines
    handler.setStream(previous)


def test_a_record_is_one_line_of_json_with_a_traceback():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("elevate.test")
    logger.addHandler(handler)
    try:
        try:
            raise ValueError("bad value\non two lines")
        except ValueError:
            logger.exception("Could not do %s", "that")
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["level"] == "ERROR"
    assert record["logger"] == "elevate.test"
    assert record["message"] == "Could not do that"
    assert record["request_id"] is None  # not inside a request
    assert "Traceback" in record["traceback"] and "ValueError: bad value" in record["traceback"]
    assert record["time"].endswith("+00:00")


@pytest.mark.django_db
def test_a_404_is_a_warning_with_the_request_id_from_nginx(client, log_lines):
    client.get("/no-such-page/", HTTP_X_REQUEST_ID="5f2b9c0e8d7a4e21a3c4b5d6e7f80912")
    warnings = [line for line in log_lines() if line["logger"] == "django.request"]
    assert len(warnings) == 1
    assert warnings[0]["level"] == "WARNING"
    assert warnings[0]["message"] == "Not Found: /no-such-page/"
    assert warnings[0]["request_id"] == "5f2b9c0e8d7a4e21a3c4b5d6e7f80912"
    assert warnings[0]["status_code"] == 404


@pytest.mark.urls(__name__)
def test_a_500_is_an_error_with_traceback_and_request_id(client, log_lines):
    client.raise_request_exception = False
    response = client.get("/boom/", HTTP_X_REQUEST_ID="abc123")
    assert response.status_code == 500
    (error,) = [line for line in log_lines() if line["level"] == "ERROR"]
    assert error["message"] == "Internal Server Error: /boom/"
    assert error["request_id"] == "abc123"
    assert "RuntimeError: the database fell over" in error["traceback"]
    assert (error["method"], error["path"]) == ("GET", "/boom/")


def test_a_forged_request_id_is_replaced(client, log_lines, db):
    client.get("/no-such-page/", HTTP_X_REQUEST_ID='x" injected\nFAKE LINE')
    (warning,) = [line for line in log_lines() if line["logger"] == "django.request"]
    assert len(warning["request_id"]) == 32 and "\n" not in warning["request_id"]
