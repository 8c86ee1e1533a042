"""The Kubernetes manifests (k8s/), rendered with kubectl's kustomize and checked offline.

No cluster can run here: each overlay is rendered as `kubectl apply -k` would send it,
validated against the Kubernetes 1.32 schemas with kubernetes-validate --strict (which also
refuses unknown fields, so a typo cannot pass silently), and the design's promises are
asserted on the rendered objects. Needs kubectl (v1.32 here, with kustomize built in):
without it these tests skip, and fail in CI, which may not skip them.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.needs import skip_or_fail

from .k8s_objects import Objects, allowed_sources, containers, matches

pytestmark = pytest.mark.deploy

ROOT = Path(__file__).resolve().parent.parent.parent
OVERLAYS = ("small", "large")
KUBERNETES_VERSION = "1.32.0"


@pytest.fixture(scope="session")
def kubectl():
    path = shutil.which("kubectl")
    if not path:
        reason = "needs kubectl (1.27 or later: kustomize built in) to render k8s/"
        skip_or_fail(reason)
    return path


def render(kubectl, overlay_dir):
    result = subprocess.run(
        [kubectl, "kustomize", str(overlay_dir)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def validate(manifests):
    """kubernetes-validate --strict on rendered YAML: (exit code, what it printed)."""
    result = subprocess.run(
        [sys.executable, "-m", "kubernetes_validate", "--strict", "--quiet"]
        + ["-k", KUBERNETES_VERSION, "-"],
        input=manifests,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="session")
def rendered(kubectl):
    return {name: render(kubectl, ROOT / "k8s" / "overlays" / name) for name in OVERLAYS}


@pytest.fixture(params=OVERLAYS)
def overlay(request, rendered):
    return request.param, Objects(rendered[request.param])


# --- The check itself: schema-valid, and shown to fail on a broken copy ------------------


@pytest.mark.parametrize("name", OVERLAYS)
def test_overlay_passes_strict_validation(rendered, name):
    code, output = validate(rendered[name])
    assert code == 0, output


def test_strict_validation_fails_on_a_broken_copy(kubectl, tmp_path):
    """A typo in a field name (readinessprobe) in a copy of the manifests: kustomize renders
    it without a word, and the check refuses it."""
    for folder in ("k8s", "nginx"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    web = tmp_path / "k8s" / "base" / "web.yaml"
    web.write_text(web.read_text().replace("readinessProbe:", "readinessprobe:"))
    code, output = validate(render(kubectl, tmp_path / "k8s" / "overlays" / "small"))
    assert code != 0
    assert "'readinessprobe' was unexpected" in output


# --- What the design promises, on the rendered objects ----------------------------------


def test_web_replicas_and_autoscaling(overlay):
    name, objects = overlay
    web = objects.get("Deployment", "elevate-web")
    nginx = objects.get("Deployment", "elevate-nginx")
    if name == "small":
        assert web["spec"]["replicas"] == 2
        assert nginx["spec"]["replicas"] == 1
        assert not objects.of("HorizontalPodAutoscaler")
    else:
        assert "replicas" not in web["spec"]  # the HPA owns it
        assert nginx["spec"]["replicas"] == 2
        hpa = objects.get("HorizontalPodAutoscaler", "elevate-web")["spec"]
        assert hpa["scaleTargetRef"] == {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": "elevate-web",
        }
        assert (hpa["minReplicas"], hpa["maxReplicas"]) == (2, 5)
        assert [m["resource"]["name"] for m in hpa["metrics"]] == ["cpu"]


def test_large_spreads_web_and_nginx_pods_over_nodes(rendered):
    objects = Objects(rendered["large"])
    for component in ("web", "nginx"):
        template = objects.component(component)
        (term,) = template["spec"]["affinity"]["podAntiAffinity"][
            "preferredDuringSchedulingIgnoredDuringExecution"
        ]
        assert term["podAffinityTerm"]["topologyKey"] == "kubernetes.io/hostname"
        assert matches(term["podAffinityTerm"]["labelSelector"], template["metadata"]["labels"])


def test_web_probes_ask_readyz_and_healthz_with_an_allowed_host(overlay):
    _, objects = overlay
    (web,) = objects.component("web")["spec"]["containers"]
    allowed_hosts = objects.config("elevate-config")["DJANGO_ALLOWED_HOSTS"].split(",")
    for probe, path in (("readinessProbe", "/readyz"), ("livenessProbe", "/healthz")):
        get = web[probe]["httpGet"]
        assert (get["path"], get["port"]) == (path, "http")
        headers = {h["name"]: h["value"] for h in get["httpHeaders"]}
        assert headers["Host"] in allowed_hosts
    assert {"name": "http", "containerPort": 8000} in web["ports"]


def test_every_container_has_resources_and_runs_unprivileged(overlay):
    _, objects = overlay
    for workload, template in objects.pods().items():
        pod = template["spec"].get("securityContext", {})
        for container in containers(template):
            where = f"{workload}/{container['name']}"
            for bound in ("requests", "limits"):
                assert set(container["resources"][bound]) >= {"cpu", "memory"}, where
            context = container["securityContext"]
            assert {**pod, **context}.get("runAsNonRoot") is True, where
            assert {**pod, **context}.get("runAsUser", 0) != 0, where
            assert context["allowPrivilegeEscalation"] is False, where
            assert context["readOnlyRootFilesystem"] is True, where
            assert context["capabilities"]["drop"] == ["ALL"], where


def test_django_processes_read_secrets_from_files_and_wait_for_migrations(overlay):
    _, objects = overlay
    config = objects.config("elevate-config")
    assert config["DJANGO_SETTINGS_MODULE"] == "elevate_site.settings.production"
    # Only where the secrets are (FileAwareEnv reads VARIABLE_FILE), never a secret.
    secret_files = {"DJANGO_SECRET_KEY", "DATABASE_URL", "EMAIL_URL"}
    assert not secret_files & set(config)
    paths = {config[f"{name}_FILE"] for name in secret_files}
    assert {path.rsplit("/", 1)[0] for path in paths} == {"/run/secrets/elevate"}
    commands = {}
    for component in ("web", "worker", "migrate"):
        template = objects.component(component)
        (volume,) = [v for v in template["spec"]["volumes"] if v["name"] == "secrets"]
        assert volume["secret"]["secretName"] == "elevate-secrets"
        files = {f"/run/secrets/elevate/{item['path']}" for item in volume["secret"]["items"]}
        assert files == paths
        for container in containers(template):
            where = f"{component}/{container['name']}"
            assert "env" not in container, where  # everything from the ConfigMap and files
            assert container["envFrom"][0]["configMapRef"]["name"].startswith("elevate-config")
            mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
            assert mounts["secrets"] == "/run/secrets/elevate", where
            commands[component, container["name"]] = container.get("command")
        if component != "migrate":
            (init,) = template["spec"]["initContainers"]
            assert "migrate --check" in init["command"][-1]
    worker = ["python", "manage.py", "db_worker", "--backend", "background"]
    assert commands["worker", "worker"] == worker
    assert commands["migrate", "migrate"] == ["python", "manage.py", "migrate", "--noinput"]
    assert commands["web", "web"] is None  # the image's own: gunicorn with gunicorn.conf.py


def test_one_release_for_both_images(overlay):
    _, objects = overlay
    images = {
        c["image"]
        for t in objects.pods().values()
        for c in containers(t)
        if "/elevate-" in c["image"]
    }
    # The nginx image carries the static files collected in the web image of its build.
    assert {image.rsplit(":", 1)[1] for image in images} == {"0.1.0"}
    assert {image.rsplit(":", 1)[0].rsplit("/", 1)[1] for image in images} == {
        "elevate-web",
        "elevate-nginx",
    }


def test_nginx_services_headless_for_purges_and_normal_for_the_ingress(overlay):
    _, objects = overlay
    nginx_labels = objects.component("nginx")["metadata"]["labels"]
    purge = objects.get("Service", "elevate-nginx-purge")["spec"]
    assert purge["clusterIP"] == "None"
    assert purge["publishNotReadyAddresses"] is True  # an unready pod keeps its cache
    assert matches({"matchLabels": purge["selector"]}, nginx_labels)
    assert [p["port"] for p in purge["ports"]] == [8081]
    purge_urls = objects.config("elevate-config")["FRONTEND_CACHE_PURGE_URLS"]
    assert purge_urls == "http://elevate-nginx-purge:8081"

    public = objects.get("Service", "elevate-nginx")["spec"]
    assert "clusterIP" not in public
    assert matches({"matchLabels": public["selector"]}, nginx_labels)

    ingress = objects.get("Ingress", "elevate")["spec"]
    (rule,) = ingress["rules"]
    assert rule["http"]["paths"][0]["backend"]["service"] == {
        "name": "elevate-nginx",
        "port": {"name": "http"},
    }
    assert ingress["tls"][0]["hosts"] == [rule["host"]]
    assert rule["host"] in objects.config("elevate-config")["DJANGO_ALLOWED_HOSTS"].split(",")

    # nginx reaches every web pod by the headless web Service.
    assert objects.get("Service", "elevate-web")["spec"]["clusterIP"] == "None"
    (container,) = objects.component("nginx")["spec"]["containers"]
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["NGINX_UPSTREAM"] == "elevate-web:8000"


def test_nginx_configmaps_hold_every_file_of_nginx_folder(overlay):
    _, objects = overlay
    source = ROOT / "nginx"
    config = objects.config("elevate-nginx-config")
    errors = objects.config("elevate-nginx-errors")
    expected = {p.name for p in source.iterdir() if p.suffix in (".template", ".conf")}
    assert set(config) == expected
    assert set(errors) == {p.name for p in (source / "errors").glob("*.html")}
    for name, text in config.items():
        assert text == (source / name).read_text(), name
    # Mounted where the image's entrypoint renders them from, errors/ beside the rest.
    (container,) = objects.component("nginx")["spec"]["containers"]
    mount = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}["templates"]
    assert mount == "/opt/elevate/nginx"
    (volume,) = [v for v in objects.component("nginx")["spec"]["volumes"] if "projected" in v]
    paths = {
        i["path"] for s in volume["projected"]["sources"] for i in s["configMap"].get("items", [])
    }
    assert paths == {f"errors/{name}" for name in errors}


def test_mariadb_keeps_its_data_on_a_10gi_claim_behind_a_headless_service(overlay):
    _, objects = overlay
    mysql = objects.get("StatefulSet", "elevate-mysql")["spec"]
    (claim,) = mysql["volumeClaimTemplates"]
    assert claim["spec"]["resources"]["requests"]["storage"] == "10Gi"
    (container,) = mysql["template"]["spec"]["containers"]
    assert container["image"].startswith("mariadb:")
    assert {"name": claim["metadata"]["name"], "mountPath": "/var/lib/mysql"} in container[
        "volumeMounts"
    ]
    assert objects.get("Service", mysql["serviceName"])["spec"]["clusterIP"] == "None"
    redis = objects.get("Service", "elevate-redis")["spec"]
    assert matches(
        {"matchLabels": redis["selector"]}, objects.component("redis")["metadata"]["labels"]
    )


def test_only_web_and_the_worker_reach_the_data_tier(overlay):
    _, objects = overlay
    # The data tier refuses by default: whatever is added later must be allowed by name.
    for component in ("mysql", "redis"):
        labels = objects.component(component)["metadata"]["labels"]
        assert any(
            not p["spec"].get("ingress") and matches(p["spec"]["podSelector"], labels)
            for p in objects.of("NetworkPolicy")
        ), f"no default deny for {component}"
    # The migrate Job is the web image's code, run once per release.
    assert allowed_sources(objects, "mysql", 3306) == {"web", "worker", "migrate"}
    assert allowed_sources(objects, "redis", 6379) == {"web", "worker"}
    assert allowed_sources(objects, "web", 8000) == {"nginx"}
    assert allowed_sources(objects, "nginx", 8081) == {"web", "worker"}
    assert "elsewhere" in allowed_sources(objects, "nginx", 8080)
    assert allowed_sources(objects, "worker", 8000) == set()


def test_disruption_budgets_cover_web_and_nginx(overlay):
    _, objects = overlay
    covered = {
        component
        for pdb in objects.of("PodDisruptionBudget")
        for component in ("web", "nginx", "worker", "mysql", "redis")
        if matches(pdb["spec"]["selector"], objects.component(component)["metadata"]["labels"])
        and pdb["spec"].get("maxUnavailable") == 1
    }
    assert covered == {"web", "nginx"}


def test_every_selector_names_pods_that_exist(overlay):
    _, objects = overlay
    labels = [t["metadata"]["labels"] for t in objects.pods().values()]
    selectors = [
        ("Service", s["metadata"]["name"], {"matchLabels": s["spec"]["selector"]})
        for s in objects.of("Service")
    ]
    for kind, key in (("PodDisruptionBudget", "selector"), ("NetworkPolicy", "podSelector")):
        selectors += [(kind, o["metadata"]["name"], o["spec"][key]) for o in objects.of(kind)]
    for kind, name, selector in selectors:
        assert any(matches(selector, pod) for pod in labels), f"{kind}/{name} selects no pod"
