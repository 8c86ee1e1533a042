"""The read API's content endpoints, /api/v2/courses/ and /api/v2/lessons/ (docs/API.md).

Everyone gets the same public content: anonymous visitors, learners, educators and staff
alike never see a members-only, unpublished or draft page, nor a lesson below one.
"""

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from core.cache_policy import is_declared_shared
from learning.tests.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "learner", "other_learner", "educator", "staff_admin"]


def courses_url(pk=None):
    return reverse("api_v2:courses:detail", args=[pk]) if pk else reverse("api_v2:courses:listing")


def lessons_url(pk=None):
    return reverse("api_v2:lessons:detail", args=[pk]) if pk else reverse("api_v2:lessons:listing")


@pytest.fixture
def client_as(request):
    """client_as(role) -> a Client signed in as that role's user (or anonymous)."""

    def make(role):
        client = Client()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return make


@pytest.fixture
def tree(make_course, educator):
    """One public course among every way a page can be hidden; the educator belongs to
    the group that may see one of them."""
    public, public_lessons = make_course(lessons=3, title="Public course")
    members_only_lesson = LessonPageFactory(parent=public, title="Members-only lesson")
    PageViewRestriction.objects.create(
        page=members_only_lesson, restriction_type=PageViewRestriction.LOGIN
    )
    draft_lesson = LessonPageFactory(parent=public, title="Draft lesson", live=False)

    members, members_lessons = make_course(lessons=2, title="Members course")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)

    team, team_lessons = make_course(lessons=1, title="Course team's course")
    restriction = PageViewRestriction.objects.create(
        page=team, restriction_type=PageViewRestriction.GROUPS
    )
    course_team = Group.objects.create(name="Course team")
    restriction.groups.add(course_team)
    educator.groups.add(course_team)

    unpublished, unpublished_lessons = make_course(lessons=2, title="Unpublished course")
    unpublished.unpublish()  # its lessons stay live, as Wagtail leaves them

    draft, _ = make_course(lessons=0, title="Draft course", live=False)

    hidden_courses = [members, team, unpublished, draft]
    hidden_lessons = [
        members_only_lesson,
        draft_lesson,
        *members_lessons,
        *team_lessons,
        *unpublished_lessons,
    ]
    return public, public_lessons, hidden_courses, hidden_lessons


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


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


# Errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("/api/v2/courses/abc/", "No public course has the id abc."),
        ("/api/v2/lessons/0/", "No public lesson has the id 0."),
        ("/api/v2/courses/99999999999999999999999/", None),
        ("/api/v2/pages/", "There is no API endpoint at /api/v2/pages/."),
        ("/api/", "There is no API endpoint at /api/."),
        ("/api/v2/courses/1/extra/", "There is no API endpoint at /api/v2/courses/1/extra/."),
    ],
)
def test_unknown_addresses_answer_json_404(client, home, address, message):
    response = client.get(address)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    if message:
        assert response.json()["message"].startswith(message)


def test_an_address_without_its_slash_is_redirected_like_every_other(client, home):
    response = client.get("/api/v2/courses")
    assert response.status_code == 301
    assert response["Location"] == "/api/v2/courses/"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"owner": "1"}, "query parameter is not an operation or a recognised field: owner"),
        ({"type": "learning.LessonPage"}, "query parameter is not an operation or a recognised"),
        ({"limit": "many"}, "limit must be a positive integer"),
        ({"limit": "500"}, "limit cannot be higher than 20"),
        ({"offset": "-1"}, "offset must be a positive integer"),
        ({"order": "body"}, "cannot order by 'body' (unknown field)"),
        ({"fields": "title,,"}, "fields error: unexpected char ','"),
        ({"fields": "secret"}, "unknown fields: secret"),
        ({"child_of": "x"}, "child_of must be a positive integer"),
        ({"id": "x"}, "field filter error. 'x' is not a valid value for id"),
        ({"estimated_hours": "many"}, "field filter error: “many” value must be a decimal"),
        ({"intro": "x"}, "query parameter is not an operation or a recognised field: intro"),
        ({"rich_text_format": "pdf"}, "rich_text_format"),
    ],
)
def test_bad_query_parameters_answer_400_with_the_reason(client, tree, query, message):
    response = client.get(courses_url(), query)
    assert response.status_code == 400
    assert response.json()["message"].startswith(message), response.json()


def test_a_detail_address_refuses_listing_parameters(client, tree):
    response = client.get(courses_url(tree[0].pk), {"limit": "5"})
    assert response.status_code == 400
    assert response.json() == {
        "message": "query parameter is not recognised on a detail address: limit"
    }


@pytest.mark.parametrize("role", ["anonymous", "learner"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_only_reads(role, method, client_as, tree):
    client = client_as(role)
    client.handler.enforce_csrf_checks = True  # as a browser would be checked
    for address in [courses_url(), courses_url(tree[0].pk), lessons_url()]:
        response = getattr(client, method)(address)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert response.json() == {
            "message": f'Method "{method.upper()}" not allowed: the API only reads '
            "(use GET or HEAD)."
        }


def test_any_accept_header_or_format_gets_json(client, tree):
    for response in [
        client.get(courses_url(), HTTP_ACCEPT="text/html"),
        client.get(courses_url(), {"format": "api"}),
    ]:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"


# Caching ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_no_content_answer_is_declared_shareable(role, client_as, tree):
    public, public_lessons, hidden_courses, _ = tree
    client = client_as(role)
    for address in [
        courses_url(),
        courses_url(public.pk),
        lessons_url(),
        lessons_url(public_lessons[0].pk),
        courses_url(hidden_courses[0].pk),
        "/api/v2/nothing/",
    ]:
        response = client.get(address)
        assert not is_declared_shared(response), address
        assert "public" not in response.get("Cache-Control", ""), address
        if role != "anonymous":
            assert "private" in response["Cache-Control"], address


def test_content_answers_are_checked_again_before_reuse(client, tree):
    assert client.get(courses_url())["Cache-Control"] == "no-cache"


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
