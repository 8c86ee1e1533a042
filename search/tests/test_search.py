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
