"""The read API's content endpoints, /api/v2/courses/ and /api/v2/lessons/ (docs/API.md).

Everyone gets the same public content: anonymous visitors, learners, educators and staff
alike never see a members-only, unpublished or draft page, nor a lesson below one.
"""

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.models import PageViewRestriction

from learning.tests.api_pages import ROLES, courses_url, lessons_url, titles
from learning.tests.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


# The permission matrix ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_everyone_gets_the_public_courses_and_lessons_only(role, client_as, tree):
    public, public_lessons, hidden_courses, hidden_lessons = tree
    client = client_as(role)
    assert titles(client.get(courses_url())) == ["Public course"]
    assert titles(client.get(lessons_url())) == [lesson.title for lesson in public_lessons]
    course = client.get(courses_url(public.pk)).json()
    assert [lesson["title"] for lesson in course["lessons"]] == [
        lesson.title for lesson in public_lessons
    ]
    assert client.get(lessons_url(public_lessons[0].pk)).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_nobody_can_fetch_a_hidden_course_or_lesson(role, client_as, tree):
    _, _, hidden_courses, hidden_lessons = tree
    client = client_as(role)
    for course in hidden_courses:
        response = client.get(courses_url(course.pk))
        assert response.status_code == 404
        assert response.json() == {"message": f"No public course has the id {course.pk}."}
    for lesson in hidden_lessons:
        response = client.get(lessons_url(lesson.pk))
        assert response.status_code == 404
        assert response.json() == {"message": f"No public lesson has the id {lesson.pk}."}


@pytest.mark.parametrize("role", ["anonymous", "staff_admin"])
def test_filters_never_reach_a_hidden_page(role, client_as, tree):
    public, _, hidden_courses, hidden_lessons = tree
    client = client_as(role)
    members = hidden_courses[0]
    assert titles(client.get(lessons_url(), {"child_of": public.pk}))[-1] != "Draft lesson"
    response = client.get(lessons_url(), {"child_of": members.pk})
    assert response.status_code == 400
    assert response.json() == {"message": "parent page doesn't exist"}
    found = client.get(reverse("api_v2:courses:find"), {"html_path": members.url})
    assert found.status_code == 404


def search_finds_only_public_pages(client):
    assert titles(client.get(courses_url(), {"search": "course"})) == ["Public course"]
    # Ordered by relevance.
    assert sorted(titles(client.get(lessons_url(), {"search": "lesson"}))) == sorted(
        titles(client.get(lessons_url()))
    )


@pytest.mark.parametrize("role", ["anonymous", "staff_admin"])
def test_search_finds_only_public_pages(role, client_as, tree):
    search_finds_only_public_pages(client_as(role))


@pytest.mark.mysql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_search_finds_only_public_pages_on_mariadb(client_as, tree):
    """InnoDB's full-text index sees committed rows only: this test commits."""
    search_finds_only_public_pages(client_as("staff_admin"))


def test_find_by_address_redirects_to_the_course(client, tree):
    public = tree[0]
    response = client.get(reverse("api_v2:courses:find"), {"html_path": public.url})
    assert response.status_code == 302
    assert response["Location"].startswith(f"http://localhost{courses_url(public.pk)}")


def test_a_draft_of_a_live_course_stays_out_of_the_api(client, tree):
    public = tree[0]
    public.title = "Renamed in a draft"
    public.save_revision()
    assert client.get(courses_url(public.pk)).json()["title"] == "Public course"


def test_a_course_published_as_members_only_disappears_at_once(client, tree):
    public, public_lessons, _, _ = tree
    assert client.get(lessons_url(public_lessons[0].pk)).status_code == 200
    PageViewRestriction.objects.create(page=public, restriction_type=PageViewRestriction.LOGIN)
    assert titles(client.get(courses_url())) == []
    assert titles(client.get(lessons_url())) == []
    assert client.get(lessons_url(public_lessons[0].pk)).status_code == 404


# The fields ---------------------------------------------------------------------------------


def test_a_course_with_every_field(client, make_course):
    cover = wagtail_factories.ImageFactory(title="Cover")
    course, lessons = make_course(
        lessons=2,
        title="Python basics",
        summary="Start programming.",
        level="intermediate",
        estimated_hours="2.5",
        cover_image=cover,
        tags=["python", "basics"],
    )
    course.learning_objectives = [("objective", "Write a loop")]
    course.intro = [("paragraph", "<p>Welcome.</p>")]
    course.save()
    data = client.get(courses_url(course.pk)).json()
    assert data["meta"]["html_url"] == "http://localhost/courses/python-basics/"
    assert data["meta"]["detail_url"] == f"http://localhost{courses_url(course.pk)}"
    assert data["summary"] == "Start programming."
    assert data["level"] == "intermediate"
    assert data["estimated_hours"] == "2.5"
    assert data["tags"] == ["basics", "python"]
    assert data["learning_objectives"][0]["value"] == "Write a loop"
    assert data["intro"][0]["value"] == "<p>Welcome.</p>"
    assert ".fill-960x400." in data["cover_image"]["url"]
    assert data["cover_image"]["alt"] == "Cover"
    assert data["lessons"] == [
        {
            "id": lesson.pk,
            "title": lesson.title,
            "html_url": f"http://localhost{lesson.url}",
            "detail_url": f"http://localhost{lessons_url(lesson.pk)}",
            "position": position,
            "estimated_minutes": 10,
        }
        for position, lesson in enumerate(lessons, 1)
    ]
    assert "parent" not in data["meta"]


