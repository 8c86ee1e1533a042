"""The production topology for real: nginx → 2 gunicorn replicas → MariaDB + Redis (marker
``stack``). The stack is started by ``scripts/stack.py`` on its own ports with *private*
MariaDB and Redis instances, so the tests that stop or restart them never touch the
services the machine already runs; everything is stopped again at the end, also on failure.
"""

import collections
import concurrent.futures
import contextlib
import http.client
import json
import re
import textwrap
import time
from urllib.parse import unquote, urlsplit

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
REPLICAS = {"127.0.0.1:18001", "127.0.0.1:18002"}
# Short enough that the test of a request killed by it takes seconds, long enough for every
# real request of these tests.
GUNICORN_TIMEOUT = 10


@pytest.fixture(scope="session")
def stack(tmp_path_factory, stack_tools):
    environ = {key: str(value) for key, value in PORTS.items()}
    environ |= {
        "STACK_DIR": str(tmp_path_factory.mktemp("stack")),
        "REPLICAS": "2",
        "STACK_PRIVATE_SERVICES": "1",
        "GUNICORN_TIMEOUT": str(GUNICORN_TIMEOUT),
    }
    stack = Stack(environ)
    try:
        stack.up()
        yield stack
    finally:
        stack.down()


def request(method, path, headers=None, body=None, port=PORTS["NGINX_PORT"], timeout=15):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
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
    return stack.manage("shell", "--no-imports", "-c", textwrap.dedent(code), capture=True).stdout


def headers_named(response, name):
    return [value for key, value in response.getheaders() if key.lower() == name.lower()]


def access_log(stack, request_ids, timeout=5):
    """nginx's access-log lines of these requests, by request id (nginx flushes its log
    buffer every second)."""
    log = stack.dir / "nginx" / "log" / "access.log"
    deadline = time.monotonic() + timeout
    while True:
        lines = {}
        for line in log.read_text().splitlines():
            match = re.search(r" id=(\w+)$", line)
            if match and match.group(1) in request_ids:
                lines[match.group(1)] = line
        if len(lines) == len(request_ids) or time.monotonic() > deadline:
            return lines
        time.sleep(0.2)


def upstreams(line):
    """The replicas nginx tried for one access-log line, in order."""
    return re.search(r" upstream=(.*?) rt=", line).group(1).split(", ")


def pages_by_replica(stack, count=12):
    """Ask for ``count`` pages (query strings bypass the cache): their statuses, and the
    replicas that answered them according to nginx's access log."""
    ids, statuses = [], []
    for number in range(count):
        response, _ = get(f"{LESSON}?spread={number}-{time.monotonic()}")
        statuses.append(response.status)
        ids.append(response.getheader("X-Request-ID"))
    lines = access_log(stack, set(ids))
    return statuses, {upstreams(lines[i])[-1] for i in ids if i in lines}


def until_both_replicas_answer(stack, timeout=15):
    """nginx keeps a replica that failed out for fail_timeout (10 s): wait until both
    answer again, so that a test starts from a whole stack."""
    deadline = time.monotonic() + timeout
    while pages_by_replica(stack, count=6)[1] != REPLICAS:
        assert time.monotonic() < deadline, "a replica stayed out of nginx's rotation"
        time.sleep(1)


def replica_log_records(stack, request_id, timeout=5):
    """Django's JSON log lines, from every replica's log, for one request."""
    deadline = time.monotonic() + timeout
    while True:
        records = []
        for number in range(2):
            for line in stack.replica_log(number).read_text().splitlines():
                if line.startswith("{"):
                    record = json.loads(line)  # each line is one JSON object
                    if record.get("request_id") == request_id:
                        records.append(record)
        if records or time.monotonic() > deadline:
            return records
        time.sleep(0.2)


def test_pages_are_served_by_both_replicas(stack):
    statuses, replicas = pages_by_replica(stack)
    assert statuses == [200] * 12
    assert replicas == REPLICAS


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
    assert response.getheader("Cache-Control") == "max-age=315360000"
    assert response.getheader("Content-Encoding") == "gzip"


def test_purge_and_metrics_are_refused_on_the_public_listener(stack):
    assert request("PURGE", COURSE)[0].status == 405
    assert get("/metrics")[0].status == 403
    # ...and the internal listener does purge.
    get(COURSE)
    assert request("PURGE", COURSE, port=PORTS["NGINX_INTERNAL_PORT"])[0].status == 200
    assert get(COURSE)[0].getheader("X-Cache-Status") == "MISS"


