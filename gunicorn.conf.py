"""gunicorn settings shared by every way the site runs in production: `make stack`
(scripts/stack.py adds its own bind, pid and log files on the command line) and the
container image (which uses these as they are).

Logs go to stdout/stderr, where a container runtime collects them: gunicorn's access log to
stdout, its own messages and everything the application prints or logs (Django's JSON log
lines, see core/logging.py) to stderr. ``capture_output`` makes sure that what Django writes
reaches gunicorn's error log even when gunicorn runs as a daemon, where stdout and stderr
would otherwise go nowhere.

Environment: GUNICORN_BIND [0.0.0.0:8000], GUNICORN_WORKERS [2], GUNICORN_TIMEOUT [30].
"""

import os

wsgi_app = "elevate_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # noqa: S104 - a container's port
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# A request running longer than this is killed (its worker restarted). nginx gives up on a
# replica at 60 s (proxy_read_timeout) and counts one such kill as a single failure.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 5

# nginx decides which addresses are too long (a 414 past 4,096 bytes, nginx/nginx.conf);
# gunicorn's own limit (4,094 bytes for the whole request line) would otherwise refuse
# some addresses nginx let through, with a page of its own. 8,190 is gunicorn's maximum.
limit_request_line = 8190

accesslog = "-"
errorlog = "-"
capture_output = True
# The request id nginx sent (X-Request-ID), to match access lines with Django's log.
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" rt=%(L)s id=%({x-request-id}i)s'
)

# gunicorn 27 opens a control socket shared by every instance on the host unless told
# otherwise; replicas never need it.
control_socket_disable = True
