"""Shared plumbing of the read API under ``/api/`` (docs/API.md).

- ``core.api.public``: the public tree, the pages the content endpoints show to everyone
  alike: live, below no page that is not live (``core.visibility``), and with no view
  restriction on them or above them. A members-only course is not in the API even for its
  members, so a content answer never depends on who asked.
- ``core.api.errors``: every answer under ``/api/`` is JSON, failures included:
  ``{"message": "..."}`` with the status that fits (400 bad parameter, 401 not signed in,
  404 no such thing, 405 wrong method). Nothing under ``/api/`` changes anything, so
  everything but GET and HEAD gets 405, before any check of a log-in or a CSRF token.
- ``core.api.pages``: Wagtail's v2 pages endpoint over the public tree, one page type per
  endpoint; apps subclass it (``learning.api``).

Caching: nothing here is declared shareable (``core.cache_policy``), so nginx stores none
of it; content answers say ``no-cache`` so that no other cache reuses them unasked either,
and ``PrivateResponsesMiddleware`` marks a signed-in person's answers private.

``public`` and ``errors`` import no Wagtail API view, so page models may import what uses
them (``learning.api_fields``) while the app registry is still loading.
"""
