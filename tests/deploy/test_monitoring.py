"""The monitoring files (monitoring/), checked offline with promtool and against the metrics
the application really exports.

- prometheus.yml and alerts.yml pass `promtool check config` / `check rules`, the alerts'
  unit tests (alerts_test.yml) pass `promtool test rules`, and each of these fails on a
  deliberately broken copy, so a green check means something.
- The Grafana dashboard is valid JSON, every panel's query is valid PromQL, and every
  metric a panel or an alert names is one the app exports (read from /metrics here) or
  one the Debian exporters export (listed below).

promtool comes with Debian's `prometheus` package, installed here when running as root;
elsewhere these tests skip, and fail in CI, which may not skip them.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.test import Client
from django.urls import reverse
from prometheus_client.parser import text_string_to_metric_families

from scripts.processes import apt_install
from tests.needs import skip_or_fail

pytestmark = pytest.mark.deploy

ROOT = Path(__file__).resolve().parent.parent.parent
PROMETHEUS = ROOT / "monitoring" / "prometheus"
DASHBOARD = ROOT / "monitoring" / "grafana" / "dashboards" / "elevate.json"

# What the exporters of the stack export and the dashboard or alerts use, by exporter
# (Debian bookworm: prometheus-nginx-exporter 0.11, -mysqld-exporter 0.14,
# -redis-exporter 1.45), plus Prometheus's own `up`.
EXPORTER_METRICS = {
    "up",
    "nginx_up",
    "nginx_connections_active",
    "nginx_http_requests_total",
    "mysql_up",
    "redis_up",
}


@pytest.fixture(scope="session")
def promtool():
    if not shutil.which("promtool") and os.geteuid() == 0 and shutil.which("apt-get"):
        apt_install(["prometheus"])
    path = shutil.which("promtool")
    if not path:
        reason = "needs promtool (Debian package `prometheus`; root installs it here)"
        skip_or_fail(reason)
    return path


def run(promtool, *args, cwd=PROMETHEUS):
    result = subprocess.run(  # noqa: S603 - promtool with our own files
        [promtool, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    return result.returncode, result.stdout + result.stderr


# --- promtool ---------------------------------------------------------------------------------


def test_the_prometheus_configuration_is_valid(promtool):
    code, output = run(promtool, "check", "config", "prometheus.yml")
    assert code == 0, output
    assert "1 rule files found" in output


def test_the_alert_rules_are_valid_and_their_unit_tests_pass(promtool):
    code, output = run(promtool, "check", "rules", "alerts.yml")
    assert code == 0, output
    code, output = run(promtool, "test", "rules", "alerts_test.yml")
    assert code == 0, output


def test_every_alert_has_a_unit_test_that_sees_it_fire_and_one_that_sees_it_quiet():
    alerts = {
        rule["alert"]
        for group in yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())["groups"]
        for rule in group["rules"]
    }
    checks = [
        check
        for test in yaml.safe_load((PROMETHEUS / "alerts_test.yml").read_text())["tests"]
        for check in test["alert_rule_test"]
    ]
    firing = {check["alertname"] for check in checks if check["exp_alerts"]}
    quiet = {check["alertname"] for check in checks if not check["exp_alerts"]}
    assert alerts == firing == quiet


def broken_copy(tmp_path, replace):
    """A copy of monitoring/prometheus/ with one text replaced in one file."""
    copy = tmp_path / "prometheus"
    shutil.copytree(PROMETHEUS, copy)
    for name, (old, new) in replace.items():
        text = (copy / name).read_text()
        assert old in text, f"{old!r} is not in {name}"
        (copy / name).write_text(text.replace(old, new, 1))
    return copy


def test_check_rules_fails_on_a_rule_that_is_not_promql(promtool, tmp_path):
    copy = broken_copy(tmp_path, {"alerts.yml": ("> 0.05", "> > 0.05")})
    code, output = run(promtool, "check", "rules", "alerts.yml", cwd=copy)
    assert code != 0
    assert "parse error" in output
    # check config reads the rule files too.
    code, output = run(promtool, "check", "config", "prometheus.yml", cwd=copy)
    assert code != 0


def test_check_config_fails_on_a_misspelt_setting(promtool, tmp_path):
    copy = broken_copy(tmp_path, {"prometheus.yml": ("dns_sd_configs:", "dns_sd_config:")})
    code, output = run(promtool, "check", "config", "prometheus.yml", cwd=copy)
    assert code != 0
    assert "dns_sd_config" in output


def test_the_unit_tests_fail_when_an_alert_stops_firing(promtool, tmp_path):
    """Raise the 5xx threshold from 5% to 50%: the test that expects it to fire fails."""
    copy = broken_copy(tmp_path, {"alerts.yml": ("> 0.05", "> 0.5")})
    code, output = run(promtool, "check", "rules", "alerts.yml", cwd=copy)
    assert code == 0, output  # still valid rules...
    code, output = run(promtool, "test", "rules", "alerts_test.yml", cwd=copy)
    assert code != 0  # ...that no longer do what is promised
    assert "WebErrorRateHigh" in output


def test_prometheus_scrapes_what_the_stack_runs():
    """The names and ports the Swarm stack (and the images) must provide."""
    config = yaml.safe_load((PROMETHEUS / "prometheus.yml").read_text())
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}

    def discovered(job):
        (sd,) = jobs[job]["dns_sd_configs"]
        return sd["names"], sd["type"], sd["port"]

    assert discovered("web") == (["tasks.web"], "A", 8000)
    assert jobs["web"]["metrics_path"] == "/metrics"
    assert discovered("nginx") == (["tasks.nginx"], "A", 9113)
    assert discovered("worker") == (["tasks.worker"], "A", 9808)
    assert jobs["mariadb"]["static_configs"] == [{"targets": ["db-exporter:9104"]}]
    assert jobs["redis"]["static_configs"] == [{"targets": ["redis-exporter:9121"]}]
    assert config["rule_files"] == ["alerts.yml"]


# --- the dashboard and the metrics it names ----------------------------------------------------

# PromQL words that are not metric names.
KEYWORDS = {
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "offset",
    "bool",
    "and",
    "or",
    "unless",
    "inf",
    "nan",
}


def metric_names(expr):
    """The metric names a PromQL expression reads."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)  # strings
    expr = re.sub(r"\{[^}]*\}", "", expr)  # label matchers
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    expr = re.sub(r"\[[^\]]*\]", "", expr)  # ranges
    words = re.findall(r"(?<![\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()", expr)
    return {word for word in words if word.lower() not in KEYWORDS}


