"""Render nginx/ into a ready nginx configuration directory.

    python scripts/render_nginx.py OUTPUT_DIR

Every topology uses this one configuration; only these environment variables differ:

NGINX_UPSTREAM          comma-separated app servers: "web:8000" (compose), "tasks.web:8000"
                        (Swarm), "elevate-web:8000" (Kubernetes), "127.0.0.1:8001,127.0.0.1:8002"
NGINX_LISTEN            public listener                     [80]
NGINX_INTERNAL_LISTEN   purge and metrics listener          [8081]
NGINX_INTERNAL_ALLOW    network allowed on the internal one [127.0.0.1]
NGINX_STATIC_ROOT       collected static files              [/srv/elevate/static]
NGINX_MEDIA_ROOT        uploaded media                      [/srv/elevate/media]
NGINX_CACHE_DIR         page cache directory                [/var/cache/nginx/elevate]
NGINX_RUN_DIR           pid file and temp files             [/var/run/nginx-elevate]
NGINX_LOG_DIR           access and error logs               [/var/log/nginx]
NGINX_TLS_CERT/KEY      certificate and key paths: turn HTTPS on (HTTP then redirects)
NGINX_TLS_LISTEN        HTTPS listener                      [443]
NGINX_CLIENT_MAX_BODY_SIZE                                  [25m]
NGINX_USER              worker processes' user (when started as root)  [nginx]
NGINX_MODULES_DIR, NGINX_MIME_TYPES   where the distribution keeps them (Debian's defaults)

Only ${NGINX_...} placeholders are replaced; nginx's own $variables are left alone.
"""

import os
import re
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "nginx"
DEFAULTS = {
    "NGINX_UPSTREAM": "web:8000",
    "NGINX_LISTEN": "80",
    "NGINX_INTERNAL_LISTEN": "8081",
    "NGINX_INTERNAL_ALLOW": "127.0.0.1",
    "NGINX_STATIC_ROOT": "/srv/elevate/static",
    "NGINX_MEDIA_ROOT": "/srv/elevate/media",
    "NGINX_CACHE_DIR": "/var/cache/nginx/elevate",
    "NGINX_RUN_DIR": "/var/run/nginx-elevate",
    "NGINX_LOG_DIR": "/var/log/nginx",
    "NGINX_TLS_CERT": "",
    "NGINX_TLS_KEY": "",
    "NGINX_TLS_LISTEN": "443",
    "NGINX_CLIENT_MAX_BODY_SIZE": "25m",
    "NGINX_MODULES_DIR": "/usr/lib/nginx/modules",
    "NGINX_MIME_TYPES": "/etc/nginx/mime.types",
    "NGINX_USER": "nginx",
}
PLACEHOLDER = re.compile(r"\$\{(NGINX_[A-Z_]+)\}")
# When nginx stops sending requests to a replica: after 3 failed attempts within 10 s, for
# 10 s. A failure is a refused or timed-out connection, a connection closed before the
# answer (a crash, or gunicorn killing a request past its timeout), a 502/503 from what
# stands in for a dead replica, or headers nginx cannot read. A replica that is really gone
# fails every request sent to it (each retried on another replica), so it is out within its
# first three requests; one odd failure no longer takes a healthy replica out.
UPSTREAM_FAILURES = "max_fails=3 fail_timeout=10s"


def settings(environ):
    values = {name: environ.get(name, default) for name, default in DEFAULTS.items()}
    servers = [s.strip() for s in values["NGINX_UPSTREAM"].split(",") if s.strip()]
    if not servers:
        raise SystemExit("NGINX_UPSTREAM names no app server")
    values["NGINX_UPSTREAM_SERVERS"] = "\n        ".join(
        f"server {server} {UPSTREAM_FAILURES};" for server in servers
    )
    tls = bool(values["NGINX_TLS_CERT"] and values["NGINX_TLS_KEY"])
    values["NGINX_TLS"] = "on" if tls else "off"
    values["NGINX_HTTP_MODE"] = "redirect" if tls else "site"
    return values


def render(output, environ=os.environ):
    output = Path(output).resolve()
    output.mkdir(parents=True, exist_ok=True)
    values = settings(environ) | {"NGINX_CONF_DIR": str(output)}

    def fill(match):
        if match.group(1) not in values:
            raise SystemExit(f"unknown placeholder ${{{match.group(1)}}}")
        return values[match.group(1)]

    for source in sorted(SOURCE.iterdir()):
        if source.suffix == ".template":
            (output / source.stem).write_text(PLACEHOLDER.sub(fill, source.read_text()))
        elif source.suffix == ".conf":
            (output / source.name).write_text(source.read_text())
    # nginx's own error pages (static HTML, served from the configuration directory).
    errors = output / "errors"
    errors.mkdir(exist_ok=True)
    for page in sorted((SOURCE / "errors").glob("*.html")):
        (errors / page.name).write_text(page.read_text())
    return output / "nginx.conf"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(render(sys.argv[1]))
