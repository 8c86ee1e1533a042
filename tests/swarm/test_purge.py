"""A publish in the Wagtail admin purges the page from both nginx replicas (tasks.nginx)."""

import re

import pytest

from tests.swarm.client import LESSON, get, header, manage_shell, request

pytestmark = pytest.mark.swarm


def cookies(headers):
    return dict(c.split(";", 1)[0].split("=", 1) for c in headers.get("set-cookie", []))


def admin_session(port):
    """Log in to the Wagtail admin through nginx with the real form: the Cookie header."""
    _, headers, html = get(port, "/admin/login/")
    csrf = cookies(headers)["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
    status, headers, _ = request(
        port, "POST", "/admin/login/",
        {"Cookie": f"csrftoken={csrf}", "Content-Type": "application/x-www-form-urlencoded"},
        f"csrfmiddlewaretoken={token}&username=admin&password=elevate-admin&next=/admin/",
    )  # fmt: skip
    assert status == 302, status
    return f"csrftoken={csrf}; sessionid={cookies(headers)['sessionid']}", token


def test_a_publish_in_the_admin_purges_both_nginx_replicas(swarm, ports):
    for port in ports:  # each nginx keeps a copy of its own
        get(port, LESSON)
        assert header(get(port, LESSON)[1], "X-Cache-Status") == "HIT"
    # A new draft, as an educator would leave it; the admin publishes it below.
    page_id = manage_shell(
        swarm,
        """
        from learning.models import LessonPage
        page = LessonPage.objects.get(slug="values-and-variables")
        page.title = "Values, variables and names"
        page.save_revision()
        print(page.pk)
        """,
    )
    for port in ports:  # drafts are not public: both still serve the cached page
        assert b"Values, variables and names" not in get(port, LESSON)[2]

    cookie, token = admin_session(ports[0])
    action = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/"
    _, _, form = get(ports[0], action, cookie)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1).decode()
    status, _, _ = request(
        ports[0], "POST", action,
        {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        f"csrfmiddlewaretoken={token}",
    )  # fmt: skip
    assert status == 302

    for port in ports:
        status, headers, html = get(port, LESSON)
        assert status == 200
        assert header(headers, "X-Cache-Status") == "MISS", port
        assert b"Values, variables and names" in html
