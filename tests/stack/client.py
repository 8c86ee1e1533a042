"""Talking to the running stack: requests through nginx (or straight to a replica), log-ins,
code run inside the stack's Django settings (publishing, moderating), and reading nginx's
and the replicas' logs."""

import http.client
import json
import re
import textwrap
import time

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
# Comments a person may post a minute (COMMENT_RATE_PER_MINUTE of the stack).
COMMENT_RATE = 3
# Short enough that the test of a request killed by it takes seconds, long enough for every
# real request of these tests.
GUNICORN_TIMEOUT = 10


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


def log_in(username, password, port=PORTS["NGINX_PORT"]):
    """Log in with the real form, through nginx or straight to a replica (nginx allows an
    address a few log-ins a minute); returns the Cookie header to send. The session is
    shared: the cookie works on every replica."""
    response, html = request("GET", "/accounts/login/", port=port)
    csrf = cookies_from(response)["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
    response, _ = request(
        "POST",
        "/accounts/login/",
        {"Cookie": f"csrftoken={csrf}", "Content-Type": "application/x-www-form-urlencoded"},
        f"csrfmiddlewaretoken={token}&username={username}&password={password}",
        port=port,
    )
    assert response.status == 302, response.status
    return f"csrftoken={csrf}; sessionid={cookies_from(response)['sessionid']}"


def django_shell(stack, code):
    """Run ``code`` with ``manage.py shell`` in the stack's own settings (publish pages
    through Wagtail's API, moderate comments with the app's functions); its output."""
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
