"""Talking to the test stack from the host: requests to nginx's host ports on 127.0.0.1,
bounded load, nginx's access log, and the docker CLI for tasks, addresses and shells."""

import concurrent.futures
import http.client
import json
import re
import subprocess
import textwrap
import threading
import time

COURSE = "/courses/python-foundations/"
LESSON = "/courses/python-foundations/values-and-variables/"


def docker(*args, input=None, check=True):
    result = subprocess.run(
        ["docker", *args], capture_output=True, text=True, input=input, check=False
    )
    if check and result.returncode:
        raise AssertionError(f"docker {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout.strip()


def request(port, method, path, headers=None, body=None, timeout=15):
    """(status, headers as a dict of lists, body) of one request to 127.0.0.1:port."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        found = {}
        for name, value in response.getheaders():
            found.setdefault(name.lower(), []).append(value)
        return response.status, found, response.read()
    finally:
        connection.close()


def get(port, path, cookie=None):
    return request(port, "GET", path, {"Cookie": cookie} if cookie else None)


def header(headers, name):
    return (headers.get(name.lower()) or [None])[0]


def containers(swarm, service):
    """Ids of the running containers of one of the stack's services."""
    label = f"label=com.docker.swarm.service.name={swarm.service(service)}"
    return docker("ps", "-q", "--filter", label).split()


def addresses(swarm, service):
    """Each running task's address on the stack's app network (what nginx sends to)."""
    found = set()
    for container in containers(swarm, service):
        networks = json.loads(
            docker("inspect", "-f", "{{json .NetworkSettings.Networks}}", container)
        )
        found.add(networks[swarm.service("app")]["IPAddress"])
    return found


def manage_shell(swarm, code):
    """Run ``code`` with ``manage.py shell`` in a web task (the site's own settings)."""
    container = containers(swarm, "web")[0]
    return docker(
        "exec", container, "python", "manage.py", "shell", "--no-imports", "-c",
        textwrap.dedent(code),
    )  # fmt: skip


def upstreams(swarm, request_ids, timeout=10):
    """{request id: the web address nginx finally sent it to}, from both nginx's logs."""
    deadline = time.monotonic() + timeout
    while True:
        found = {}
        for container in containers(swarm, "nginx"):
            logs = subprocess.run(
                ["docker", "logs", container], capture_output=True, text=True
            ).stdout
            for match in re.finditer(r" upstream=(\S+(?:, \S+)*) rt=.* id=(\w+)$", logs, re.M):
                if match.group(2) in request_ids:
                    found[match.group(2)] = match.group(1).split(", ")[-1].rsplit(":", 1)[0]
        if len(found) == len(request_ids) or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def pages_by_task(swarm, count):
    """Ask for ``count`` pages through both nginx (query strings bypass the cache):
    {request id: web address that answered}, and the statuses."""
    ports = swarm.nginx_ports()
    ids, statuses = set(), []
    for number in range(count):
        status, headers, _ = get(ports[number % len(ports)], f"{COURSE}?spread={number}")
        statuses.append(status)
        ids.add(header(headers, "X-Request-ID"))
    return upstreams(swarm, ids), statuses


class Load:
    """Requests for pages that reach the web tasks (query strings bypass nginx's cache),
    from ``threads`` threads over every nginx port, until stopped and at least ``minimum``
    were sent; never more than ``maximum`` requests or ``seconds`` seconds."""

    def __init__(self, ports, minimum=2000, maximum=60_000, seconds=300, threads=8):
        self.ports, self.minimum, self.maximum = ports, minimum, maximum
        self.deadline = time.monotonic() + seconds
        self.results = []
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=threads)
        self.futures = [self.pool.submit(self.run) for _ in range(threads)]

    def next_number(self):
        with self.lock:
            number = len(self.results)
            done = self.stopped.is_set() and number >= self.minimum
            if done or number >= self.maximum or time.monotonic() > self.deadline:
                return None
            self.results.append(None)
            return number

    def run(self):
        while (number := self.next_number()) is not None:
            path = f"/?n={number}" if number % 2 else f"{COURSE}?n={number}"
            try:
                status = get(self.ports[number % len(self.ports)], path)[0]
            except OSError as error:
                status = repr(error)
            self.results[number] = status

    def stop(self):
        """Stop once ``minimum`` requests were sent; the statuses of all of them."""
        self.stopped.set()
        for future in self.futures:
            future.result()
        self.pool.shutdown()
        return self.results

    @property
    def sent(self):
        return len(self.results)


def prometheus(swarm, path):
    """GET ``path`` of Prometheus's HTTP API from inside its task (it publishes no port)."""
    container = containers(swarm, "prometheus")[0]
    url = f"http://127.0.0.1:9090{path}"
    return json.loads(docker("exec", container, "busybox", "wget", "-q", "-O", "-", url))
