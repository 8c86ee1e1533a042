"""Site search finds live, public lessons and courses."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def test_search_finds_lessons_by_title(make_course, client):
    course, lessons = make_course(lessons=2)
    lessons[0].title = "Window functions explained"
    lessons[0].save_revision().publish()
    response = client.get(reverse("search"), {"query": "window functions"})
    assert response.status_code == 200
    assert b"Window functions explained" in response.content


def test_search_leaves_out_unpublished_and_private_pages(make_course, client):
    course, lessons = make_course(lessons=2, title="Secret course")
    lessons[0].title = "Draft about recursion"
    lessons[0].save_revision().publish()
    lessons[0].unpublish()
    PageViewRestriction.objects.create(page=course, restriction_type="login")
    html = client.get(reverse("search"), {"query": "recursion"}).content
    assert b"Draft about recursion" not in html
    assert b"Secret course" not in client.get(reverse("search"), {"query": "secret"}).content


def test_an_empty_query_shows_the_form_without_results(client, home):
    response = client.get(reverse("search"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 0


def test_lessons_of_an_unpublished_course_are_not_found(make_course, client):
    course, lessons = make_course(lessons=1)
    lessons[0].title = "Orphaned recursion lesson"
    lessons[0].save_revision().publish()
    course.unpublish()  # its lesson stays live in Wagtail's eyes
    html = client.get(reverse("search"), {"query": "recursion"}).content
    assert b"Orphaned recursion lesson" not in html


def test_a_long_query_is_shortened_and_says_so(make_course, client):
    course, lessons = make_course(lessons=1)
    lessons[0].title = "Window functions explained"
    lessons[0].save_revision().publish()
    words = "window functions " + " ".join(f"extra{n}" for n in range(60))
    response = client.get(reverse("search"), {"query": words})
    assert response.status_code == 200
    assert "Your search was long, so only “window functions extra0" in response.content.decode()
    assert len(response.context["query"].split()) == 12


# Whatever arrives in the query string: results or a clear message, never a 500. Run on
# MariaDB too (test_search_mariadb.py), whose full-text engine is the fragile one.
QUERY_CORPUS = [
    " ".join(f"word{n}" for n in range(34)),  # over MariaDB's ~33-term limit
    " ".join(["python"] * 500),
    "x" * 5000,
    '"unbalanced quote',
    "+must -not >more <less (group) ~tilde *star @distance",
    "'; DROP TABLE wagtailcore_page; --",
    "%_\\",
    "\x00\x01 nul and controls \x7f",
    "emoji 🐍🎓 and 漢字 and العربية",
    "\u202e reversed",
    "a",
    "   ",
]


@pytest.mark.parametrize("query", QUERY_CORPUS)
def test_any_query_string_gets_an_answer(make_course, client, query):
    make_course(lessons=2)
    response = client.get(reverse("search"), {"query": query, "page": "99"})
    assert response.status_code == 200
