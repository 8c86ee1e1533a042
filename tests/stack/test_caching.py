"""Anonymous pages from nginx's cache, only what Django declares, purged when they change."""

import re
import time

import pytest

from tests.stack.client import COURSE, LESSON, PORTS, django_shell, get, request

pytestmark = pytest.mark.stack


def test_health_endpoints_are_never_cached(stack):
    for path in ("/healthz", "/readyz", "/readyz"):
        response, body = get(path)
        assert response.status == 200
        assert response.getheader("X-Cache-Status") is None
        assert b'"status": "ok"' in body


def test_anonymous_page_is_a_cache_hit_and_fresh_right_after_publish(stack):
    get(LESSON)
    response, _ = get(LESSON)
    assert response.getheader("X-Cache-Status") == "HIT"
    assert get(COURSE)[0].status == 200 and get(COURSE)[0].getheader("X-Cache-Status") == "HIT"

    django_shell(
        stack,
        """
        from learning.models import LessonPage
        page = LessonPage.objects.get(slug="values-and-variables")
        page.title = "Values, variables and names"
        page.save_revision().publish()
    """,
    )
    published_at = time.monotonic()  # the publish (and its purge) has returned
    response, html = get(LESSON)
    assert time.monotonic() - published_at < 1
    assert b"Values, variables and names" in html
    assert response.getheader("X-Cache-Status") == "MISS"
    # The course page lists the lesson in its outline: purged too.
    assert b"Values, variables and names" in get(COURSE)[1]

    django_shell(
        stack,
        """
        from learning.models import LessonPage
        LessonPage.objects.get(slug="values-and-variables").unpublish()
    """,
    )
    assert get(LESSON)[0].status == 404
    assert b"Values, variables and names" not in get(COURSE)[1]
    django_shell(
        stack,
        """
        from learning.models import LessonPage
        LessonPage.objects.get(slug="values-and-variables").save_revision().publish()
    """,
    )
    assert get(LESSON)[0].status == 200


def test_a_learners_page_never_comes_from_the_shared_cache(stack, learner_cookie):
    get(LESSON)
    assert get(LESSON)[0].getheader("X-Cache-Status") == "HIT"
    for _ in range(2):
        response, html = get(LESSON, learner_cookie)
        assert response.getheader("X-Cache-Status") == "BYPASS"
        assert b"Demo Learner" in html and b"<progress" in html
        assert "private" in response.getheader("Cache-Control", "")
    anonymous = get(LESSON)[1]
    assert b"Demo Learner" not in anonymous and b"<progress" not in anonymous


