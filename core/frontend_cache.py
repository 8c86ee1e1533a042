"""Purge every nginx replica, not just one.

Wagtail's ``HTTPBackend`` sends ``PURGE <path>`` to the one host:port in LOCATION. With
several nginx replicas behind one name (Swarm's ``tasks.nginx``, a Kubernetes headless
Service, or a plain host with several A records), each replica has its own cache, so this
backend resolves the name at purge time and sends the PURGE to every address. A 404 from
nginx only means that page was not cached there, so it is not logged as an error.
"""

import logging
import socket
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger(__name__)


class FanoutHTTPBackend(HTTPBackend):
    def __init__(self, params):
        location = urlsplit(params["LOCATION"])
        super().__init__(params)
        self.host, self.port = location.hostname, location.port or 80

    def addresses(self):
        try:
            infos = socket.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)
        except socket.gaierror as error:
            logger.error("Couldn't resolve %s to purge the frontend cache: %s", self.host, error)
            return []
        return sorted({info[4][0] for info in infos})

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        # Percent-encoded as a browser sends it: a Unicode slug cannot go on the request line
        # as it is (nginx's $uri key decodes it again).
        path = urlunsplit(("", "", quote(parts.path, safe="/%"), parts.query, ""))
        for address in self.addresses():
            netloc = f"[{address}]:{self.port}" if ":" in address else f"{address}:{self.port}"
            request = PurgeRequest(
                f"{self.cache_scheme}://{netloc}{path}",
                headers={"Host": host, "User-Agent": "Elevate-frontendcache"},
            )
            try:
                urlopen(request, timeout=5)  # noqa: S310 - LOCATION comes from settings
            except HTTPError as error:
                if error.code != 404:  # 404: that page was not in this nginx's cache
                    logger.error("Couldn't purge %s at %s: HTTP %s", url, netloc, error.code)
            except URLError as error:
                logger.error("Couldn't purge %s at %s: %s", url, netloc, error.reason)


class RecordingBackend(HTTPBackend):
    """Remembers what it was asked to purge instead of sending it anywhere: the test suite
    configures it to check which URLs a change purges."""

    purged = []

    def __init__(self, params):
        super().__init__({"LOCATION": "http://localhost", **params})

    def purge(self, url):
        self.purged.append(url)
