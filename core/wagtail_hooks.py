"""Wagtail hooks for the shared plumbing: cache declarations, privacy explained, documents.

Apps listed before ``wagtail`` in INSTALLED_APPS register their hooks first, so the
``on_serve_page`` wrappers here run outside Wagtail's own privacy check and see its answer.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import resolve_url
from wagtail import hooks

from core import documents
from core.cache_policy import declare_public_pages

hooks.register("on_serve_page", declare_public_pages)


@hooks.register("on_serve_page")
def explain_members_only(serve):
    """Wagtail sends visitors of a members-only page to the log-in form without a word;
    say why, on the log-in page."""

    def inner(page, request, args, kwargs):
        response = serve(page, request, args, kwargs)
        login_url = resolve_url(settings.WAGTAIL_FRONTEND_LOGIN_URL)
        if (
            response.status_code == 302
            and not request.user.is_authenticated
            and response.url.startswith(login_url)
        ):
            messages.info(
                request,
                f"“{page.title}” is for members. Log in, or create a free account, to read it.",
            )
        return response

    return inner


@hooks.register("before_serve_document")
def documents_follow_their_pages(document, request):
    if documents.may_download(request.user, document):
        return None
    if not request.user.is_authenticated and documents.log_in_could_help(document):
        messages.info(request, "This file belongs to a members-only lesson. Log in to download it.")
        return redirect_to_login(request.get_full_path())
    raise Http404("No such document.")
