"""The one nginx configuration renders for every topology and passes `nginx -t`
(marker ``stack``: needs Debian's nginx with the cache-purge module)."""

import subprocess

import pytest

from scripts.render_nginx import render

pytestmark = pytest.mark.stack


@pytest.fixture(autouse=True)
def tools(stack_tools):
    """nginx, unshare and openssl are there (or the test skipped, or failed in CI)."""


def nginx_test(tmp_path, environ):
    """`nginx -t` binds the listen ports and resolves upstream names, so run it in a private
    network and mount namespace with a hosts file that knows the compose service names."""
    hosts = tmp_path / "hosts"
    hosts.write_text("127.0.0.1 localhost web tasks.web elevate-web\n")
    for sub in ("run", "log", "cache"):
        (tmp_path / sub).mkdir()
    environ = {
        "NGINX_RUN_DIR": str(tmp_path / "run"),
        "NGINX_LOG_DIR": str(tmp_path / "log"),
        "NGINX_CACHE_DIR": str(tmp_path / "cache"),
        "NGINX_USER": "root",
        **environ,
    }
    conf = render(tmp_path / "conf", environ)
    script = f"mount --bind {hosts} /etc/hosts && nginx -t -q -p {tmp_path} -c {conf}"
    result = subprocess.run(
        ["unshare", "-m", "-n", "sh", "-c", script], capture_output=True, text=True, timeout=30
    )
    return conf, result


def test_compose_style_config_is_valid(tmp_path):
    conf, result = nginx_test(tmp_path, {"NGINX_UPSTREAM": "web:8000"})
    assert result.returncode == 0, result.stderr
    text = conf.read_text()
    assert "server web:8000 max_fails=3 fail_timeout=10s;" in text
    assert "${" not in text  # every placeholder was filled


def test_replicas_on_loopback_config_is_valid(tmp_path):
    conf, result = nginx_test(tmp_path, {"NGINX_UPSTREAM": "127.0.0.1:8001,127.0.0.1:8002"})
    assert result.returncode == 0, result.stderr
    assert conf.read_text().count("max_fails=3") == 2
    assert (conf.parent / "errors" / "414.html").exists()  # nginx's own pages come along


def test_tls_config_redirects_http_and_terminates_https(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    conf, result = nginx_test(
        tmp_path,
        {"NGINX_UPSTREAM": "web:8000", "NGINX_TLS_CERT": str(cert), "NGINX_TLS_KEY": str(key)},
    )
    assert result.returncode == 0, result.stderr
    assert "https-on.conf" in conf.read_text()
    assert "return 301 https://" in (conf.parent / "http-redirect.conf").read_text()


def test_unknown_placeholders_are_refused(tmp_path, monkeypatch):
    import scripts.render_nginx as renderer

    source = tmp_path / "source"
    source.mkdir()
    (source / "bad.conf.template").write_text("listen ${NGINX_TYPO};")
    monkeypatch.setattr(renderer, "SOURCE", source)
    with pytest.raises(SystemExit, match="NGINX_TYPO"):
        renderer.render(tmp_path / "out", {})
