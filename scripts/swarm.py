"""Elevate Learning on Docker Swarm (swarm/stack.yml): make swarm, swarm-down, swarm-scale.

    python scripts/swarm.py up          # everything, from a machine with no engine (as root)
    python scripts/swarm.py down        # docker stack rm; volumes, secrets and the swarm stay
    python scripts/swarm.py scale N     # docker service scale <stack>_web=N, then wait
    python scripts/swarm.py status      # services, and where nginx listens

`up`: Docker engine (scripts/containers.py), `docker swarm init --advertise-addr
127.0.0.1` when this node is in no swarm, the images, the secrets (generated once, given
to Docker on standard input: never in a file, an argument or the environment), the
migrations as a one-off replicated-job service on the stack's data network (before the
deploy once the network exists; on a first deploy just after it), `docker stack deploy`,
then it waits until every service has all its tasks running and healthy and nginx answers
/readyz. Running it again deploys what changed (a rolling update of web).

Environment: ELEVATE_STACK [elevate] the stack's name; ELEVATE_SEED_DEMO [1] load the
demo courses and users after migrating (0 for a real site); SWARM_TIMEOUT [300] seconds.
"""

import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from containers import IMAGES, build_images, docker, ensure_engine, new_secrets  # noqa: E402

STACK_FILE = ROOT / "swarm" / "stack.yml"
COMPOSE_ENV = ROOT / "docker" / "compose.env"


def log(message):
    print(f"[swarm] {message}", flush=True)


