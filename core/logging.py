"""The application log: one JSON object per line, each carrying the request's id.

nginx gives every request an id (``$request_id``), passes it to Django as ``X-Request-ID``
and returns it to the client in the same header, so a person can quote it and an operator
can find the request in nginx's access log and in every replica's log.

- ``RequestIdMiddleware`` (first in MIDDLEWARE) remembers the id for the current request
  in a context variable: each thread (a gunicorn worker) or task has its own.
- ``RequestIdFilter`` puts it on every log record as ``request_id`` (``None`` outside a
  request: start-up, management commands).
- ``JsonFormatter`` writes ``time``, ``level``, ``logger``, ``message``, ``request_id``,
  any extra fields (``status_code``) and, for errors, the ``traceback``.

The log goes to stderr: a container runtime collects it, and gunicorn's ``capture_output``
writes it to its error log (``gunicorn.conf.py``).
"""

import contextvars
import logging
import re
import uuid

from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

current_request_id = contextvars.ContextVar("current_request_id", default=None)

# nginx's $request_id is 32 hex digits; accept what another proxy might send, within
# reason, so a forged header cannot inject arbitrary text into the log.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestIdMiddleware:
    """Remember the request's id (from nginx, or a new one) while it is being answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = header if VALID_REQUEST_ID.fullmatch(header) else uuid.uuid4().hex
        token = current_request_id.set(request.request_id)
        try:
            return self.get_response(request)
        finally:
            current_request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Add ``request_id`` to every record (a filter on the handler, so records of every
    logger get it).

    Django logs a 4xx/5xx response that a view returned (rather than raised) after the
    middleware has finished; such records carry the request, which knows its id.
    """

    def filter(self, record):
        request_id = current_request_id.get()
        if request_id is None:
            request_id = getattr(getattr(record, "request", None), "request_id", None)
        record.request_id = request_id
        return True


class JsonFormatter(BaseJsonFormatter):
    """python-json-logger with this site's field names, one line per record."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", ["levelname", "name", "message", "request_id"])
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault(
            "rename_fields",
            {"levelname": "level", "name": "logger", "exc_info": "traceback"},
        )
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data):
        # django.request and django.server attach the request object: keep what a person
        # reads (method and path), not its repr.
        request = log_data.pop("request", None)
        if request is not None and hasattr(request, "method"):
            log_data["method"] = request.method
            log_data["path"] = request.get_full_path()
        log_data.pop("server_time", None)
        # time first, so a person scanning the file sees when before what
        return {"time": log_data.pop("time"), **log_data}
