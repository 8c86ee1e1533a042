"""Purge every nginx replica, not just one.

Wagtail's ``HTTPBackend`` sends ``PURGE <path>`` to the one host:port in LOCATION. With
several nginx replicas behind one name (Swarm's ``tasks.nginx``, a Kubernetes headless
Service, or a plain host with several A records), each replica has its own cache, so this
backend resolves the name at purge time and sends the PURGE to every address.
"""

import logging
import socket
from urllib.parse import urlsplit

from wagtail.contrib.frontend_cache.backends import HTTPBackend

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
        for address in self.addresses():
            netloc = f"[{address}]:{self.port}" if ":" in address else f"{address}:{self.port}"
            HTTPBackend({"LOCATION": f"{self.cache_scheme}://{netloc}"}).purge(url)
