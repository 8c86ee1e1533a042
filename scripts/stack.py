"""The production topology on loopback: MariaDB + Redis + N gunicorn replicas + nginx.

    python scripts/stack.py up      # make stack
    python scripts/stack.py down    # make stack-down: stops exactly what `up` started
    python scripts/stack.py status

Uses the MariaDB/Redis given by DATABASE_URL/REDIS_URL; without them (or with
STACK_PRIVATE_SERVICES=1) it starts private instances with their own data directory and
ports. Debian packages that are missing are installed when running as root.

Environment (defaults): STACK_DIR (var/stack), REPLICAS (2), WORKERS per replica (2),
GUNICORN_TIMEOUT seconds a request may run (30), NGINX_PORT (8080), NGINX_INTERNAL_PORT
(8081), APP_PORT first replica's port (8001), MARIADB_PORT (3307), REDIS_PORT (6380).

Each replica logs to STACK_DIR/replicas/N/app.log (Django's JSON lines and gunicorn's own
messages) and access.log; nginx to STACK_DIR/nginx/log/.

One background-task worker (`manage.py db_worker --backend background`: reply e-mails) runs
in the replicas' environment and logs to STACK_DIR/worker/worker.log. The site's e-mail is
written to files, one a message, in STACK_DIR/mail (EMAIL_URL=filemail://…): nothing leaves
the machine, and tests read what was sent. Settings of the site given to the stack's
environment (COMMENT_RATE_PER_MINUTE, …) reach the replicas and the worker.

Everything started is written to STACK_DIR/state.json as it starts, so `down` stops it even
after a failed `up`, and never touches a service the stack only used.
"""

import getpass
import json
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from processes import (  # noqa: E402
    HOST,
    children,
    create_database,
    ensure_packages,
    kill_quietly,
    read_pid,
    runs,
    wait_gone,
    wait_http,
    wait_port,
    wait_until,
)
from render_nginx import render  # noqa: E402
from services import PrivateServices  # noqa: E402

BIN = ROOT / ".venv" / "bin"


