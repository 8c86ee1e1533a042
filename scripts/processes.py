"""Process and package helpers for scripts/stack.py: start, wait for, and stop services."""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

HOST = "127.0.0.1"
# Debian's Chromium (Playwright cannot download its own browsers here), headless in a
# container: no sandbox (no user namespaces), no GPU, nothing that reaches out on its own.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def ensure_packages(mariadb, redis):
    wanted = {"nginx": "nginx", "libnginx-mod-http-cache-purge": None}
    if mariadb:
        wanted["mariadb-server"] = "mariadbd"
    if redis:
        wanted["redis-server"] = "redis-server"
    purge_module = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
    missing = [
        package
        for package, binary in wanted.items()
        if (binary and not shutil.which(binary)) or (not binary and not purge_module.exists())
    ]
    if missing:
        apt_install(missing)


def apt_install(packages):
    """Install Debian packages by name with apt-get (root only), quietly."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit(f"Install these Debian packages first: {' '.join(packages)}")
    print(f"[setup] installing {' '.join(packages)}", flush=True)
    quiet = {"stdout": subprocess.DEVNULL, "check": True}
    subprocess.run(["apt-get", "update", "-qq"], **quiet)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "-qq", *packages], env=env, **quiet)


def create_database(url):
    """Create the database named in a mysql:// URL if it is missing (utf8mb4)."""
    from urllib.parse import unquote, urlsplit

    import MySQLdb

    parts = urlsplit(url)
    if not parts.scheme.startswith("mysql"):
        return
    connection = MySQLdb.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
    )
    name = parts.path.lstrip("/")
    connection.cursor().execute(
        f"CREATE DATABASE IF NOT EXISTS `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    )
    connection.close()


def read_pid(path):
    try:
        return int(Path(path).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie child of ours counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def runs(pid, program):
    """Is ``pid`` alive and running ``program`` (a word of its command line)? Guards
    against a pid that was written down long ago and now belongs to something else."""
    try:
        return alive(pid) and program.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return False


def kill_quietly(pid, sig):
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def children(pid):
    result = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(line) for line in result.stdout.split()]


def wait_gone(pid, timeout=20):
    deadline = time.monotonic() + timeout
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if alive(pid):
        kill_quietly(pid, signal.SIGKILL)


def wait_until(condition, failure, timeout=30, while_alive=None):
    """Wait until ``condition()`` is true; give up after ``timeout`` seconds, or at once
    when the process ``while_alive`` has exited."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline or (while_alive and not alive(while_alive)):
            raise SystemExit(failure)
        time.sleep(0.1)


def wait_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing listens on {HOST}:{port} after {timeout} s")


def wait_http(url, timeout=60):
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
            connection.request("GET", parts.path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not answer 200 within {timeout} s")
