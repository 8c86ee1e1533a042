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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from processes import (  # noqa: E402
    HOST,
    children,
    create_database,
    ensure_packages,
    kill_quietly,
    read_pid,
    wait_gone,
    wait_http,
    wait_port,
)
from render_nginx import render  # noqa: E402

BIN = ROOT / ".venv" / "bin"


class Stack:
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
        self.start_nginx()
        wait_http(self.url + "/readyz")
        self.log(f"ready: {self.url}/ ({self.replicas} replicas behind nginx)")

    def down(self):
        if self.state.get("nginx"):
            self.stop_nginx()
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
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CACHE_"))}
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
        )
        return env

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

    # --- private MariaDB and Redis ----------------------------------------------------------

    def start_mariadb(self):
        base = self.dir / "mariadb"
        data = base / "data"
        user = "root" if os.geteuid() == 0 else getpass.getuser()
        cnf = base / "my.cnf"
        if not data.exists():
            base.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [
                    "mariadb-install-db",
                    "--no-defaults",
                    f"--datadir={data}",
                    f"--user={user}",
                    "--auth-root-authentication-method=socket",
                    "--skip-test-db",
                ],
                check=True,
                capture_output=True,
            )
        cnf.write_text(
            "[mariadbd]\n"
            f"datadir={data}\nport={self.mariadb_port}\nbind-address={HOST}\n"
            f"socket={base / 'mariadb.sock'}\npid-file={base / 'mariadb.pid'}\n"
            f"log-error={base / 'error.log'}\nuser={user}\nskip-name-resolve\n"
            "character-set-server=utf8mb4\ncollation-server=utf8mb4_unicode_ci\n"
            "innodb_buffer_pool_size=128M\n"
        )
        self.state["mariadb"] = {"cnf": str(cnf), "pid_file": str(base / "mariadb.pid")}
        self.save()
        self.start_service("mariadb")
        password = self.state.setdefault("mariadb_password", secrets.token_urlsafe(18))
        self.save()
        sql = (
            "CREATE DATABASE IF NOT EXISTS elevate CHARACTER SET utf8mb4 "
            "COLLATE utf8mb4_unicode_ci; "
            f"CREATE OR REPLACE USER 'elevate'@'{HOST}' IDENTIFIED BY '{password}'; "
            f"GRANT ALL ON *.* TO 'elevate'@'{HOST}';"  # test databases too (test_elevate)
        )
        subprocess.run(
            ["mariadb", f"--socket={base / 'mariadb.sock'}", "-u", user, "-e", sql], check=True
        )
        self.log(f"private MariaDB on {HOST}:{self.mariadb_port}")
        return f"mysql://elevate:{password}@{HOST}:{self.mariadb_port}/elevate"

    def start_redis(self):
        base = self.dir / "redis"
        base.mkdir(parents=True, exist_ok=True)
        self.state["redis"] = {"pid_file": str(base / "redis.pid"), "dir": str(base)}
        self.save()
        self.start_service("redis")
        self.log(f"private Redis on {HOST}:{self.redis_port}")
        return f"redis://{HOST}:{self.redis_port}/0"

    def start_service(self, service):
        """(Re)start a private service this stack created."""
        info = self.state[service]
        if service == "mariadb":
            subprocess.Popen(
                ["mariadbd", f"--defaults-file={info['cnf']}"],
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wait_port(self.mariadb_port, timeout=60)
        else:
            subprocess.run(
                [
                    "redis-server",
                    "--daemonize",
                    "yes",
                    "--bind",
                    HOST,
                    "--port",
                    str(self.redis_port),
                    "--pidfile",
                    info["pid_file"],
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    info["dir"],
                    "--logfile",
                    str(Path(info["dir"]) / "redis.log"),
                ],
                check=True,
            )
            wait_port(self.redis_port)

    def stop_service(self, service):
        """Stop a private service this stack created (never one it only used)."""
        if service not in self.state:
            raise RuntimeError(f"{service} was not started by this stack; refusing to stop it")
        pid = read_pid(self.state[service]["pid_file"])
        if pid:
            kill_quietly(pid, signal.SIGTERM)
            wait_gone(pid, timeout=60)

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
