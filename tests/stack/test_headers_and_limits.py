"""Security headers with one owner each, rate limits on every log-in and reset page, and no
Django admin."""

import re

import pytest

from tests.stack.client import COURSE, get, headers_named, request

pytestmark = pytest.mark.stack


SECURITY_HEADERS = {
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def test_each_security_header_is_sent_once_with_one_value(stack):
    page, html = get(COURSE)
    css = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1).decode()
    answers = {
        "page": page,
        "static file": get(css)[0],
        "redirect": get(COURSE.rstrip("/"))[0],
        "nginx's own error page": get("/" + "x" * 5000)[0],
    }
    assert answers["redirect"].status == 301
    assert answers["nginx's own error page"].status == 414
    for what, response in answers.items():
        for name, value in SECURITY_HEADERS.items():
            assert (what, headers_named(response, name)) == (what, [value])
        assert len(headers_named(response, "Content-Security-Policy")) == 1, what
        assert len(headers_named(response, "X-Request-ID")) == 1, what
        assert headers_named(response, "X-Upstream") == [], what  # no private addresses

    # django-csp writes the directives in no fixed order: compare them one by one.
    site_policy = directives(page.getheader("Content-Security-Policy"))
    assert site_policy["script-src"] == ["'self'"]
    assert not any("'unsafe-inline'" in sources for sources in site_policy.values())
    admin_policy = directives(get("/admin/login/")[0].getheader("Content-Security-Policy"))
    assert admin_policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert admin_policy["object-src"] == ["'none'"]


def directives(policy):
    """{directive: [sources]} of a Content-Security-Policy header."""
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def test_log_in_is_rate_limited(stack):
    statuses = [get("/accounts/login/")[0].status for _ in range(20)]
    assert 429 in statuses
    assert statuses[0] in (200, 429)


def test_every_log_in_and_password_reset_page_is_rate_limited(stack):
    pages = [
        "/accounts/login/",
        "/accounts/signup/",
        "/admin/login/",
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/MQ/set-password/",
        "/accounts/reset/done/",
        "/admin/password_reset/",
        "/admin/password_reset/done/",
    ]
    for page in pages:
        statuses = [get(page)[0].status for _ in range(12)]
        assert 429 in statuses, (page, statuses)
        response, html = get(page)
        assert response.status == 429
        assert b"Too many requests" in html  # nginx's page, not a bare status


def test_djangos_own_admin_is_not_there(stack):
    for path in ("/django-admin/", "/django-admin/login/"):
        assert get(path)[0].status == 404


def test_comment_posts_are_rate_limited_per_address_and_reading_is_not(stack):
    """nginx's limit on POSTs to /community/ (30 a minute, bursts of 10) sits in front of
    Django's per-person limit; the form pages stay free to read."""
    for _ in range(15):
        assert get("/community/comments/1/reply/")[0].status != 429
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    statuses = [
        request("POST", "/community/lessons/1/comments/", form, "body=x")[0].status
        for _ in range(15)
    ]
    assert 429 in statuses, statuses
    assert statuses[0] != 429  # the first ones reach Django (403 without a CSRF token)