def test_metric_names_are_read_from_promql():
    assert metric_names(
        'histogram_quantile(0.95, sum by (le) (rate(a_bucket{job="web", x=~"5.."}[5m])))'
        ' / on (instance) b or absent(up{job="web"} == 1)'
    ) == {"a_bucket", "b", "up"}


def panels(dashboard):
    """Every panel, also those inside a collapsed row."""
    for panel in dashboard.get("panels", []):
        yield panel
        yield from panels(panel)


def dashboard_queries():
    dashboard = json.loads(DASHBOARD.read_text())
    return {
        f"{panel['title']} ({target['refId']})": target["expr"]
        for panel in panels(dashboard)
        for target in panel.get("targets", [])
    }


def alert_queries():
    return {
        rule["alert"]: rule["expr"]
        for group in yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())["groups"]
        for rule in group["rules"]
    }


@pytest.fixture
def app_metrics(make_course, learner_client, django_capture_on_commit_callbacks):
    """Every sample name the app's /metrics shows once it has answered a page and a lesson
    was completed."""
    course, lessons = make_course(lessons=1)
    with django_capture_on_commit_callbacks(execute=True):
        learner_client.post(reverse("learning:complete", args=[lessons[0].pk]))
    assert learner_client.get(lessons[0].url).status_code == 200
    text = Client().get("/metrics").content.decode()
    return {
        sample.name for family in text_string_to_metric_families(text) for sample in family.samples
    }


def test_the_dashboard_is_json_with_queries_for_every_promised_panel():
    dashboard = json.loads(DASHBOARD.read_text())
    assert dashboard["uid"] == "elevate-overview"
    titles = " | ".join(panel["title"] for panel in panels(dashboard)).lower()
    for promised in (
        "requests",
        "latency",
        "errors",
        "replicas up",
        "lessons completed per hour",
        "certificates issued per hour",
        "moderation queue",
    ):
        assert promised in titles
    # The data source the provisioning file declares.
    datasource = yaml.safe_load(
        (ROOT / "monitoring/grafana/provisioning/datasources/prometheus.yml").read_text()
    )["datasources"][0]
    for panel in panels(dashboard):
        if panel["type"] != "row":
            assert panel["datasource"]["uid"] == datasource["uid"]


def test_every_dashboard_query_is_valid_promql(promtool, tmp_path):
    """promtool parses each query as a recording rule ($__rate_interval is Grafana's)."""
    rules = [
        {"record": f"elevate:panel_{number}", "expr": expr.replace("$__rate_interval", "5m")}
        for number, expr in enumerate(dashboard_queries().values())
    ]
    panels_file = tmp_path / "panels.yml"
    panels_file.write_text(yaml.safe_dump({"groups": [{"name": "panels", "rules": rules}]}))
    code, output = run(promtool, "check", "rules", "panels.yml", cwd=tmp_path)
    assert code == 0, output


@pytest.mark.django_db
def test_every_metric_the_dashboard_and_the_alerts_read_is_exported(app_metrics):
    assert "elevate_moderation_queue_comments" in app_metrics  # the scrape-time gauge
    known = app_metrics | EXPORTER_METRICS
    queries = dashboard_queries() | alert_queries()
    unknown = {
        where: sorted(metric_names(expr) - known)
        for where, expr in queries.items()
        if metric_names(expr) - known
    }
    assert not unknown
    # And the app's own metrics are really used (a renamed metric fails above).
    used = set().union(*(metric_names(expr) for expr in queries.values()))
    for name in (
        "django_http_responses_total_by_status_total",
        "django_http_requests_latency_including_middlewares_seconds_bucket",
        "elevate_lesson_completions_total",
        "elevate_certificates_issued_total",
        "elevate_certificate_errors_total",
        "elevate_task_errors_total",
        "elevate_moderation_queue_comments",
    ):
        assert name in used
