"""SQL query budgets: exact counts that do not grow with the size of a course or dashboard.

A signed-in lesson view, once someone has read the lesson (2): the user (1) and the
learner's progress (1). Everything else comes from the cache: the route, the Site and
the view restrictions (core.route_cache), the page as everyone sees it (core.shared_render),
the outline, and the discussion with who has a stake in it (community/tests/
test_discussion_queries.py). The session comes from the cache too (``cached_db``).

The first view of a lesson fills those caches (16): the Site (1), the home page as its
specific type (1), one per URL segment below it: catalogue, course, lesson (3), Wagtail's
page-privacy check (2), the site's root paths for page URLs (1, once for all pages), the
user (1), the progress (1), who has a stake in the discussion (1) and who is muted (1, once
for all lessons), the discussion's counts with none yet (2), the reader's mute and flags
(2).
"""

import pytest
from django.urls import reverse

from learning import actions
from learning.models import LessonCompletion

pytestmark = pytest.mark.django_db

LESSON_PAGE_QUERIES = 2
FIRST_LESSON_VIEW_QUERIES = 16
# user, lesson, course, enrollment lock, insert, progress: 6; plus the SAVEPOINT and
# RELEASE that transaction.atomic() issues inside the test's own transaction (in production
# it is BEGIN/COMMIT, which are not statements Django counts). The first completion of a
# lesson by anyone also checks that the lesson and all above it are live (1) and its
# privacy (2), then kept in the cache (core.visibility).
COMPLETE_POST_QUERIES = 6 + 2
FIRST_COMPLETE_POST_QUERIES = COMPLETE_POST_QUERIES + 3
# user, enrollments with their courses, progress of all of them, certificates
DASHBOARD_QUERIES = 4


@pytest.mark.parametrize("size", [5, 200])
def test_lesson_page_queries_do_not_grow_with_the_course(
    size, make_course, learner_client, learner, django_assert_num_queries
):
    course, lessons = make_course(lessons=size)
    actions.complete_lesson(learner, lessons[0], course)
    lesson = lessons[size // 2]
    with django_assert_num_queries(FIRST_LESSON_VIEW_QUERIES):
        learner_client.get(lesson.url)
    with django_assert_num_queries(LESSON_PAGE_QUERIES):
        response = learner_client.get(lesson.url)
    assert response.status_code == 200
    assert f"1 of {size} lessons done" in response.content.decode()


@pytest.mark.parametrize("size", [5, 200])
def test_mark_complete_queries_do_not_grow_with_the_course(
    size, make_course, learner_client, learner, django_assert_num_queries
):
    course, lessons = make_course(lessons=size)
    actions.enroll(learner, course)
    learner_client.get(lessons[0].url)
    complete = reverse("learning:complete", args=[lessons[1].pk])
    with django_assert_num_queries(FIRST_COMPLETE_POST_QUERIES):
        response = learner_client.post(complete)
    assert response.status_code == 302
    assert LessonCompletion.objects.filter(user=learner, lesson=lessons[1]).exists()
    with django_assert_num_queries(COMPLETE_POST_QUERIES):
        assert learner_client.post(complete).status_code == 302


@pytest.mark.parametrize("courses", [1, 8])
def test_dashboard_queries_do_not_grow_with_enrolled_courses(
    courses, make_course, learner_client, learner, django_assert_num_queries
):
    for _ in range(courses):
        course, lessons = make_course(lessons=4)
        actions.complete_lesson(learner, lessons[0], course)
    learner_client.get(reverse("learning:dashboard"))
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = learner_client.get(reverse("learning:dashboard"))
    rows = response.context["dashboard"].in_progress
    assert len(rows) == courses
    assert all(row.summary.percent == 25 for row in rows)


def test_cached_lesson_body_saves_the_image_and_document_queries(
    make_course, learner_client, django_assert_num_queries
):
    """A lesson with an image and a document costs more to render; from the cache it costs
    the same as a text-only one."""
    import wagtail_factories

    course, lessons = make_course(lessons=2)
    lesson = lessons[0]
    lesson.body = [
        ("image", {"image": wagtail_factories.ImageFactory(), "caption": "A diagram"}),
        ("document", {"document": wagtail_factories.DocumentFactory(), "title": "Worksheet"}),
    ]
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    learner_client.get(lessons[1].url)  # warm the site root paths and the outline
    # First view: without the root paths and mutes (cached by the other lesson's view), with
    # the image, two rendition look-ups, creating the rendition (savepoint, insert, release)
    # and the document.
    with django_assert_num_queries(FIRST_LESSON_VIEW_QUERIES - 2 + 7):
        learner_client.get(lesson.url)
    with django_assert_num_queries(LESSON_PAGE_QUERIES):
        response = learner_client.get(lesson.url)
    assert b"A diagram" in response.content and b"Worksheet" in response.content


def test_a_published_edit_shows_at_once_despite_the_caches(
    make_course, learner_client, django_capture_on_commit_callbacks
):
    course, lessons = make_course(lessons=1)
    lesson = lessons[0]
    lesson.save_revision().publish()
    assert b"teaches one idea" in learner_client.get(lesson.url).content
    lesson.refresh_from_db()
    lesson.body = [("paragraph", "<p>Rewritten after review.</p>")]
    with django_capture_on_commit_callbacks(execute=True):  # as when the publish commits
        lesson.save_revision().publish()
    assert b"Rewritten after review." in learner_client.get(lesson.url).content


# A visitor's first view of a lesson: no user, and the outline comes from the cache (7);
# an empty discussion's counts (2). Once someone has read it, none.
FIRST_ANONYMOUS_LESSON_QUERIES = 7 + 2


def test_anonymous_lesson_page_costs_no_query_once_read(
    make_course, client, django_assert_num_queries
):
    course, lessons = make_course(lessons=200)
    client.get(lessons[0].url)  # fills the outline cache and the site root paths
    with django_assert_num_queries(FIRST_ANONYMOUS_LESSON_QUERIES):
        client.get(lessons[1].url)
    with django_assert_num_queries(0):
        response = client.get(lessons[1].url)
    assert "Log in</a> to mark lessons complete" in response.content.decode()
    assert response.content.decode().count('class="outline-item') == 200
