"""Replicas, MariaDB and Redis failing under traffic; no client input takes a replica out."""

import collections
import concurrent.futures
import contextlib
from urllib.parse import unquote, urlsplit

import pytest

from tests.stack.client import (
    COURSE,
    GUNICORN_TIMEOUT,
    LESSON,
    REPLICAS,
    access_log,
    get,
    pages_by_replica,
    request,
    until_both_replicas_answer,
    upstreams,
)

pytestmark = pytest.mark.stack


def test_pages_are_served_by_both_replicas(stack):
    statuses, replicas = pages_by_replica(stack)
    assert statuses == [200] * 12
    assert replicas == REPLICAS


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
        # Waits for the page tree until gunicorn kills the worker after its timeout: an
        # address never routed before, so its route is not in the cache.
        response, _ = request("GET", "/courses/never-routed/", timeout=3 * GUNICORN_TIMEOUT)
    assert response.status == 502
    (line,) = access_log(stack, {response.getheader("X-Request-ID")}).values()
    assert len(upstreams(line)) == 1  # not retried: it would only tie up another replica
    statuses, replicas = pages_by_replica(stack)
    assert statuses == [200] * 12
    assert replicas == REPLICAS
