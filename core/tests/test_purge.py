"""Which URLs a change purges from the shared cache, checked with a recording backend
(settings.test): the page and every page that shows it, and everything below a page whose
privacy changes."""

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

BASE = "http://localhost"


@pytest.fixture
def course_tree(make_course, django_capture_on_commit_callbacks, purged):
    course, lessons = make_course(lessons=3, title="Purged")
    other, _ = make_course(lessons=1, title="Elsewhere")
    purged.clear()
    return course, lessons, other


def urls(*pages):
    return {BASE + page.url for page in pages}


def test_publishing_a_lesson_purges_it_its_course_and_its_siblings(
    course_tree, purged, django_capture_on_commit_callbacks
):
    course, lessons, _ = course_tree
    with django_capture_on_commit_callbacks(execute=True):
        lessons[1].save_revision().publish()
    assert set(purged) == urls(course, *lessons)


def test_publishing_a_course_purges_the_listings_and_its_lessons(
    course_tree, purged, django_capture_on_commit_callbacks
):
    course, lessons, other = course_tree
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    assert set(purged) == urls(
        course, *lessons, course.get_parent(), course.get_parent().get_parent()
    )
    assert BASE + other.url not in purged


def test_making_a_course_members_only_purges_it_and_everything_below(
    course_tree, purged, django_capture_on_commit_callbacks
):
    course, lessons, other = course_tree
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=course, restriction_type="login")
    assert urls(course, *lessons) <= set(purged)
    assert BASE + other.url not in purged
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()  # public again: the login redirects go too
    assert urls(course, *lessons) <= set(purged)


def test_a_privacy_change_high_up_purges_the_whole_subtree(
    course_tree, purged, django_capture_on_commit_callbacks
):
    course, lessons, other = course_tree
    catalogue = course.get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=catalogue, restriction_type="login")
    assert urls(catalogue, course, *lessons, other) <= set(purged)


def test_moving_a_lesson_purges_both_courses(
    course_tree, purged, django_capture_on_commit_callbacks
):
    course, lessons, other = course_tree
    old_url = BASE + lessons[0].url
    with django_capture_on_commit_callbacks(execute=True):
        lessons[0].move(other, pos="last-child")
    lessons[0].refresh_from_db()
    assert {old_url, BASE + lessons[0].url, BASE + course.url, BASE + other.url} <= set(purged)
    assert urls(*lessons[1:]) <= set(purged)  # their outline lost a lesson


def test_deleting_a_lesson_purges_it_and_its_course(
    course_tree, purged, django_capture_on_commit_callbacks
):
    course, lessons, _ = course_tree
    url = BASE + lessons[2].url
    with django_capture_on_commit_callbacks(execute=True):
        lessons[2].delete()
    assert {url, BASE + course.url} <= set(purged)


def test_our_purges_wait_for_the_commit(course_tree, purged, django_capture_on_commit_callbacks):
    """Purged inside the transaction, a page could be cached again from the old data by a
    request racing the change; so the pages that show it are purged after the commit (and
    the page itself once more: Wagtail's own handler purges it at once)."""
    course, lessons, _ = course_tree
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        lessons[0].save_revision().publish()
    assert set(purged) <= urls(lessons[0])  # Wagtail's own, immediate purge at most
    for callback in callbacks:
        callback()
    assert urls(course, *lessons) <= set(purged)
