"""The production topology for real: nginx → 2 gunicorn replicas → MariaDB + Redis (marker
``stack``). The stack is started by ``scripts/stack.py`` on its own ports with *private*
MariaDB and Redis instances, so the tests that stop or restart them never touch the
services the machine already runs; everything is stopped again at the end, also on failure.
"""

import concurrent.futures
import http.client
import re
import textwrap
import time

import pytest

from scripts.stack import Stack

pytestmark = pytest.mark.stack

PORTS = {
    "NGINX_PORT": 18080,
    "NGINX_INTERNAL_PORT": 18081,
    "APP_PORT": 18001,
    "MARIADB_PORT": 13307,
    "REDIS_PORT": 16380,
}
LESSON = "/courses/python-foundations/values-and-variables/"
COURSE = "/courses/python-foundations/"


@pytest.fixture(scope="session")
def stack(tmp_path_factory, stack_tools):
    environ = {key: str(value) for key, value in PORTS.items()}
    environ |= {
        "STACK_DIR": str(tmp_path_factory.mktemp("stack")),
        "REPLICAS": "2",
        "STACK_PRIVATE_SERVICES": "1",
    }
    stack = Stack(environ)
    try:
        stack.up()
        yield stack
    finally:
        stack.down()


def request(method, path, headers=None, body=None, port=PORTS["NGINX_PORT"]):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response, content


def get(path, cookie=None):
    return request("GET", path, {"Cookie": cookie} if cookie else None)


def cookies_from(response):
    return {
        header.split("=", 1)[0]: header.split("=", 1)[1].split(";", 1)[0]
        for name, header in response.getheaders()
        if name.lower() == "set-cookie"
    }


