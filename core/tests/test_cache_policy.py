"""Caching is opt-in: only an anonymous GET of a public, live page is declared shareable,
for at most SHARED_CACHE_SECONDS; nothing else ever is, including views added later."""

import re

import pytest
import wagtail_factories
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import PageViewRestriction

from learning import actions

pytestmark = pytest.mark.django_db

DECLARED = "max-age=0, public, s-maxage=300"


def cache_control(response):
    return ", ".join(sorted(response.get("Cache-Control", "").split(", ")))


def test_an_anonymous_public_page_is_declared_shareable_for_five_minutes(make_course, client):
    course, lessons = make_course(lessons=1)
    for url in ("/", "/courses/", course.url, lessons[0].url):
        response = client.get(url)
        assert response.status_code == 200
        assert cache_control(response) == DECLARED, url


def test_the_lifetime_comes_from_settings(make_course, client, settings):
    settings.SHARED_CACHE_SECONDS = 60
    course, _ = make_course(lessons=0)
    assert "s-maxage=60" in client.get(course.url)["Cache-Control"]


def test_a_signed_in_learners_page_is_private(make_course, learner_client):
    course, lessons = make_course(lessons=1)
    for url in (course.url, lessons[0].url):
        control = learner_client.get(url)["Cache-Control"]
        assert "private" in control and "public" not in control and "s-maxage" not in control


def test_members_only_pages_are_never_declared(make_course, client, learner):
    course, lessons = make_course(lessons=1)
    PageViewRestriction.objects.create(page=course, restriction_type="login")
    assert "public" not in client.get(lessons[0].url).get("Cache-Control", "")  # the redirect
    client.force_login(learner)
    assert "public" not in client.get(lessons[0].url)["Cache-Control"]


def test_a_page_that_shows_a_flash_message_is_never_declared(make_course, client):
    """A message is shown once and its cookie cleared: that answer is personal."""
    private, _ = make_course(lessons=1)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    public, lessons = make_course(lessons=1)
    client.get(private.url)  # "... is for members": a message waits for the next page
    response = client.get(lessons[0].url)
    assert "is for members" in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")
    assert "public" in client.get(lessons[0].url)["Cache-Control"]  # once it was shown


def test_only_a_pages_own_spelling_is_declared(make_course, rf):
    """MariaDB compares slugs without case, so /Courses/Python/ may serve a page that a purge
    of /courses/python/ would never remove: only the page's own URL is declared."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from core.cache_policy import declare_public_pages

    course, _ = make_course(lessons=0)
    serve = declare_public_pages(lambda page, request, args, kwargs: HttpResponse("the page"))
    for path, declared in [(course.url, True), (course.url.upper(), False)]:
        request = rf.get(path)
        request.user = AnonymousUser()
        response = serve(course, request, (), {})
        assert ("s-maxage" in response.get("Cache-Control", "")) is declared, path


def test_queries_redirects_and_404s_are_not_declared(make_course, client):
    course, _ = make_course(lessons=0)
    assert "public" not in client.get(course.url.rstrip("/")).get("Cache-Control", "")  # 301
    assert "public" not in client.get("/courses/no-such-course/").get("Cache-Control", "")
    assert "public" not in client.post(course.url).get("Cache-Control", "")


def every_url_pattern(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from every_url_pattern(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def concrete(pattern, values):
    """A URL for a route pattern, its parameters filled from ``values`` (real objects'
    ids, so that views answer as they do for real) or with a placeholder."""
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values.get(m.group(1), "x")), pattern)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values.get(m.group(1), "x")), url)
    url = url.replace(r"(\d+)", str(values["document_id"])).replace("(.*)", "file.txt")
    return "/" + url.replace("^", "").replace("$", "")


def test_no_view_but_a_page_ever_declares_itself_shareable(make_course, learner):
    """Every URL the project routes, added later or not, answered anonymously and signed
    in: none but Wagtail pages carries the declaration, so nginx caches none of them."""
    course, lessons = make_course(lessons=1)
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    values = {
        "course_id": course.pk,
        "lesson_id": lessons[0].pk,
        "code": certificate.code,
        "document_id": wagtail_factories.DocumentFactory().pk,
    }
    patterns = [p for p in every_url_pattern() if not p.startswith(("admin/", "^admin/"))]
    assert len(patterns) > 20  # the walk found the project's URLs
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(learner)
    for pattern in patterns:
        url = concrete(pattern, values)
        if url == "/" or url.startswith("/(("):
            continue  # Wagtail's page catch-all: pages, tested above
        for client in (anonymous, signed_in):
            response = client.get(url)
            assert "public" not in response.get("Cache-Control", ""), (url, response.status_code)
