"""Enroll and leave a course from its page."""

import pytest
from django.urls import reverse

from learning import actions, progress
from learning.models import Enrollment, LessonCompletion
from learning.tests.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def test_enroll_from_the_course_page_starts_the_first_lesson(make_course, learner_client):
    course, lessons = make_course(lessons=2)
    assert b"Enroll and start</button>" in learner_client.get(course.url).content
    response = learner_client.post(reverse("learning:enroll", args=[course.pk]))
    assert response["Location"] == lessons[0].url
    assert "You are enrolled in" in learner_client.get(lessons[0].url).content.decode()
    html = learner_client.get(course.url).content.decode()
    assert "Start the course" in html and "Leave this course" in html


def test_enrolling_twice_keeps_one_enrollment(make_course, learner_client, learner):
    course, _ = make_course(lessons=1)
    for _ in range(2):
        learner_client.post(reverse("learning:enroll", args=[course.pk]))
    assert Enrollment.objects.filter(user=learner, course=course).count() == 1


def test_leaving_keeps_completed_lessons_for_a_return(make_course, learner_client, learner):
    course, lessons = make_course(lessons=2)
    actions.complete_lesson(learner, lessons[0], course)
    learner_client.post(reverse("learning:unenroll", args=[course.pk]))
    assert not Enrollment.objects.filter(user=learner).exists()
    assert LessonCompletion.objects.filter(user=learner).count() == 1
    dashboard = learner_client.get(reverse("learning:dashboard"))
    assert dashboard.context["dashboard"].in_progress == []
    learner_client.post(reverse("learning:enroll", args=[course.pk]))
    assert progress.course_progress(learner, course).done == 1


def test_anonymous_visitors_are_invited_to_log_in_on_the_course_page(make_course, client):
    course, _ = make_course(lessons=1)
    html = client.get(course.url).content.decode()
    assert "Log in to enroll" in html
    assert f'href="/accounts/login/?next={course.url}"' in html


def course_actions(client, course):
    """The action texts in the course page's side panel, in order."""
    html = client.get(course.url).content.decode()
    panel = html[html.index('class="course-side"') : html.index('class="outline-heading"')]
    return [
        label
        for label in (
            "Log in to enroll",
            "Enroll and start",
            "Enroll again and resume",
            "Start the course",
            "Resume:",
            "Review the lessons",
            "New lesson:",
            "Leave this course",
            "View your certificate",
            "Your certificate was revoked",
        )
        if label in panel
    ]


def test_the_course_page_offers_only_what_fits_the_learners_standing(
    make_course, client, learner, staff_admin
):
    course, lessons = make_course(lessons=2)
    assert course_actions(client, course) == ["Log in to enroll"]
    client.force_login(learner)
    assert course_actions(client, course) == ["Enroll and start"]
    actions.enroll(learner, course)
    assert course_actions(client, course) == ["Start the course", "Leave this course"]
    actions.complete_lesson(learner, lessons[0], course)
    assert course_actions(client, course) == ["Resume:", "Leave this course"]
    actions.complete_lesson(learner, lessons[1], course)
    # Finished: the certificate and a way back into the lessons, not "Resume" to lesson 1.
    assert course_actions(client, course) == ["Review the lessons", "View your certificate"]
    actions.revoke_certificate(learner.certificates.get(), "Plagiarised exercise", by=staff_admin)
    assert course_actions(client, course) == ["Review the lessons", "Your certificate was revoked"]
    assert "Plagiarised exercise" in client.get(course.url).content.decode()


def test_a_lesson_added_after_finishing_is_offered_as_new(make_course, learner_client, learner):
    course, lessons = make_course(lessons=1)
    actions.complete_lesson(learner, lessons[0], course)
    added = LessonPageFactory(parent=course, title="Bonus material")
    assert course_actions(learner_client, course) == ["New lesson:", "View your certificate"]
    assert added.url in learner_client.get(course.url).content.decode()


def test_someone_who_left_with_progress_is_offered_to_come_back(
    make_course, learner_client, learner
):
    course, lessons = make_course(lessons=2)
    actions.complete_lesson(learner, lessons[0], course)
    actions.unenroll(learner, course)
    assert course_actions(learner_client, course) == ["Enroll again and resume"]
    response = learner_client.post(reverse("learning:enroll", args=[course.pk]))
    assert response["Location"] == lessons[1].url


def test_leaving_asks_for_confirmation_first(make_course, learner_client, learner):
    course, _ = make_course(lessons=1)
    actions.enroll(learner, course)
    page = learner_client.get(reverse("learning:unenroll", args=[course.pk]))
    assert page.status_code == 200
    assert f"Leave “{course.title}”?" in page.content.decode()
    assert Enrollment.objects.filter(user=learner).exists()  # asking changed nothing
    response = learner_client.post(reverse("learning:unenroll", args=[course.pk]))
    assert response["Location"] == course.url
    assert not Enrollment.objects.filter(user=learner).exists()
