"""gunicorn settings shared by every way the site runs in production: `make stack`
(scripts/stack.py adds its own bind, pid and log files on the command line) and the
container image (which uses these as they are).

Logs go to stdout/stderr, where a container runtime collects them: gunicorn's access log to
stdout, its own messages and everything the application prints or logs (Django's JSON log
lines, see core/logging.py) to stderr. ``capture_output`` makes sure that what Django writes
reaches gunicorn's error log even when gunicorn runs as a daemon, where stdout and stderr
would otherwise go nowhere.

Metrics: each worker counts in files in PROMETHEUS_MULTIPROC_DIR that /metrics adds up
(core/metrics.py); see the hooks at the end.

Environment: GUNICORN_BIND [0.0.0.0:8000], GUNICORN_WORKERS [2], GUNICORN_TIMEOUT [30],
PROMETHEUS_MULTIPROC_DIR [a new directory for this master under the temporary directory].
"""

import os
import shutil
import tempfile
from pathlib import Path

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


# METRICS (prometheus_client's multiprocess mode)
# Every worker is a process with counters of its own, and a scrape reaches one of them:
# alone, each would report a part of the replica's traffic. Instead every worker writes its
# values to files in PROMETHEUS_MULTIPROC_DIR and /metrics adds them all up
# (core/metrics.py). The directory comes from the environment (a container may point it at
# a tmpfs); without it each master makes its own under the temporary directory, so every
# gunicorn counts right by default while other processes (manage.py, the task worker)
# count in memory. It is set here, before prometheus_client is imported, because the
# library picks its mode at import: the workers inherit both from this master (the app is
# not preloaded, so nothing has created a metric yet).
_metrics_dir_given = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
if not _metrics_dir_given:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = os.path.join(
        tempfile.gettempdir(), f"elevate-metrics-{os.getpid()}"
    )
METRICS_DIR = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])

from prometheus_client import multiprocess  # noqa: E402 - after the variable, see above


def on_starting(server):
    """Start from zero: files of an earlier run would be added to this run's counts."""
    METRICS_DIR.mkdir(parents=True, exist_ok=True)
    for stale in METRICS_DIR.glob("*.db"):
        stale.unlink()


def child_exit(server, worker):
    """A worker ended (restart, timeout, crash): its live gauges are dropped; its counters
    stay in the sum, so a restart never makes a counter go back."""
    multiprocess.mark_process_dead(worker.pid, str(METRICS_DIR))


def on_exit(server):
    """Remove the directory this master made for itself (a given one is left as it is)."""
    if not _metrics_dir_given:
        shutil.rmtree(METRICS_DIR, ignore_errors=True)
