"""Enroll and leave a course from its page."""

import pytest
from django.urls import reverse

from learning import progress
from learning.models import Enrollment, LessonCompletion

pytestmark = pytest.mark.django_db


def test_enroll_from_the_course_page(make_course, learner_client, learner):
    course, _ = make_course(lessons=2)
    assert b"Enroll</button>" in learner_client.get(course.url).content
    response = learner_client.post(reverse("learning:enroll", args=[course.pk]))
    assert response["Location"] == course.url
    html = learner_client.get(course.url).content.decode()
    assert "Leave this course" in html
    assert "You are enrolled in" in html


def test_enrolling_twice_keeps_one_enrollment(make_course, learner_client, learner):
    course, _ = make_course(lessons=1)
    for _ in range(2):
        learner_client.post(reverse("learning:enroll", args=[course.pk]))
    assert Enrollment.objects.filter(user=learner, course=course).count() == 1


def test_leaving_keeps_completed_lessons_for_a_return(make_course, learner_client, learner):
    course, lessons = make_course(lessons=2)
    progress.complete_lesson(learner, lessons[0], course)
    learner_client.post(reverse("learning:unenroll", args=[course.pk]))
    assert not Enrollment.objects.filter(user=learner).exists()
    assert LessonCompletion.objects.filter(user=learner).count() == 1
    dashboard = learner_client.get(reverse("learning:dashboard"))
    assert dashboard.context["in_progress"] == []
    learner_client.post(reverse("learning:enroll", args=[course.pk]))
    assert progress.course_progress(learner, course).done == 1


def test_anonymous_visitors_are_invited_to_log_in_on_the_course_page(make_course, client):
    course, _ = make_course(lessons=1)
    html = client.get(course.url).content.decode()
    assert "Log in to enroll" in html
    assert f'href="/accounts/login/?next={course.url}"' in html
