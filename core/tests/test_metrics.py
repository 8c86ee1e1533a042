"""Prometheus metrics: what /metrics tells, who may read it, and that a replica's workers
are added up (prometheus_client's multiprocess mode, as gunicorn.conf.py sets it up)."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django_tasks import task
from prometheus_client import CollectorRegistry
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

from community.admin import queue
from community.models import Comment
from community.tests.factories import CommentFactory, FlagFactory
from scripts.processes import children

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


@task()
def failing_task():
    raise RuntimeError("The task failed, as this test wants.")


@task()
def succeeding_task():
    return "done"


def samples(text):
    """{(name, ((label, value), ...)): value} of every sample in an exposition."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(text, name, **labels):
    """The sum of the samples called ``name`` carrying these labels (0 if none)."""
    wanted = set(labels.items())
    return sum(v for (n, lbls), v in samples(text).items() if n == name and wanted <= set(lbls))


def scrape(client=None, **extra):
    response = (client or Client()).get("/metrics", **extra)
    assert response.status_code == 200, response.content
    return response.content.decode()


def run_python(code, env=None, **kwargs):
    """Run ``code`` in a fresh interpreter with the test settings (plus ``env``)."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "elevate_site.settings.test"}
    environment.pop("PROMETHEUS_MULTIPROC_DIR", None)
    environment.update(env or {})
    result = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [PYTHON, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, **kwargs
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- what /metrics tells ------------------------------------------------------------------


def test_requests_are_counted_by_method_and_status_but_scrapes_are_not(client, home):
    before = scrape(client)
    assert client.get(home.url).status_code == 200
    after = scrape(client)
    requests = "django_http_requests_total_by_method_total"
    assert value(after, requests, method="GET") == value(before, requests, method="GET") + 1
    responses = "django_http_responses_total_by_status_total"
    assert value(after, responses, status="200") == value(before, responses, status="200") + 1
    latency = "django_http_requests_latency_including_middlewares_seconds_count"
    assert value(after, latency) == value(before, latency) + 1


def test_completing_lessons_counts_completions_and_the_certificate(
    make_course, learner_client, django_capture_on_commit_callbacks
):
    course, lessons = make_course(lessons=2)
    before = scrape()
    with django_capture_on_commit_callbacks(execute=True):
        learner_client.post(reverse("learning:complete", args=[lessons[0].pk]))
    middle = scrape()
    with django_capture_on_commit_callbacks(execute=True):
        response = learner_client.post(reverse("learning:complete", args=[lessons[1].pk]))
    assert response.url.startswith("/learning/certificates/")
    after = scrape()

    def count(text, name):
        return value(text, name) - value(before, name)

    assert count(middle, "elevate_lesson_completions_total") == 1
    assert count(middle, "elevate_certificates_issued_total") == 0
    assert count(after, "elevate_lesson_completions_total") == 2
    assert count(after, "elevate_certificates_issued_total") == 1


def test_only_errors_in_certificate_views_count_as_certificate_errors(
    make_course, learner, learner_client, monkeypatch, django_capture_on_commit_callbacks
):
    course, lessons = make_course(lessons=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = learner_client.post(reverse("learning:complete", args=[lessons[0].pk]))
    pdf_url = response.url + "pdf/"

    def broken(*args, **kwargs):
        raise RuntimeError("The PDF could not be drawn.")

    learner_client.raise_request_exception = False
    name = "elevate_certificate_errors_total"
    before = value(scrape(), name)
    monkeypatch.setattr("learning.views.build_dashboard", broken)
    assert learner_client.get(reverse("learning:dashboard")).status_code == 500
    assert value(scrape(), name) == before
    monkeypatch.setattr("learning.views.render_certificate_pdf", broken)
    assert learner_client.get(pdf_url).status_code == 500
    assert value(scrape(), name) == before + 1


def test_failed_tasks_are_counted_and_successful_ones_not():
    name = "elevate_task_errors_total"
    before = value(scrape(), name)
    succeeding_task.enqueue()  # the "default" backend runs it at once, in this process
    assert value(scrape(), name) == before
    failing_task.enqueue()
    assert value(scrape(), name) == before + 1


def test_a_task_that_fails_in_the_background_worker_is_counted_there():
    name = "elevate_task_errors_total"
    before = value(scrape(), name)
    failing_task.using(backend="background").enqueue()
    assert value(scrape(), name) == before  # only stored so far
    call_command("db_worker", "--backend", "background", "--batch", "--no-startup-delay")
    assert value(scrape(), name) == before + 1


def test_the_worker_serves_its_metrics_on_its_own_port():
    """The task worker answers no HTTP: with METRICS_EXPORT_PORT it serves its metrics."""
    port = free_port()
    output = run_python(
        "import django, urllib.request\n"
        "django.setup()\n"
        "from core.tests.test_metrics import failing_task\n"
        "failing_task.enqueue()\n"
        f"print(urllib.request.urlopen('http://127.0.0.1:{port}/metrics').read().decode())\n",
        env={"METRICS_EXPORT_PORT": str(port)},
    )
    assert value(output, "elevate_task_errors_total") == 1


def test_the_moderation_queue_is_counted_at_scrape_time_in_two_cheap_queries(
    make_course, django_assert_num_queries
):
    course, lessons = make_course(lessons=1)
    comment = {"lesson": lessons[0]}
    CommentFactory.create_batch(2, status=Comment.Status.PENDING, **comment)
    CommentFactory(**comment)  # approved, unflagged: not waiting
    twice_flagged = CommentFactory(**comment)
    FlagFactory.create_batch(2, comment=twice_flagged)  # one comment, counted once
    FlagFactory(comment=CommentFactory(status=Comment.Status.HIDDEN, **comment))
    FlagFactory(comment=CommentFactory(status=Comment.Status.DELETED, **comment))
    decided = CommentFactory(**comment)
    FlagFactory(comment=decided, resolved_at=decided.created_at)

    with django_assert_num_queries(2):
        text = scrape()
    gauge = "elevate_moderation_queue_comments"
    assert value(text, gauge, state="pending") == 2
    assert value(text, gauge, state="flagged") == 2
    # The same numbers as the moderation queue's own filters and dashboard panel.
    assert queue.pending_count() == 2
    assert queue.flagged_count() == 2


def test_metrics_are_served_when_the_database_is_down(monkeypatch):
    def unreachable():
        raise OperationalError("(2002) Can't connect to MySQL server")

    monkeypatch.setattr("community.metrics.pending_count", unreachable)
    text = scrape()
    assert "elevate_moderation_queue_comments" not in text
    assert "elevate_lesson_completions_total" in text


# --- who may read it ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "forwarded", "status"),
    [
        ("127.0.0.1", None, 200),  # nginx's internal listener on the same host
        ("10.0.1.23", None, 200),  # Prometheus on a Swarm overlay network
        ("192.168.5.4", None, 200),
        ("203.0.113.9", None, 403),  # a replica's port reached from outside
        ("127.0.0.1", "203.0.113.9", 403),  # forwarded by nginx's public listener
        ("10.0.1.5", "10.0.1.99", 403),  # forwarded by any proxy, whoever asked it
    ],
)
def test_only_direct_callers_on_the_deployments_network_may_read_metrics(
    client, address, forwarded, status
):
    headers = {"REMOTE_ADDR": address}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    response = client.get("/metrics", **headers)
    assert response.status_code == status
    assert "no-store" in response["Cache-Control"]
    assert (b"elevate_lesson_completions_total" in response.content) == (status == 200)


def test_the_allowed_networks_come_from_the_settings(client, settings):
    settings.METRICS_ALLOWED_NETWORKS = ["198.51.100.0/24"]
    assert client.get("/metrics", REMOTE_ADDR="198.51.100.7").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403


def test_prometheus_scrapes_a_replica_by_address_over_plain_http_under_production_settings(
    tmp_path,
):
    """Prometheus asks each replica at its address (tasks.web:8000), like a health probe:
    production's host check and HTTPS redirect must not stand in the way."""
    output = run_python(
        "import django, json\n"
        "django.setup()\n"
        "from django.test import Client\n"
        "client = Client()\n"
        "metrics = client.get('/metrics', HTTP_HOST='10.0.0.7:8000')\n"
        "page = client.get('/courses/', HTTP_HOST='10.0.0.7:8000')\n"
        "print(json.dumps([metrics.status_code, page.status_code, metrics.content.decode()]))\n",
        env={
            "DJANGO_SETTINGS_MODULE": "elevate_site.settings.production",
            "DJANGO_SECRET_KEY": "metrics-test-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "learn.example.com",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "REDIS_URL": "redis://127.0.0.1:1/0",
        },
    )
    metrics_status, page_status, text = json.loads(output.strip().splitlines()[-1])
    assert metrics_status == 200
    assert value(text, "elevate_certificates_issued_total") == 0
    assert page_status == 400  # everything else keeps production's rules