# --- caching is opt-in -------------------------------------------------------------------


def twice(path):
    """Ask twice; the second answer shows whether the first was stored."""
    get(path)
    return get(path)


def public_document_url(stack):
    """A document that a public, live page uses (so anonymous visitors may download it)."""
    return publish(
        stack,
        """
        from django.contrib.auth.models import AnonymousUser
        from wagtail.documents import get_document_model
        from core.documents import pages_using
        from core.visibility import is_visible
        for document in get_document_model().objects.order_by("pk"):
            if any(is_visible(AnonymousUser(), page) for page in pages_using(document)):
                print(document.url)
                break
        """,
    ).strip()


def certificate_verification_url(stack):
    return publish(
        stack,
        """
        from django.utils import timezone
        from accounts.models import User
        from learning.models import Certificate, CoursePage
        course = CoursePage.objects.get(slug="git-in-practice")
        certificate, _ = Certificate.objects.get_or_create(
            user=User.objects.get(username="learner"), course=course,
            defaults={"learner_name": "Demo Learner", "course_title": course.title,
                      "issued_at": timezone.now()},
        )
        print(certificate.get_verification_url())
        """,
    ).strip()


def test_only_pages_django_declares_shareable_are_cached(stack):
    # A public page: Django declares it, nginx keeps it for at most SHARED_CACHE_SECONDS.
    response, _ = twice(COURSE)
    assert response.getheader("X-Cache-Status") == "HIT"
    cache_control = response.getheader("Cache-Control")
    assert "public" in cache_control
    assert 0 < int(re.search(r"s-maxage=(\d+)", cache_control).group(1)) <= 300

    document = public_document_url(stack)
    assert document.startswith("/documents/")
    undeclared = {
        "certificate verification": certificate_verification_url(stack),
        "public document": document,
        "log-in page": "/accounts/login/",
        "404": "/courses/no-such-course/",
        "slash redirect": COURSE.rstrip("/"),
    }
    for what, path in undeclared.items():
        first, _ = get(path)
        second, _ = get(path)
        assert first.status in (200, 301, 404), (what, first.status)
        assert second.getheader("X-Cache-Status") != "HIT", what
        assert "s-maxage" not in (second.getheader("Cache-Control") or ""), what


def test_every_spelling_of_a_page_is_purged_when_it_is_unpublished(stack):
    course = COURSE
    spellings = [
        course,
        course + "?",  # an empty query string
        "/courses/python%2Dfoundations/",  # a percent-encoded hyphen
        "/courses//python-foundations/",  # a doubled slash
        "/courses/Python-Foundations/",  # MariaDB compares slugs without case
    ]
    for spelling in spellings:
        response, _ = get(spelling)
        assert response.status in (200, 404), spelling
    served = [spelling for spelling in spellings if get(spelling)[0].status == 200]
    assert course in served and course + "?" in served

    publish(
        stack,
        "from learning.models import CoursePage\n"
        'CoursePage.objects.get(slug="python-foundations").unpublish()',
    )
    try:
        for spelling in spellings:
            response, _ = get(spelling)
            assert (spelling, response.status) == (spelling, 404)
            assert response.getheader("X-Cache-Status") != "HIT"
    finally:
        publish(
            stack,
            "from learning.models import CoursePage\n"
            'CoursePage.objects.get(slug="python-foundations").save_revision().publish()',
        )
    assert get(course)[0].status == 200


def test_making_a_course_members_only_purges_it_and_its_lessons(stack):
    course = "/courses/sql-for-data-analysis/"
    lessons = [course + "select-and-filtering/", course + "joins/"]
    for path in (course, *lessons):
        response, _ = twice(path)
        assert (path, response.getheader("X-Cache-Status")) == (path, "HIT")

    # What the admin's privacy dialog does.
    publish(
        stack,
        """
        from wagtail.models import Page, PageViewRestriction
        course = Page.objects.get(slug="sql-for-data-analysis")
        PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
        """,
    )
    try:
        for path in (course, *lessons):
            response, html = get(path)
            assert response.status == 302, path  # to log in, not the cached page
            assert response.getheader("Location").startswith("/accounts/login/?next=")
            assert response.getheader("X-Cache-Status") != "HIT"
    finally:
        publish(
            stack,
            """
            from wagtail.models import PageViewRestriction
            PageViewRestriction.objects.filter(page__slug="sql-for-data-analysis").delete()
            """,
        )
    assert get(course)[0].status == 200


