"""A lesson is available only while its course is live and visible to that visitor:
reading, completing, resuming and certificates follow the one rule (core.visibility)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import PageViewRestriction

from learning import actions
from learning.models import Certificate, LessonCompletion

pytestmark = pytest.mark.django_db


@pytest.fixture
def unpublished_course(make_course, learner):
    """A course unpublished without its lessons (the admin's default), with a learner one
    lesson short of the certificate."""
    course, lessons = make_course(lessons=2)
    actions.complete_lesson(learner, lessons[0], course)
    course.unpublish()  # the lessons stay live in Wagtail's eyes
    for lesson in lessons:
        lesson.refresh_from_db()
        assert lesson.live
    return course, lessons


def test_lessons_of_an_unpublished_course_cannot_be_read(unpublished_course, client, learner):
    _, lessons = unpublished_course
    assert client.get(lessons[1].url).status_code == 404
    client.force_login(learner)
    assert client.get(lessons[1].url).status_code == 404


def test_lessons_of_an_unpublished_course_cannot_be_completed(unpublished_course, learner_client):
    _, lessons = unpublished_course
    response = learner_client.post(reverse("learning:complete", args=[lessons[1].pk]))
    assert response.status_code == 404
    assert not LessonCompletion.objects.filter(lesson=lessons[1]).exists()
    assert not Certificate.objects.exists()


def test_no_certificate_for_an_unpublished_course_even_from_code(unpublished_course, learner):
    course, lessons = unpublished_course
    with pytest.raises(PermissionDenied):
        actions.complete_lesson(learner, lessons[1], course)
    # Completions made another way (an import, say) still issue nothing.
    LessonCompletion.objects.create(user=learner, lesson=lessons[1])
    assert actions.issue_certificate_if_complete(learner, course) == (None, False)
    assert not Certificate.objects.exists()


def test_an_unpublished_course_cannot_be_resumed_or_joined(unpublished_course, learner_client):
    course, _ = unpublished_course
    assert learner_client.get(reverse("learning:resume", args=[course.pk])).status_code == 404
    assert learner_client.post(reverse("learning:enroll", args=[course.pk])).status_code == 404


def test_an_unpublished_catalogue_hides_its_courses_and_lessons(make_course, client):
    course, lessons = make_course(lessons=1)
    course.get_parent().specific.unpublish()
    assert client.get(course.url).status_code == 404
    assert client.get(lessons[0].url).status_code == 404
    assert course.title not in client.get("/").content.decode()


def test_republishing_the_course_makes_its_lessons_available_again(unpublished_course, learner):
    course, lessons = unpublished_course
    course.save_revision().publish()
    certificate, issued = actions.complete_lesson(learner, lessons[1], course)
    assert issued and certificate.is_valid


def test_a_group_only_course_issues_no_certificate_to_outsiders(make_course, learner):
    from django.contrib.auth.models import Group

    course, lessons = make_course(lessons=1)
    restriction = PageViewRestriction.objects.create(page=course, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Staff only"))
    LessonCompletion.objects.create(user=learner, lesson=lessons[0])
    assert actions.issue_certificate_if_complete(learner, course) == (None, False)
