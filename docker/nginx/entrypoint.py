"""nginx in a container: render nginx/ from the environment, run nginx, follow the replicas.

    entrypoint.py          # render, start nginx in the foreground, follow NGINX_UPSTREAM
    entrypoint.py health   # the image's health check: the internal listener answers

The configuration is the one every topology uses, rendered by scripts/render_nginx.py (the
environment's NGINX_* variables, see its docstring).

nginx resolves the names in an upstream block once, when it loads its configuration. Behind
Swarm (`tasks.web`) or Compose (`web`) a name stands for every replica, and the replicas
come and go: scaling, rolling updates, a task replaced after a crash. So this entrypoint
resolves the names of NGINX_UPSTREAM itself, writes each replica's address into the
upstream block, and every NGINX_RESOLVE_SECONDS (2) resolves them again: when the set of
addresses changed, it renders the configuration again and reloads nginx (a graceful reload:
requests under way finish, the cache stays). Until a name resolves (no replica is healthy
yet), the upstream is an address that refuses, so visitors get nginx's 502 page.

Beside nginx runs Debian's prometheus-nginx-exporter, reading this nginx's stub_status on
the internal listener and serving it on NGINX_EXPORTER_LISTEN [:9113] (empty: no exporter).
One exporter per nginx: stub_status counts per nginx, so an exporter asking a service name
would mix the replicas' counters.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_nginx import DEFAULTS, render  # noqa: E402

CONF_DIR = Path("/etc/nginx/elevate")
NOWHERE = "127.0.0.1:1"  # refuses at once: nginx answers 502 until a replica is known


def setting(name):
    return os.environ.get(name, DEFAULTS[name])


def resolve(upstream):
    """Each host:port of NGINX_UPSTREAM as its addresses, sorted; names that do not resolve
    are left out."""
    servers = set()
    for server in filter(None, (s.strip() for s in upstream.split(","))):
        host, _, port = server.rpartition(":")
        try:
            infos = socket.getaddrinfo(host, int(port), type=socket.SOCK_STREAM)
        except socket.gaierror:
            continue
        for info in infos:
            address = info[4][0]
            servers.add(f"[{address}]:{port}" if ":" in address else f"{address}:{port}")
    return sorted(servers)


def write_config(servers):
    upstream = ",".join(servers) or NOWHERE
    return render(CONF_DIR, os.environ | {"NGINX_UPSTREAM": upstream})


def log(message):
    print(f"[entrypoint] {message}", file=sys.stderr, flush=True)


def start_exporter():
    listen = os.environ.get("NGINX_EXPORTER_LISTEN", ":9113")
    if not listen:
        return None
    port = setting("NGINX_INTERNAL_LISTEN").rpartition(":")[2]
    command = [
        "prometheus-nginx-exporter",
        f"-nginx.scrape-uri=http://127.0.0.1:{port}/nginx_status",
        f"-web.listen-address={listen}",
        "-nginx.retries=30",
        "-nginx.retry-interval=1s",
    ]
    return subprocess.Popen(command)  # noqa: S603 - Debian's exporter, arguments from our env


def run():
    for name in ("NGINX_RUN_DIR", "NGINX_CACHE_DIR", "NGINX_LOG_DIR"):
        Path(setting(name)).mkdir(parents=True, exist_ok=True)
    upstream = setting("NGINX_UPSTREAM")
    servers = resolve(upstream)
    conf = write_config(servers)
    log(f"upstream {upstream}: {', '.join(servers) or 'nothing yet'}")
    nginx = subprocess.Popen(["nginx", "-c", str(conf), "-g", "daemon off;"])  # noqa: S603, S607
    exporter = start_exporter()
    # docker stop sends SIGQUIT (the image's STOPSIGNAL: a graceful stop) or SIGTERM.
    for sig in (signal.SIGTERM, signal.SIGQUIT, signal.SIGINT):
        signal.signal(sig, lambda number, frame: nginx.send_signal(number))
    interval = float(os.environ.get("NGINX_RESOLVE_SECONDS", "2"))
    while nginx.poll() is None:
        time.sleep(interval)
        current = resolve(upstream)
        if current != servers and nginx.poll() is None:
            log(f"upstream {upstream}: {', '.join(current) or 'nothing'}; reloading")
            servers = current
            write_config(servers)
            nginx.send_signal(signal.SIGHUP)
    if exporter:
        exporter.terminate()
    sys.exit(nginx.returncode)


def health():
    """GET /nginx_status on the internal listener, with a bare socket (no curl here)."""
    listen = setting("NGINX_INTERNAL_LISTEN")
    host, _, port = listen.rpartition(":")
    address = (host or "127.0.0.1", int(port or listen))
    with socket.create_connection(address, timeout=3) as connection:
        connection.sendall(b"GET /nginx_status HTTP/1.0\r\nHost: localhost\r\n\r\n")
        status = connection.recv(64).split(b"\r\n", 1)[0]
    sys.exit(0 if b" 200 " in status else 1)


if __name__ == "__main__":
    health() if sys.argv[1:] == ["health"] else run()