class Stack(PrivateServices):
    def __init__(self, environ=os.environ):
        self.environ = environ
        self.dir = Path(environ.get("STACK_DIR", ROOT / "var" / "stack")).resolve()
        self.replicas = int(environ.get("REPLICAS", "2"))
        self.workers = int(environ.get("WORKERS", "2"))
        self.timeout = int(environ.get("GUNICORN_TIMEOUT", "30"))
        self.nginx_port = int(environ.get("NGINX_PORT", "8080"))
        self.internal_port = int(environ.get("NGINX_INTERNAL_PORT", "8081"))
        self.app_port = int(environ.get("APP_PORT", "8001"))
        self.mariadb_port = int(environ.get("MARIADB_PORT", "3307"))
        self.redis_port = int(environ.get("REDIS_PORT", "6380"))
        self.private = environ.get("STACK_PRIVATE_SERVICES", "") == "1"
        self.state_file = self.dir / "state.json"
        self.state = json.loads(self.state_file.read_text()) if self.state_file.exists() else {}

    @property
    def url(self):
        return f"http://{HOST}:{self.nginx_port}"

    def save(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        self.state_file.write_text(json.dumps(self.state, indent=2))

    def log(self, message):
        print(f"[stack] {message}", flush=True)

    # --- up / down ---------------------------------------------------------------------

    def up(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        database_url = None if self.private else self.environ.get("DATABASE_URL")
        redis_url = None if self.private else self.environ.get("REDIS_URL")
        ensure_packages(mariadb=not database_url, redis=not redis_url)
        self.state.setdefault("secret_key", secrets.token_urlsafe(50))
        self.state["database_url"] = database_url or self.start_mariadb()
        self.state["redis_url"] = redis_url or self.start_redis()
        self.save()
        if database_url:
            create_database(database_url)
        self.log("migrating, collecting static files, loading the demo")
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("seed_demo", "--hostname", HOST, "--port", str(self.nginx_port))
        for number in range(self.replicas):
            self.start_replica(number)
        self.start_worker()
        self.start_nginx()
        wait_http(self.url + "/readyz")
        self.log(f"ready: {self.url}/ ({self.replicas} replicas behind nginx)")

    def down(self):
        if self.state.get("nginx"):
            self.stop_nginx()
        if self.state.get("worker"):
            self.stop_worker()
        for number in sorted(self.state.get("replicas", {}), key=int):
            self.stop_replica(int(number))
        for service in ("redis", "mariadb"):
            if self.state.get(service):
                self.stop_service(service)
                self.state.pop(service)
        self.state_file.unlink(missing_ok=True)
        self.log("stopped everything the stack had started")

    # --- Django --------------------------------------------------------------------------

    def app_env(self):
        given = os.environ | dict(self.environ)
        env = {k: v for k, v in given.items() if not k.startswith(("DJANGO_", "CACHE_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="elevate_site.settings.production",
            DJANGO_SECRET_KEY=self.state["secret_key"],
            DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
            DJANGO_CSRF_TRUSTED_ORIGINS=self.url,
            # Plain HTTP on loopback: no HTTPS redirect, cookies without the Secure flag.
            DJANGO_SECURE_SSL_REDIRECT="false",
            DJANGO_SECURE_COOKIES="false",
            DJANGO_SECURE_HSTS_SECONDS="0",
            DATABASE_URL=self.state["database_url"],
            REDIS_URL=self.state["redis_url"],
            STATIC_ROOT=str(self.dir / "static"),
            MEDIA_ROOT=str(self.dir / "media"),
            FRONTEND_CACHE_PURGE_URLS=f"http://{HOST}:{self.internal_port}",
            WAGTAILADMIN_BASE_URL=self.url,
            # django-environ drops the first "/" of the path: four slashes for an absolute one.
            EMAIL_URL=f"filemail:///{quote(str(self.mail_dir))}",
        )
        return env

    @property
    def mail_dir(self):
        """Where the site's e-mails go: one file a message."""
        return self.dir / "mail"

    def manage(self, *args, capture=False):
        return subprocess.run(
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.app_env(),
            check=True,
            text=True,
            capture_output=capture,
        )

    def start_replica(self, number):
        port = self.app_port + number
        run = self.dir / "replicas" / str(number)
        run.mkdir(parents=True, exist_ok=True)
        pid_file = run / "gunicorn.pid"
        self.state.setdefault("replicas", {})[str(number)] = {
            "port": port,
            "pid_file": str(pid_file),
        }
        self.save()
        subprocess.run(
            [
                str(BIN / "gunicorn"),
                # The settings the container image uses too; the command line adds what
                # differs here. With --daemon, relative pid/log paths fail silently: all
                # paths are absolute.
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                str(self.workers),
                "--timeout",
                str(self.timeout),
                "--name",
                f"elevate-replica-{number}",
                "--daemon",
                "--pid",
                str(pid_file),
                "--access-logfile",
                str(run / "access.log"),
                # gunicorn's messages and everything Django logs (JSON lines with the
                # request id): without --capture-output a daemon's stderr goes nowhere.
                "--error-logfile",
                str(self.replica_log(number)),
                "--capture-output",
            ],
            cwd=ROOT,
            env=self.app_env(),
            check=True,
        )
        wait_http(f"http://{HOST}:{port}/healthz")
        self.log(f"replica {number} on {HOST}:{port}")

    def replica_log(self, number):
        """The replica's log: gunicorn's messages and Django's JSON log lines."""
        return self.dir / "replicas" / str(number) / "app.log"

    def replica_pid(self, number):
        return read_pid(self.state["replicas"][str(number)]["pid_file"])

    def kill_replica(self, number, sig=signal.SIGKILL):
        """Kill a replica's master and workers at once, as a crashed container would die."""
        pid = self.replica_pid(number)
        for process in [pid, *children(pid)]:
            kill_quietly(process, sig)

    def stop_replica(self, number):
        pid = read_pid(self.state["replicas"][str(number)]["pid_file"])
        if pid:
            kill_quietly(pid, signal.SIGTERM)
            wait_gone(pid)
        self.state["replicas"].pop(str(number))
        self.save()

    # --- the background-task worker ----------------------------------------------------

    def start_worker(self):
        """Start the worker that runs the site's background tasks, in a session of its own
        (as a daemon would be), and wait until it polls the queue. db_worker exits when the
        database goes away; like a container's restart policy, a loop starts it again."""
        run = self.dir / "worker"
        run.mkdir(parents=True, exist_ok=True)
        self.mail_dir.mkdir(exist_ok=True)
        log = self.worker_log()
        started = log.read_text().count("Starting worker") if log.exists() else 0
        worker = [str(BIN / "python"), "manage.py", "db_worker", "--backend", "background"]
        with log.open("a") as output:
            loop = subprocess.Popen(
                ["sh", "-c", 'while :; do "$@"; sleep 1; done', "restart", *worker],
                cwd=ROOT,
                env=self.app_env(),
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        (run / "worker.pid").write_text(f"{loop.pid}\n")
        self.state["worker"] = {"pid_file": str(run / "worker.pid"), "log": str(log)}
        self.save()
        wait_until(
            lambda: log.read_text().count("Starting worker") > started,
            f"the task worker did not start; see {log}",
            while_alive=loop.pid,
        )
        self.log(f"task worker (process group {loop.pid}), mail in {self.mail_dir}")

    def worker_log(self):
        return self.dir / "worker" / "worker.log"

    def stop_worker(self):
        """Stop the restart loop and the worker; the worker finishes its task first."""
        pid = read_pid(self.state["worker"]["pid_file"])
        if pid and runs(pid, "db_worker"):
            workers = children(pid)
            kill_quietly(-pid, signal.SIGTERM)  # the whole process group
            for process in (pid, *workers):
                wait_gone(process)
        self.state.pop("worker")
        self.save()

    # --- nginx ---------------------------------------------------------------------------

    def start_nginx(self):
        base = self.dir / "nginx"
        for sub in ("run", "log", "cache"):
            (base / sub).mkdir(parents=True, exist_ok=True)
        upstream = ",".join(f"{HOST}:{r['port']}" for r in self.state["replicas"].values())
        conf = render(
            base / "conf",
            {
                "NGINX_UPSTREAM": upstream,
                "NGINX_LISTEN": f"{HOST}:{self.nginx_port}",
                "NGINX_INTERNAL_LISTEN": f"{HOST}:{self.internal_port}",
                "NGINX_STATIC_ROOT": str(self.dir / "static"),
                "NGINX_MEDIA_ROOT": str(self.dir / "media"),
                "NGINX_CACHE_DIR": str(base / "cache"),
                "NGINX_RUN_DIR": str(base / "run"),
                "NGINX_LOG_DIR": str(base / "log"),
                # Workers run as whoever runs the stack, so they can read and write its
                # directories wherever they are (a temporary directory may be private).
                "NGINX_USER": getpass.getuser(),
            },
        )
        self.state["nginx"] = {"pid_file": str(base / "run" / "nginx.pid"), "conf": str(conf)}
        self.save()
        subprocess.run(["nginx", "-p", str(base), "-c", str(conf)], check=True)
        wait_port(self.nginx_port)
        self.log(f"nginx on {self.url} (purge and metrics on {HOST}:{self.internal_port})")

    def stop_nginx(self):
        pid = read_pid(self.state["nginx"]["pid_file"])
        if pid:
            kill_quietly(pid, signal.SIGTERM)
            wait_gone(pid)
        self.state.pop("nginx")
        self.save()

    def status(self):
        print(json.dumps(self.state | {"secret_key": "…", "mariadb_password": "…"}, indent=2))


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else "status"
    stack = Stack()
    if command == "up":
        if stack.state.get("nginx"):
            raise SystemExit(f"A stack already runs from {stack.dir}; run `make stack-down`.")
        try:
            stack.up()
        except BaseException:
            stack.log("start-up failed; stopping what was started")
            stack.down()
            raise
    elif command == "down":
        stack.down()
    elif command == "status":
        stack.status()
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
