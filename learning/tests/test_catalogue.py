"""The catalogue: live courses, filtered by level and topic, nine to a page."""

import pytest

from learning.tests.factories import CoursePageFactory

pytestmark = pytest.mark.django_db


def listed_titles(response):
    return [course.title for course in response.context["page_obj"]]


def test_catalogue_filters_by_level(client, catalogue):
    CoursePageFactory(parent=catalogue, title="Gentle Start", level="beginner")
    CoursePageFactory(parent=catalogue, title="Deep Internals", level="advanced")
    response = client.get("/courses/", {"level": "advanced"})
    assert response.status_code == 200
    assert listed_titles(response) == ["Deep Internals"]
    html = response.content.decode()
    assert "Gentle Start" not in html
    assert '<option value="advanced" selected>' in html


def test_catalogue_filters_by_tag(client, catalogue):
    CoursePageFactory(parent=catalogue, title="Snakes and Ladders", tags=["python"])
    CoursePageFactory(parent=catalogue, title="Styling the Web", tags=["css"])
    response = client.get("/courses/", {"tag": "python"})
    assert response.status_code == 200
    assert listed_titles(response) == ["Snakes and Ladders"]
    html = response.content.decode()
    assert "Styling the Web" not in html
    assert '<option value="python" selected>python</option>' in html


def test_catalogue_ignores_an_unknown_level(client, catalogue):
    CoursePageFactory(parent=catalogue, title="Gentle Start", level="beginner")
    CoursePageFactory(parent=catalogue, title="Deep Internals", level="advanced")
    response = client.get("/courses/", {"level": "wizard"})
    assert response.status_code == 200
    assert listed_titles(response) == ["Gentle Start", "Deep Internals"]


def test_catalogue_shows_only_live_courses(client, catalogue):
    CoursePageFactory(parent=catalogue, title="Published Course")
    CoursePageFactory(parent=catalogue, title="Draft Course", live=False)
    response = client.get("/courses/")
    assert listed_titles(response) == ["Published Course"]


@pytest.fixture
def ten_courses(catalogue):
    return [CoursePageFactory(parent=catalogue, title=f"Course number {n:02}") for n in range(10)]


def test_catalogue_paginates_nine_courses_a_page(client, ten_courses):
    first = client.get("/courses/")
    assert first.status_code == 200
    assert listed_titles(first) == [course.title for course in ten_courses[:9]]
    html = first.content.decode()
    assert "10 courses" in html
    assert "Page 1 of 2" in html
    assert '<a href="?page=2" rel="next">' in html

    second = client.get("/courses/", {"page": "2"})
    assert second.status_code == 200
    assert listed_titles(second) == ["Course number 09"]
    assert "Page 2 of 2" in second.content.decode()


@pytest.mark.parametrize(("page", "shown"), [("999", 2), ("abc", 1), ("-1", 2), ("", 1)])
def test_catalogue_survives_a_bad_page_number(client, ten_courses, page, shown):
    response = client.get("/courses/", {"page": page})
    assert response.status_code == 200
    assert f"Page {shown} of 2" in response.content.decode()


def test_pagination_links_keep_the_filters(client, catalogue):
    for n in range(10):
        CoursePageFactory(parent=catalogue, title=f"Advanced {n:02}", level="advanced")
    CoursePageFactory(parent=catalogue, title="Beginner course", level="beginner")
    response = client.get("/courses/", {"level": "advanced"})
    html = response.content.decode()
    assert "Page 1 of 2" in html
    assert '<a href="?page=2&amp;level=advanced" rel="next">' in html


# Lesson body: every block type


def test_members_only_courses_are_marked_on_the_catalogue_and_home_page(make_course, client):
    from wagtail.models import PageViewRestriction

    private, _ = make_course(lessons=1, title="Members Course")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_course(lessons=1, title="Open Course")
    for url in ("/courses/", "/"):
        html = client.get(url).content.decode()
        cards = {
            title: card
            for card in html.split('<article class="card">')[1:]
            for title in ("Members Course", "Open Course")
            if f">{title}</a>" in card
        }
        assert "Members only" in cards["Members Course"], url
        assert "Members only" not in cards["Open Course"], url
        assert "log in or sign up to read its lessons" in cards["Members Course"]