def test_static_files_come_from_nginx_with_cache_headers(stack):
    html = get("/courses/")[1]
    css = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1).decode()
    response, body = request("GET", css, {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Cache-Control") == "max-age=315360000"
    assert response.getheader("Content-Encoding") == "gzip"


def test_purge_and_metrics_are_refused_on_the_public_listener(stack):
    assert request("PURGE", COURSE)[0].status == 405
    assert get("/metrics")[0].status == 403
    # ...and the internal listener does purge.
    get(COURSE)
    assert request("PURGE", COURSE, port=PORTS["NGINX_INTERNAL_PORT"])[0].status == 200
    assert get(COURSE)[0].getheader("X-Cache-Status") == "MISS"


def twice(path):
    """Ask twice; the second answer shows whether the first was stored."""
    get(path)
    return get(path)


def public_document_url(stack):
    """A document that a public, live page uses (so anonymous visitors may download it)."""
    return django_shell(
        stack,
        """
        from django.contrib.auth.models import AnonymousUser
        from wagtail.documents import get_document_model
        from core.documents import pages_using
        from core.visibility import is_visible
        for document in get_document_model().objects.order_by("pk"):
            if any(is_visible(AnonymousUser(), page) for page in pages_using(document)):
                print(document.url)
                break
        """,
    ).strip()


def certificate_verification_url(stack):
    return django_shell(
        stack,
        """
        from django.utils import timezone
        from accounts.models import User
        from learning.models import Certificate, CoursePage
        course = CoursePage.objects.get(slug="git-in-practice")
        certificate, _ = Certificate.objects.get_or_create(
            user=User.objects.get(username="learner"), course=course,
            defaults={"learner_name": "Demo Learner", "course_title": course.title,
                      "issued_at": timezone.now()},
        )
        print(certificate.get_verification_url())
        """,
    ).strip()


def test_only_pages_django_declares_shareable_are_cached(stack):
    # A public page: Django declares it, nginx keeps it for at most SHARED_CACHE_SECONDS.
    response, _ = twice(COURSE)
    assert response.getheader("X-Cache-Status") == "HIT"
    cache_control = response.getheader("Cache-Control")
    assert "public" in cache_control
    assert 0 < int(re.search(r"s-maxage=(\d+)", cache_control).group(1)) <= 300

    document = public_document_url(stack)
    assert document.startswith("/documents/")
    undeclared = {
        "certificate verification": certificate_verification_url(stack),
        "public document": document,
        "log-in page": "/accounts/login/",
        "404": "/courses/no-such-course/",
        "slash redirect": COURSE.rstrip("/"),
    }
    for what, path in undeclared.items():
        first, _ = get(path)
        second, _ = get(path)
        assert first.status in (200, 301, 404), (what, first.status)
        assert second.getheader("X-Cache-Status") != "HIT", what
        assert "s-maxage" not in (second.getheader("Cache-Control") or ""), what


def test_every_spelling_of_a_page_is_purged_when_it_is_unpublished(stack):
    course = COURSE
    spellings = [
        course,
        course + "?",  # an empty query string
        "/courses/python%2Dfoundations/",  # a percent-encoded hyphen
        "/courses//python-foundations/",  # a doubled slash
        "/courses/Python-Foundations/",  # MariaDB compares slugs without case
    ]
    for spelling in spellings:
        response, _ = get(spelling)
        assert response.status in (200, 404), spelling
    served = [spelling for spelling in spellings if get(spelling)[0].status == 200]
    assert course in served and course + "?" in served

    django_shell(
        stack,
        "from learning.models import CoursePage\n"
        'CoursePage.objects.get(slug="python-foundations").unpublish()',
    )
    try:
        for spelling in spellings:
            response, _ = get(spelling)
            assert (spelling, response.status) == (spelling, 404)
            assert response.getheader("X-Cache-Status") != "HIT"
    finally:
        django_shell(
            stack,
            "from learning.models import CoursePage\n"
            'CoursePage.objects.get(slug="python-foundations").save_revision().publish()',
        )
    assert get(course)[0].status == 200


def test_making_a_course_members_only_purges_it_and_its_lessons(stack):
    course = "/courses/sql-for-data-analysis/"
    lessons = [course + "select-and-filtering/", course + "joins/"]
    for path in (course, *lessons):
        response, _ = twice(path)
        assert (path, response.getheader("X-Cache-Status")) == (path, "HIT")

    # What the admin's privacy dialog does.
    django_shell(
        stack,
        """
        from wagtail.models import Page, PageViewRestriction
        course = Page.objects.get(slug="sql-for-data-analysis")
        PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
        """,
    )
    try:
        for path in (course, *lessons):
            response, html = get(path)
            assert response.status == 302, path  # to log in, not the cached page
            assert response.getheader("Location").startswith("/accounts/login/?next=")
            assert response.getheader("X-Cache-Status") != "HIT"
    finally:
        django_shell(
            stack,
            """
            from wagtail.models import PageViewRestriction
            PageViewRestriction.objects.filter(page__slug="sql-for-data-analysis").delete()
            """,
        )
    assert get(course)[0].status == 200


def test_moving_and_deleting_a_lesson_purge_the_pages_that_showed_it(stack):
    old_url = "/courses/python-foundations/functions/"
    new_url = "/courses/sql-for-data-analysis/functions/"
    other_course = "/courses/sql-for-data-analysis/"
    for path in (old_url, COURSE, other_course):
        get(path)
        assert get(path)[0].getheader("X-Cache-Status") == "HIT"
    django_shell(
        stack,
        """
        from learning.models import CoursePage, LessonPage
        lesson = LessonPage.objects.get(slug="functions")
        lesson.move(CoursePage.objects.get(slug="sql-for-data-analysis"), pos="last-child")
        """,
    )
    moved, _ = get(old_url)  # Wagtail leaves a redirect behind a moved page
    assert (moved.status, moved.getheader("Location")) == (301, new_url)
    assert get(new_url)[0].status == 200
    assert b"/functions/" not in get(COURSE)[1]
    assert new_url.encode() in get(other_course)[1]

    get(new_url)
    assert get(new_url)[0].getheader("X-Cache-Status") == "HIT"
    django_shell(
        stack,
        'from learning.models import LessonPage\nLessonPage.objects.get(slug="functions").delete()',
    )
    assert get(new_url)[0].status == 404
    assert new_url.encode() not in get(other_course)[1]