def test_a_lesson_says_its_course_and_place_and_shows_images_and_documents(client, make_course):
    course, lessons = make_course(lessons=3, title="Data")
    lesson = lessons[1]
    document = wagtail_factories.DocumentFactory(title="Worksheet")
    lesson.body = [
        ("paragraph", f'<p>See <a linktype="page" id="{lessons[0].pk}">the start</a>.</p>'),
        ("image", {"image": wagtail_factories.ImageFactory(), "caption": "A chart"}),
        ("document", {"document": document, "title": ""}),
    ]
    lesson.save()
    data = client.get(lessons_url(lesson.pk)).json()
    assert data["course"] == {
        "id": course.pk,
        "title": "Data",
        "html_url": "http://localhost/courses/data/",
        "detail_url": f"http://localhost{courses_url(course.pk)}",
    }
    assert data["position"] == 2
    assert data["estimated_minutes"] == 10
    paragraph, image, download = data["body"]
    assert 'linktype="page"' in paragraph["value"]
    assert image["value"]["caption"] == "A chart"
    assert ".width-960." in image["value"]["image"]["url"]
    assert download["value"]["document"] == {
        "id": document.pk,
        "title": "Worksheet",
        "url": f"http://localhost{document.url}",
    }
    expanded = client.get(lessons_url(lesson.pk), {"rich_text_format": "html"}).json()
    assert f'href="{lessons[0].url}"' in expanded["body"][0]["value"]


def test_lesson_order_is_the_order_educators_give(client, make_course):
    course, lessons = make_course(lessons=3)
    last = lessons[2]
    last.move(lessons[0], pos="left")  # the admin's "move up" to first place
    expected = [last.pk, lessons[0].pk, lessons[1].pk]
    assert [lesson["id"] for lesson in client.get(courses_url(course.pk)).json()["lessons"]] == (
        expected
    )
    listed = client.get(lessons_url(), {"child_of": course.pk}).json()["items"]
    assert [(item["id"], item["position"]) for item in listed] == [
        (pk, position) for position, pk in enumerate(expected, 1)
    ]


def test_positions_count_only_the_lessons_the_api_shows(client, tree):
    public, public_lessons, _, _ = tree
    # The members-only and draft lessons come after these three; one more public one after.
    extra = LessonPageFactory(parent=public, title="Bonus")
    data = client.get(lessons_url(extra.pk)).json()
    assert data["position"] == 4
    assert [lesson["position"] for lesson in client.get(courses_url(public.pk)).json()["lessons"]]


def test_listing_filters_ordering_and_paging(client, make_course):
    make_course(lessons=0, title="B course", level="advanced", tags=["sql"])
    make_course(lessons=0, title="A course", level="beginner", tags=["python"])
    assert titles(client.get(courses_url())) == ["B course", "A course"]  # catalogue order
    assert titles(client.get(courses_url(), {"order": "title"})) == ["A course", "B course"]
    assert titles(client.get(courses_url(), {"level": "advanced"})) == ["B course"]
    assert titles(client.get(courses_url(), {"tags": "python"})) == ["A course"]
    page = client.get(courses_url(), {"limit": 1, "offset": 1}).json()
    assert page["meta"]["total_count"] == 2
    assert [item["title"] for item in page["items"]] == ["A course"]
    picked = client.get(courses_url(), {"fields": "_,title,lessons"}).json()["items"][0]
    assert set(picked) == {"title", "lessons"}


# Query counts -----------------------------------------------------------------------------------

# Every answer: the hidden subtrees and the view restrictions (2), and the Site, for the
# absolute addresses (1). Lessons' places come from the cached outlines.
TREE_AND_SITE = 3
# The count and the page of results (2).
COURSE_LISTING_QUERIES = TREE_AND_SITE + 2
# The course (1), its tags (1).
COURSE_DETAIL_QUERIES = TREE_AND_SITE + 2
# The count and the page of results (2), the lessons' courses (1).
LESSON_LISTING_QUERIES = TREE_AND_SITE + 3
# The lesson (1), its course (1).
LESSON_DETAIL_QUERIES = TREE_AND_SITE + 2


@pytest.mark.parametrize("size", [2, 8])
def test_content_queries_do_not_grow_with_the_catalogue(
    size, make_course, client, django_assert_num_queries
):
    courses = [make_course(lessons=size)[0] for _ in range(size)]
    course = courses[-1]
    lesson = course.get_children().last()
    client.get(courses_url(course.pk))  # the site's root paths are cached from here on
    with django_assert_num_queries(COURSE_LISTING_QUERIES):
        assert len(client.get(courses_url()).json()["items"]) == size
    # The outlines the cache lacks: one query for them all.
    with django_assert_num_queries(COURSE_LISTING_QUERIES + 1):
        items = client.get(courses_url(), {"fields": "lessons"}).json()["items"]
        assert [len(item["lessons"]) for item in items] == [size] * size
    with django_assert_num_queries(COURSE_DETAIL_QUERIES):
        assert len(client.get(courses_url(course.pk)).json()["lessons"]) == size
    with django_assert_num_queries(LESSON_LISTING_QUERIES):
        assert client.get(lessons_url()).json()["meta"]["total_count"] == size * size
    with django_assert_num_queries(LESSON_DETAIL_QUERIES):
        assert client.get(lessons_url(lesson.pk)).json()["position"] == size
