"""The private MariaDB and Redis that ``make stack`` starts when it is given none.

Mixed into ``scripts.stack.Stack``, which provides ``dir``, ``state``, ``save()``, ``log()``
and the ports. Each service gets its own data directory under STACK_DIR and a port on
loopback; ``stop_service`` stops only what the stack started itself, never a service it
only used (DATABASE_URL/REDIS_URL). The stack tests stop and restart these to see the site
survive an outage.
"""

import getpass
import os
import secrets
import signal
import subprocess
from pathlib import Path

from processes import HOST, kill_quietly, read_pid, wait_gone, wait_port


class PrivateServices:
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