# --- several processes ----------------------------------------------------------------------

COUNT_COMPLETIONS = """
import django
django.setup()
from core import metrics
for _ in range({n}):
    metrics.lesson_completed()
"""


def test_two_processes_counting_in_one_directory_are_summed(tmp_path):
    env = {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    run_python(COUNT_COMPLETIONS.format(n=3), env=env)
    run_python(COUNT_COMPLETIONS.format(n=4), env=env)

    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(tmp_path))
    assert registry.get_sample_value("elevate_lesson_completions_total") == 7
    # /metrics, answered by a third process, reports the sum too.
    served = run_python(
        "import django\n"
        "django.setup()\n"
        "from django.test import Client\n"
        "print(Client().get('/metrics').content.decode())\n",
        env=env,
    )
    assert value(served, "elevate_lesson_completions_total") == 7


def get(url, data=None):
    # A new connection each time, so that either worker may take it (loopback only).
    request = urllib.request.Request(url, data, headers={"Connection": "close"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def wait_for(condition, what, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def answers(url):
    try:
        return get(url)[0] == 200
    except OSError:
        return False


@pytest.fixture
def replica(tmp_path):
    """A gunicorn replica with 2 workers, started with gunicorn.conf.py; a metrics
    directory left over from an earlier run holds 1,000 completions."""
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    run_python(COUNT_COMPLETIONS.format(n=1000), env={"PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)})
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "elevate_site.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - the project's own gunicorn and config
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: answers(url + "/healthz"), f"gunicorn on {url}")
        wait_for(lambda: len(children(process.pid)) == 2, "two workers")
        yield process, url, metrics_dir
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def test_a_replica_reports_the_sum_of_its_workers_from_a_clean_start(replica):
    process, url, metrics_dir = replica
    for _ in range(20):
        # A form posted without its CSRF token is refused before any query: this replica
        # has no database.
        assert get(url + "/search/", data=b"")[0] == 403

    def refused(text):
        return value(text, "django_http_responses_total_by_status_total", status="403")

    # Whichever worker answers the scrape, it reports both workers' requests, and nothing
    # of the earlier run (the master emptied the directory when it started).
    for _ in range(6):
        status, text = get(url + "/metrics")
        assert status == 200
        assert refused(text) == 20
        assert value(text, "elevate_lesson_completions_total") == 0

    # A worker that dies takes nothing with it: gunicorn starts another, the sum stays.
    killed = children(process.pid)[0]
    os.kill(killed, signal.SIGKILL)
    wait_for(
        lambda: killed not in children(process.pid) and len(children(process.pid)) == 2,
        "a new worker",
    )
    wait_for(lambda: answers(url + "/healthz"), "the replica")
    assert refused(get(url + "/metrics")[1]) == 20
    assert (metrics_dir / f"counter_{killed}.db").exists()