# --- headers ---------------------------------------------------------------------------


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

    site_policy = page.getheader("Content-Security-Policy")
    assert "script-src 'self';" in site_policy and "unsafe-inline" not in site_policy
    admin_policy = get("/admin/login/")[0].getheader("Content-Security-Policy")
    assert "script-src 'self' 'unsafe-inline'" in admin_policy
    assert "object-src 'none'" in admin_policy


# --- the application log ------------------------------------------------------------------


def test_a_404_is_logged_as_json_with_nginxs_request_id(stack):
    response, _ = get("/courses/no-such-course/?log=1")
    assert response.status == 404
    request_id = response.getheader("X-Request-ID")
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    records = replica_log_records(stack, request_id)
    assert [(r["level"], r["logger"]) for r in records] == [("WARNING", "django.request")]
    assert records[0]["message"] == "Not Found: /courses/no-such-course/"
    assert {"time", "level", "logger", "message", "request_id"} <= set(records[0])


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
        until_both_replicas_answer(stack)


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


def test_a_500_is_logged_with_its_traceback_and_request_id(stack):
    stack.stop_service("mariadb")
    try:
        response, html = get(f"{COURSE}?database=down")
    finally:
        stack.start_service("mariadb")
    assert response.status == 500
    assert b"Something went wrong on our side" in html
    request_id = response.getheader("X-Request-ID")
    errors = [r for r in replica_log_records(stack, request_id) if r["level"] == "ERROR"]
    assert errors, f"no ERROR line for request {request_id} in the replicas' logs"
    assert errors[0]["message"].startswith("Internal Server Error: /courses/python-foundations/")
    assert "Traceback (most recent call last)" in errors[0]["traceback"]
    assert "OperationalError" in errors[0]["traceback"]


# --- a replica is taken out only for real failures -------------------------------------------


def test_absurdly_long_addresses_take_no_replica_out(stack):
    until_both_replicas_answer(stack)
    statuses = collections.Counter()
    for number in range(50):
        # No trailing slash: Django answers with a redirect whose Location repeats the path.
        length = 2000 if number % 2 else 7000
        path = f"/{number:02d}" + "a" * (length - 3)
        response, html = get(path)
        statuses[(length, response.status)] += 1
        if response.status == 301:
            assert response.getheader("Location") == path + "/"
        if length == 7000:
            assert b"That address is too long" in html
    # 2,000 characters: Django's redirect reaches the visitor. 7,000: nginx refuses at once.
    assert statuses == {(2000, 301): 25, (7000, 414): 25}
    statuses, replicas = pages_by_replica(stack)
    assert statuses == [200] * 12
    assert replicas == REPLICAS


@contextlib.contextmanager
def table_locked(stack, table):
    """Hold a write lock on ``table`` in the stack's MariaDB: requests that read it wait."""
    import MySQLdb

    url = urlsplit(stack.state["database_url"])
    connection = MySQLdb.connect(
        host=url.hostname,
        port=url.port,
        user=unquote(url.username),
        password=unquote(url.password),
        database=url.path.lstrip("/"),
    )
    try:
        connection.cursor().execute(f"LOCK TABLES {table} WRITE")
        yield
    finally:
        connection.close()  # releases the lock


def test_a_request_killed_by_gunicorns_timeout_takes_no_replica_out(stack):
    until_both_replicas_answer(stack)
    with table_locked(stack, "wagtailcore_page"):
        # Waits for the page tree until gunicorn kills the worker after its timeout.
        response, _ = request("GET", f"{COURSE}?slow=1", timeout=3 * GUNICORN_TIMEOUT)
    assert response.status == 502
    (line,) = access_log(stack, {response.getheader("X-Request-ID")}).values()
    assert len(upstreams(line)) == 1  # not retried: it would only tie up another replica
    statuses, replicas = pages_by_replica(stack)
    assert statuses == [200] * 12
    assert replicas == REPLICAS


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