def log_in(username, password):
    """Log in through nginx with the real form; returns the Cookie header to send."""
    response, html = get("/accounts/login/")
    csrf = cookies_from(response)["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
    response, _ = request(
        "POST",
        "/accounts/login/",
        {"Cookie": f"csrftoken={csrf}", "Content-Type": "application/x-www-form-urlencoded"},
        f"csrfmiddlewaretoken={token}&username={username}&password={password}",
    )
    assert response.status == 302, response.status
    return f"csrftoken={csrf}; sessionid={cookies_from(response)['sessionid']}"


@pytest.fixture(scope="session")
def learner_cookie(stack):
    return log_in("learner", "elevate-learner")


def publish(stack, code):
    """Change pages through Wagtail's publishing API inside the stack's own settings."""
    stack.manage("shell", "--no-imports", "-c", textwrap.dedent(code))


def test_pages_are_served_by_both_replicas(stack):
    upstreams = set()
    for number in range(12):
        response, _ = get(f"{LESSON}?spread={number}")  # a query string bypasses the cache
        assert response.status == 200
        upstreams.add(response.getheader("X-Upstream"))
    assert upstreams == {"127.0.0.1:18001", "127.0.0.1:18002"}


def test_health_endpoints_are_never_cached(stack):
    for path in ("/healthz", "/readyz", "/readyz"):
        response, body = get(path)
        assert response.status == 200
        assert response.getheader("X-Cache-Status") is None
        assert b'"status": "ok"' in body


def test_anonymous_page_is_a_cache_hit_and_fresh_right_after_publish(stack):
    get(LESSON)
    response, _ = get(LESSON)
    assert response.getheader("X-Cache-Status") == "HIT"
    assert get(COURSE)[0].status == 200 and get(COURSE)[0].getheader("X-Cache-Status") == "HIT"

    publish(
        stack,
        """
        from learning.models import LessonPage
        page = LessonPage.objects.get(slug="values-and-variables")
        page.title = "Values, variables and names"
        page.save_revision().publish()
    """,
    )
    published_at = time.monotonic()  # the publish (and its purge) has returned
    response, html = get(LESSON)
    assert time.monotonic() - published_at < 1
    assert b"Values, variables and names" in html
    assert response.getheader("X-Cache-Status") == "MISS"
    # The course page lists the lesson in its outline: purged too.
    assert b"Values, variables and names" in get(COURSE)[1]

    publish(
        stack,
        """
        from learning.models import LessonPage
        LessonPage.objects.get(slug="values-and-variables").unpublish()
    """,
    )
    assert get(LESSON)[0].status == 404
    assert b"Values, variables and names" not in get(COURSE)[1]
    publish(
        stack,
        """
        from learning.models import LessonPage
        LessonPage.objects.get(slug="values-and-variables").save_revision().publish()
    """,
    )
    assert get(LESSON)[0].status == 200


def test_a_learners_page_never_comes_from_the_shared_cache(stack, learner_cookie):
    get(LESSON)
    assert get(LESSON)[0].getheader("X-Cache-Status") == "HIT"
    for _ in range(2):
        response, html = get(LESSON, learner_cookie)
        assert response.getheader("X-Cache-Status") == "BYPASS"
        assert b"Demo Learner" in html and b"<progress" in html
        assert "private" in response.getheader("Cache-Control", "")
    anonymous = get(LESSON)[1]
    assert b"Demo Learner" not in anonymous and b"<progress" not in anonymous


def test_static_files_come_from_nginx_with_cache_headers(stack):
    html = get("/courses/")[1]
    css = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1).decode()
    response, body = request("GET", css, {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("X-Upstream") is None  # no replica was asked
    assert response.getheader("Cache-Control") == "max-age=315360000"
    assert response.getheader("Content-Encoding") == "gzip"


def test_purge_and_metrics_are_refused_on_the_public_listener(stack):
    assert request("PURGE", COURSE)[0].status == 405
    assert get("/metrics")[0].status == 403
    # ...and the internal listener does purge.
    get(COURSE)
    assert request("PURGE", COURSE, port=PORTS["NGINX_INTERNAL_PORT"])[0].status == 200
    assert get(COURSE)[0].getheader("X-Cache-Status") == "MISS"


def test_killing_a_replica_under_load_fails_no_request(stack):
    total, killed_after = 2000, 300
    # Query strings bypass nginx's cache, so every request reaches a replica.
    paths = [f"/?n={n}" if n % 2 else f"{COURSE}?n={n}" for n in range(total)]

    def fetch(path):
        try:
            return get(path)[0].status
        except OSError as error:
            return repr(error)

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        futures = [pool.submit(fetch, path) for path in paths]
        done = 0
        for _ in concurrent.futures.as_completed(futures):
            done += 1
            if done == killed_after:
                stack.kill_replica(1)
        statuses = [future.result() for future in futures]
    try:
        failures = [status for status in statuses if status != 200]
        assert len(statuses) == total
        assert failures == []
    finally:
        stack.state["replicas"].pop("1")
        stack.start_replica(1)


def test_with_redis_down_pages_work_and_learners_stay_signed_in(stack, learner_cookie):
    stack.stop_service("redis")
    try:
        response, html = get(LESSON, learner_cookie)
        assert response.status == 200
        assert b"Demo Learner" in html
        assert get(f"{COURSE}?redis=down")[0].status == 200
        response, body = get("/readyz")
        assert response.status == 200 and b'"cache": "unavailable"' in body
    finally:
        stack.start_service("redis")
    assert b'"status": "ok"' in get("/readyz")[1]


def test_after_a_mariadb_restart_requests_succeed_without_restarting_gunicorn(stack):
    pids = [stack.replica_pid(number) for number in range(2)]
    stack.stop_service("mariadb")
    try:
        assert get("/readyz")[0].status == 503
    finally:
        stack.start_service("mariadb")
    statuses = [get(f"{COURSE}?after-restart={n}")[0].status for n in range(20)]
    assert statuses == [200] * 20
    assert b'"database": "ok"' in get("/readyz")[1]
    assert [stack.replica_pid(number) for number in range(2)] == pids


def test_log_in_is_rate_limited(stack):
    statuses = [get("/accounts/login/")[0].status for _ in range(20)]
    assert 429 in statuses
    assert statuses[0] in (200, 429)


def test_moving_and_deleting_a_lesson_purge_the_pages_that_showed_it(stack):
    old_url = "/courses/python-foundations/functions/"
    new_url = "/courses/sql-for-data-analysis/functions/"
    other_course = "/courses/sql-for-data-analysis/"
    for path in (old_url, COURSE, other_course):
        get(path)
        assert get(path)[0].getheader("X-Cache-Status") == "HIT"
    publish(
        stack,
        """
        from learning.models import CoursePage, LessonPage
        lesson = LessonPage.objects.get(slug="functions")
        lesson.move(CoursePage.objects.get(slug="sql-for-data-analysis"), pos="last-child")
        """,
    )
    moved, _ = get(old_url)  # Wagtail leaves a redirect behind a moved page
    assert (moved.status, moved.getheader("Location")) == (301, new_url)
    assert get(new_url)[0].status == 200
    assert b"/functions/" not in get(COURSE)[1]
    assert new_url.encode() in get(other_course)[1]

    get(new_url)
    assert get(new_url)[0].getheader("X-Cache-Status") == "HIT"
    publish(
        stack,
        'from learning.models import LessonPage\nLessonPage.objects.get(slug="functions").delete()',
    )
    assert get(new_url)[0].status == 404
    assert new_url.encode() not in get(other_course)[1]