class Swarm:
    def __init__(self, environ=os.environ):
        self.name = environ.get("ELEVATE_STACK", "elevate")
        self.seed_demo = environ.get("ELEVATE_SEED_DEMO", "1") == "1"
        self.timeout = int(environ.get("SWARM_TIMEOUT", "300"))
        self.initialised_swarm = False

    def service(self, name):
        return f"{self.name}_{name}"

    # --- the node and the images ------------------------------------------------------

    def ensure_swarm(self):
        ensure_engine()
        state = docker("info", "--format", "{{.Swarm.LocalNodeState}}", capture=True)
        if state != "active":
            log("docker swarm init --advertise-addr 127.0.0.1")
            docker("swarm", "init", "--advertise-addr", "127.0.0.1", capture=True)
            self.initialised_swarm = True

    def images(self):
        """Build, then tag every image with one tag made from their ids: a rebuild that
        changed something deploys as an update, an unchanged one changes nothing."""
        build_images()
        ids = [
            docker("image", "inspect", "-f", "{{.Id}}", f"{name}:latest", capture=True)
            for name in IMAGES
        ]
        tag = "d-" + hashlib.sha256("".join(ids).encode()).hexdigest()[:12]
        for name in IMAGES:
            docker("tag", f"{name}:latest", f"{name}:{tag}")
        return tag

    def secret_name(self, name):
        return f"{self.name}_{name}"

    def ensure_secrets(self):
        existing = set(docker("secret", "ls", "--format", "{{.Name}}", capture=True).split())
        if all(self.secret_name(name) in existing for name in new_secrets()):
            return
        if any(self.secret_name(name) in existing for name in new_secrets()):
            raise SystemExit(f"Some {self.name}_* secrets exist, not all: remove them first.")
        for name, value in new_secrets().items():
            docker("secret", "create", self.secret_name(name), "-", input=value, capture=True)
        log(f"created the secrets {self.name}_*: the key, the database passwords and URL")

    # --- one-off jobs -----------------------------------------------------------------

    def network_exists(self):
        names = docker("network", "ls", "--format", "{{.Name}}", capture=True).split()
        return self.service("data") in names

    def run_job(self, name, tag, *command):
        """Run the web image once, as a replicated-job service on the data network, with
        the site's secrets; wait for it and return its output. Fails if the job fails."""
        service = self.service(name)
        docker("service", "rm", service, capture=True, check=False)
        secrets = [
            f"source={self.secret_name(s)},target={s},uid=10001,mode=0400"
            for s in ("django_secret_key", "database_url")
        ]
        environment = {
            "DJANGO_SETTINGS_MODULE": "elevate_site.settings.production",
            "DJANGO_SECRET_KEY_FILE": "/run/secrets/django_secret_key",
            "DATABASE_URL_FILE": "/run/secrets/database_url",
            "REDIS_URL": "redis://redis:6379/0",
        }
        docker(
            "service", "create", "--detach", "--quiet", "--name", service,
            "--mode", "replicated-job", "--restart-condition", "none",
            # The image's HEALTHCHECK asks gunicorn, which a job does not run: Swarm would
            # kill a migration that outlasts the start period as "unhealthy".
            "--no-healthcheck",
            "--network", self.service("data"), "--env-file", str(COMPOSE_ENV),
            *[arg for item in environment.items() for arg in ("--env", "=".join(item))],
            *[arg for secret in secrets for arg in ("--secret", secret)],
            "--label", f"com.docker.stack.namespace={self.name}",
            f"elevate-web:{tag}", *command,
            capture=True,
        )  # fmt: skip
        deadline = time.monotonic() + self.timeout
        while True:
            states = docker(
                "service", "ps", service, "--format", "{{.CurrentState}}", capture=True
            ).splitlines()
            if any(s.startswith(("Complete", "Failed", "Rejected")) for s in states):
                break
            if time.monotonic() > deadline:
                break
            time.sleep(2)
        # The task's own container has its output (`docker service logs` can hang here).
        label = f"label=com.docker.swarm.service.name={service}"
        task = docker("ps", "-a", "-q", "--filter", label, capture=True).split()
        output = docker("logs", task[0], capture=True, check=False) if task else ""
        docker("service", "rm", service, capture=True)
        if task:  # a finished job's container outlives its service
            docker("rm", "--force", *task, capture=True, check=False)
        if not any(state.startswith("Complete") for state in states):
            print(output)
            raise SystemExit(f"the one-off {name} job failed: {states[:3]}")
        return output

    def wait_database(self):
        deadline = time.monotonic() + self.timeout
        while "(healthy)" not in "".join(self.containers("db").values()):
            if time.monotonic() > deadline:
                raise SystemExit(f"the database of {self.name} was not healthy in time")
            time.sleep(1)

    def migrate(self, tag):
        script = "python manage.py migrate --noinput"
        if self.seed_demo:
            script += " && python manage.py seed_demo --hostname 127.0.0.1"
        log("migrations (one-off job)" + (" and the demo content" if self.seed_demo else ""))
        self.run_job("migrate", tag, "sh", "-c", script)

    # --- deploy and wait --------------------------------------------------------------

    def deploy(self, tag):
        env = os.environ | {"ELEVATE_STACK": self.name, "ELEVATE_TAG": tag}
        docker(
            "stack", "deploy", "--resolve-image", "never", "--prune",
            "-c", str(STACK_FILE), self.name, env=env, capture=True,
        )  # fmt: skip

    def services(self):
        lines = docker(
            "service",
            "ls",
            "--filter",
            f"label=com.docker.stack.namespace={self.name}",
            "--format",
            "{{.Name}} {{.Mode}} {{.Replicas}}",
            capture=True,
        )
        return [line.split(" ", 2) for line in lines.splitlines()]

    def containers(self, service=None, every=False):
        """{container name: status} of the stack's running containers (or one service's);
        with ``every``, stopped ones too (they still hold their volumes)."""
        label = (
            f"com.docker.swarm.service.name={self.service(service)}"
            if service
            else f"com.docker.stack.namespace={self.name}"
        )
        lines = docker(
            "ps", *(["--all"] if every else []), "--filter", f"label={label}",
            "--format", "{{.Names}}\t{{.Status}}", capture=True,
        )  # fmt: skip
        return dict(line.split("\t", 1) for line in lines.splitlines())

    def converged(self):
        for _name, mode, replicas in self.services():
            if mode == "replicated":
                running, wanted = replicas.split(" ")[0].split("/")
                if running != wanted:
                    return False
        statuses = self.containers().values()
        return bool(statuses) and all(
            "starting" not in s and "unhealthy" not in s for s in statuses
        )

    def nginx_ports(self):
        """The host ports the nginx tasks listen on (host-mode publishing), sorted."""
        ids = docker(
            "ps",
            "-q",
            "--filter",
            f"label=com.docker.swarm.service.name={self.service('nginx')}",
            capture=True,
        ).split()
        ports = []
        for container in ids:
            mapping = json.loads(
                docker("inspect", "-f", "{{json .NetworkSettings.Ports}}", container, capture=True)
            )
            ports += [
                int(b["HostPort"])
                for b in mapping.get("80/tcp") or []
                if b["HostIp"] in ("0.0.0.0", "")  # noqa: S104 - reading, not binding
            ]
        return sorted(set(ports))

    def ready(self):
        import urllib.request

        ports = self.nginx_ports()
        for port in ports:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=3) as r:
                    if r.status != 200:
                        return False
            except OSError:
                return False
        return bool(ports)

    def wait(self, what="every service healthy"):
        deadline = time.monotonic() + self.timeout
        while not (self.converged() and self.ready()):
            if time.monotonic() > deadline:
                print(docker("service", "ls", capture=True))
                raise SystemExit(f"the stack {self.name} was not ready in {self.timeout} s")
            time.sleep(2)
        log(f"{what}: " + ", ".join(f"http://127.0.0.1:{p}/" for p in self.nginx_ports()))

    # --- the commands -----------------------------------------------------------------

    def up(self):
        started = time.monotonic()
        self.ensure_swarm()
        tag = self.images()
        self.ensure_secrets()
        if self.network_exists():
            self.migrate(tag)
            self.deploy(tag)
        else:  # the data network comes with the first deploy
            self.deploy(tag)
            self.wait_database()
            self.migrate(tag)
        self.wait()
        log(f"stack {self.name} up in {time.monotonic() - started:.0f} s")

    def down(self):
        if not self.services():
            return
        docker("stack", "rm", self.name, capture=True)
        deadline = time.monotonic() + 120
        while self.containers(every=True) or self.network_exists():
            if time.monotonic() > deadline:
                raise SystemExit(f"the stack {self.name} did not go away in 120 s")
            time.sleep(1)
        log(f"removed the stack {self.name} (volumes and secrets stay)")

    def scale(self, replicas):
        docker("service", "scale", "--detach", f"{self.service('web')}={replicas}", capture=True)
        self.wait(f"web at {replicas} replicas")

    def status(self):
        print(docker("stack", "services", self.name, capture=True))
        print("nginx:", ", ".join(f"http://127.0.0.1:{p}/" for p in self.nginx_ports()))


def main():
    swarm = Swarm()
    match sys.argv[1:]:
        case ["up"]:
            swarm.up()
        case ["down"]:
            swarm.down()
        case ["scale", replicas] if re.fullmatch(r"[1-9][0-9]*", replicas):
            swarm.scale(int(replicas))
        case ["status"]:
            swarm.status()
        case _:
            raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
