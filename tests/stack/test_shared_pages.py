"""Signed-in pages rendered once for everyone (core.shared_render) on two replicas sharing
Redis: each learner still gets only their own name, progress and token, and a publish
shows at once on both replicas."""

import re

import pytest

from tests.stack.client import LESSON, PORTS, django_shell, log_in, request

pytestmark = pytest.mark.stack

REPLICA_PORTS = [PORTS["APP_PORT"], PORTS["APP_PORT"] + 1]
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(scope="module")
def two_learners(stack):
    django_shell(
        stack,
        """
        from accounts.models import User
        for name in ("Nora Shared", "Omar Shared"):
            username = name.split()[0].lower()
            user, _ = User.objects.get_or_create(username=username, defaults={"display_name": name})
            user.set_password("shared-pages-password")
            user.save()
        """,
    )
    return {
        "Nora Shared": log_in("nora", "shared-pages-password"),
        "Omar Shared": log_in("omar", "shared-pages-password"),
    }


def page(cookie, port, path=LESSON):
    response, html = request("GET", path, {"Cookie": cookie}, port=port)
    assert response.status == 200
    return html


def post_complete(html, cookie, token, port):
    action = re.search(rb'action="(/learning/lessons/\d+/complete/)"', html).group(1).decode()
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    response, _ = request("POST", action, headers, f"csrfmiddlewaretoken={token}", port=port)
    return response.status


def test_each_learner_gets_their_own_parts_of_a_shared_page_on_either_replica(two_learners):
    (nora, nora_cookie), (omar, omar_cookie) = two_learners.items()
    for port in REPLICA_PORTS * 2:
        nora_page, omar_page = page(nora_cookie, port), page(omar_cookie, port)
        assert nora.encode() in nora_page and omar.encode() not in nora_page
        assert omar.encode() in omar_page and nora.encode() not in omar_page
        assert b"Demo Learner</a>" not in nora_page + omar_page  # the demo learner's nav link
    # Each page's token is its reader's own: accepted with their cookie, refused with the
    # other's (Django's CSRF check answers 403).
    nora_token = TOKEN.search(nora_page).group(1).decode()
    omar_token = TOKEN.search(omar_page).group(1).decode()
    assert post_complete(nora_page, omar_cookie, nora_token, REPLICA_PORTS[0]) == 403
    assert post_complete(nora_page, nora_cookie, nora_token, REPLICA_PORTS[1]) == 302
    assert post_complete(omar_page, omar_cookie, omar_token, REPLICA_PORTS[0]) == 302
    # Nora's one completion, whatever the earlier stack tests did to the course's lessons.
    done = re.search(rb"(\d+) of \d+ lessons? done", page(nora_cookie, REPLICA_PORTS[0]))
    assert done.group(1) == b"1"


def test_a_publish_shows_at_once_to_signed_in_learners_on_both_replicas(stack, two_learners):
    cookie = two_learners["Nora Shared"]
    for port in REPLICA_PORTS:
        page(cookie, port)  # both replicas have the page's shared part cached
    django_shell(
        stack,
        """
        from learning.models import LessonPage
        page = LessonPage.objects.get(slug="values-and-variables")
        page.title = "Values and variables, published anew"
        page.save_revision().publish()
        """,
    )
    for port in REPLICA_PORTS:
        assert b"Values and variables, published anew" in page(cookie, port)
