"""Health endpoints answer container probes under production settings: by address, over
plain HTTP, where every other page is redirected to HTTPS or refused for its host."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import django, json
django.setup()
from django.test import Client
client = Client()
answers = {}
for path in ("/healthz", "/readyz", "/courses/"):
    response = client.get(path, HTTP_HOST="10.0.0.7:8000")
    answers[path] = [response.status_code, response.get("Location", "")]
answers["public"] = client.get("/courses/", HTTP_HOST="learn.example.com").status_code
print(json.dumps(answers))
"""


def test_probes_by_address_over_plain_http_get_200_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "elevate_site.settings.production",
        "DJANGO_SECRET_KEY": "health-test-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "learn.example.com",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        # Nothing listens here: the cache is reported down, the replica stays ready.
        "REDIS_URL": "redis://127.0.0.1:1/0",
    }
    env.pop("DJANGO_SECURE_SSL_REDIRECT", None)  # the production default: on
    result = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["/healthz"] == [200, ""]
    assert answers["/readyz"] == [200, ""]  # database up, cache down: degraded, still ready
    # Everything else keeps production's rules: an unknown host is refused, and the known
    # host is sent to HTTPS.
    assert answers["/courses/"][0] == 400
    assert answers["public"] == 301


@pytest.mark.django_db
def test_readyz_says_what_is_down(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]
