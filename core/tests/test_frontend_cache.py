"""Purges reach every nginx replica behind one name (Swarm tasks.<service>, headless Service)."""

import http.server
import socket
import threading

import pytest

from core.frontend_cache import FanoutHTTPBackend


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.seen.append((self.path, self.headers["Host"]))
        self.send_response(404 if self.path == "/not-cached/" else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def two_nginx_replicas():
    """Two listeners on the same port at 127.0.0.1 and 127.0.0.2, like two replicas' IPs."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    servers = []
    for address in ("127.0.0.1", "127.0.0.2"):
        server = http.server.HTTPServer((address, port), RecordingHandler)
        server.seen = []
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    yield port, servers
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_purge_goes_to_every_address_the_name_resolves_to(
    two_nginx_replicas, monkeypatch, caplog
):
    port, servers = two_nginx_replicas
    real_getaddrinfo = socket.getaddrinfo

    def tasks_dns(host, *args, **kwargs):  # what Swarm's DNS answers for tasks.nginx
        if host == "tasks.nginx":
            return [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.2", port)),
            ]
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", tasks_dns)
    backend = FanoutHTTPBackend({"LOCATION": f"http://tasks.nginx:{port}"})
    backend.purge("http://learn.example.com/courses/python/")
    backend.purge("http://learn.example.com/not-cached/")
    for server in servers:
        assert server.seen == [
            ("/courses/python/", "learn.example.com"),
            ("/not-cached/", "learn.example.com"),
        ]
    assert "Couldn't purge" not in caplog.text  # "not cached" is not an error


def test_an_unreachable_replica_is_logged_not_raised(caplog):
    backend = FanoutHTTPBackend({"LOCATION": "http://127.0.0.1:9"})
    backend.purge("http://learn.example.com/courses/")
    assert "Couldn't purge http://learn.example.com/courses/" in caplog.text


def test_a_unicode_address_is_purged_percent_encoded(two_nginx_replicas, caplog):
    port, servers = two_nginx_replicas
    backend = FanoutHTTPBackend({"LOCATION": f"http://127.0.0.1:{port}"})
    backend.purge("http://learn.example.com/courses/café-français/")
    assert servers[0].seen == [("/courses/caf%C3%A9-fran%C3%A7ais/", "learn.example.com")]
    assert "Couldn't purge" not in caplog.text
