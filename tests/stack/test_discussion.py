"""Lesson discussions across replicas: one shared state, one rate limit, a cached page that
never shows what a moderator hid, and reply e-mails sent by the task worker alone.

The comments go under a lesson no other module looks at, each test by a person of its own
(so one test's posts never count against another's rate limit). They log in straight to a
replica: nginx allows an address only a few log-ins a minute.
"""

import email
import email.policy
import json
import re
import time
from urllib.parse import urlencode

import pytest

from tests.stack.client import (
    COMMENT_RATE,
    PORTS,
    REPLICAS,
    access_log,
    django_shell,
    get,
    log_in,
    request,
    upstreams,
)

pytestmark = pytest.mark.stack

DISCUSSED = "/courses/web-accessibility-essentials/semantic-html/"
PASSWORD = "stack-discussion-password"
PEOPLE = ("ada", "brian", "carol", "grace", "hasty")
REPLICA_PORTS = sorted(int(address.rsplit(":", 1)[1]) for address in REPLICAS)


@pytest.fixture(scope="module")
def people(stack):
    """A signed-in learner of each name in PEOPLE: {name: Cookie header}."""
    django_shell(
        stack,
        f"""
        from accounts.models import User
        for name in {PEOPLE!r}:
            user, _ = User.objects.get_or_create(username=name)
            user.email, user.display_name = f"{{name}}@example.com", f"Tester {{name.title()}}"
            user.set_password({PASSWORD!r})
            user.save()
        """,
    )
    return {name: log_in(name, PASSWORD, port=REPLICA_PORTS[0]) for name in PEOPLE}


def post(cookie, action, text, port=PORTS["NGINX_PORT"], as_json=False):
    """Post ``text`` as the lesson page's form does (its CSRF token), to ``action`` or, when
    that is None, to the form's own action (a new comment on the lesson)."""
    _, html = request("GET", DISCUSSED, {"Cookie": cookie}, port=port)
    form = re.search(rb"<form [^>]*data-comment-form>.*?</form>", html, re.S).group(0)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1).decode()
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    if as_json:
        headers["Accept"] = "application/json"
    body = urlencode({"csrfmiddlewaretoken": token, "body": text})
    return request("POST", action or comment_action(html), headers, body, port=port)


def comment_action(html):
    return re.search(rb'action="(/community/lessons/\d+/comments/)"', html).group(1).decode()


def posted_id(response):
    """The new comment's id, from the 303 to the lesson page at ``#comment-<id>``."""
    assert response.status == 303, response.status
    location = response.getheader("Location")
    assert location.startswith(DISCUSSED), location
    return int(re.search(r"#comment-(\d+)$", location).group(1))


def anonymous_twice():
    """The anonymous lesson page, asked for twice: the second answer comes from the cache."""
    get(DISCUSSED)
    response, html = get(DISCUSSED)
    assert response.getheader("X-Cache-Status") == "HIT"
    return html


def test_a_comment_posted_through_nginx_is_on_both_replicas_and_the_shared_page(stack, people):
    text = f"Is a nav element a landmark? {time.monotonic()}"
    assert text.encode() not in anonymous_twice()

    response, _ = post(people["ada"], None, text)
    comment_id = posted_id(response)
    (line,) = access_log(stack, {response.getheader("X-Request-ID")}).values()
    (answered_by,) = upstreams(line)
    assert answered_by in REPLICAS

    # Each replica on its own port, the one that took the post and the other one.
    for port in REPLICA_PORTS:
        response, html = request("GET", DISCUSSED, port=port)
        assert (port, response.status) == (port, 200)
        assert f'id="comment-{comment_id}"'.encode() in html, port
        assert text.encode() in html, port
    # Through nginx: the cached copy was purged when the comment was posted.
    response, html = get(DISCUSSED)
    assert response.getheader("X-Cache-Status") == "MISS"
    assert text.encode() in html and b"Tester Ada" in html


def wait_for_a_fresh_minute(needed=10):
    """The limit counts per clock minute: start with ``needed`` seconds of it left."""
    left = 60 - time.time() % 60
    if left < needed:
        time.sleep(left + 0.1)


def test_the_comment_rate_limit_holds_across_both_replicas(stack, people):
    cookie = people["hasty"]
    action = comment_action(request("GET", DISCUSSED, {"Cookie": cookie})[1])
    wait_for_a_fresh_minute()
    for number in range(COMMENT_RATE):
        port = REPLICA_PORTS[number % 2]
        response, body = post(cookie, action, f"Quick thought {number}", port=port, as_json=True)
        assert (port, response.status) == (port, 201), body
    for port in REPLICA_PORTS:
        response, body = post(cookie, action, "One too many", port=port, as_json=True)
        assert (port, response.status) == (port, 429)
        assert f"at most {COMMENT_RATE} comments a minute" in json.loads(body)["error"]
    html = request("GET", DISCUSSED, port=REPLICA_PORTS[0])[1]
    assert b"Quick thought 0" in html and b"One too many" not in html


def test_a_comment_a_moderator_hides_leaves_the_cached_page_at_once(stack, people):
    text = f"Buy cheap watches {time.monotonic()}"
    comment_id = posted_id(post(people["brian"], None, text)[0])
    assert text.encode() in anonymous_twice()

    django_shell(
        stack,
        f"""
        from accounts.models import User
        from community import moderation
        from community.models import Comment
        moderation.hide(
            Comment.objects.get(pk={comment_id}),
            by=User.objects.get(username="moderator"),
            reason="Advertising",
        )
        """,
    )
    response, html = get(DISCUSSED)
    assert response.getheader("X-Cache-Status") == "MISS"
    assert text.encode() not in html
    assert f'id="comment-{comment_id}"'.encode() not in html
    # Its author still sees it, marked as hidden.
    response, html = get(DISCUSSED, people["brian"])
    assert text.encode() in html and b"Hidden by a moderator" in html


def mails(stack):
    return set(stack.mail_dir.glob("*.log"))


def test_a_reply_is_mailed_by_the_task_worker_not_by_the_request(stack, people):
    question = f"Should every image have alt text? {time.monotonic()}"
    question_id = posted_id(post(people["carol"], None, question)[0])
    before = mails(stack)
    answer = "Yes, and an empty alt for decoration: screen readers skip it."

    stack.stop_worker()
    try:
        response, _ = post(people["grace"], f"/community/comments/{question_id}/reply/", answer)
        reply_id = posted_id(response)
        time.sleep(2)  # a mail sent by the request, or by anything but the worker, is there
        assert mails(stack) == before
    finally:
        stack.start_worker()

    deadline = time.monotonic() + 15
    while not (new := mails(stack) - before):
        assert time.monotonic() < deadline, "the worker sent no e-mail within 15 s"
        time.sleep(0.2)
    (path,) = new
    # The file backend ends each message with a line of 79 dashes.
    raw = path.read_bytes().split(b"\n" + b"-" * 79)[0]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"] == "carol@example.com"
    assert message["Subject"] == "Tester Grace replied to your comment"
    assert not message.is_multipart() and message.get_content_type() == "text/plain"
    text = message.get_content()
    assert answer in text
    assert f"{DISCUSSED}#comment-{reply_id}" in text
