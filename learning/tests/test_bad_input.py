"""Bad requests get a clear 4xx with words a person understands, and nothing is stored."""

import pytest
from django.test import Client
from django.urls import reverse

from learning.models import Certificate, Enrollment, LessonCompletion

pytestmark = pytest.mark.django_db

POST_ENDPOINTS = ["learning:complete", "learning:undo", "learning:enroll", "learning:unenroll"]


def nothing_stored():
    return not (
        LessonCompletion.objects.exists()
        or Enrollment.objects.exists()
        or Certificate.objects.exists()
    )


@pytest.mark.parametrize("name", POST_ENDPOINTS)
def test_unknown_ids_are_404(name, learner_client, home):
    response = learner_client.post(reverse(name, args=[987654]))
    assert response.status_code == 404
    assert b"couldn\xe2\x80\x99t find that page" in response.content
    assert nothing_stored()


@pytest.mark.parametrize("name", ["learning:complete", "learning:undo"])
def test_a_course_id_where_a_lesson_id_belongs_is_404(name, make_course, learner_client):
    course, _ = make_course(lessons=1)
    assert learner_client.post(reverse(name, args=[course.pk])).status_code == 404
    assert nothing_stored()


def test_a_lesson_id_where_a_course_id_belongs_is_404(make_course, learner_client):
    _, lessons = make_course(lessons=1)
    response = learner_client.post(reverse("learning:enroll", args=[lessons[0].pk]))
    assert response.status_code == 404
    assert nothing_stored()


def test_an_unpublished_lesson_cannot_be_completed(make_course, learner_client):
    _, lessons = make_course(lessons=2)
    lessons[0].unpublish()
    assert (
        learner_client.post(reverse("learning:complete", args=[lessons[0].pk])).status_code == 404
    )
    assert nothing_stored()


@pytest.mark.parametrize("name", [n for n in POST_ENDPOINTS if n != "learning:unenroll"])
def test_get_on_a_post_endpoint_is_405_with_an_explanation(name, make_course, learner_client):
    course, lessons = make_course(lessons=1)
    target = lessons[0] if name in ("learning:complete", "learning:undo") else course
    response = learner_client.get(reverse(name, args=[target.pk]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert b"only takes a form submission" in response.content
    assert nothing_stored()


@pytest.mark.parametrize("name", POST_ENDPOINTS)
def test_missing_csrf_token_is_403_and_stores_nothing(name, make_course, learner):
    course, lessons = make_course(lessons=1)
    target = lessons[0] if name in ("learning:complete", "learning:undo") else course
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = client.post(reverse(name, args=[target.pk]))
    assert response.status_code == 403
    assert b"This form has expired" in response.content
    assert nothing_stored()


def test_non_numeric_ids_are_404_not_500(learner_client, home):
    assert learner_client.post("/learning/lessons/abc/complete/").status_code == 404


def test_an_unknown_certificate_is_404(learner_client, home):
    response = learner_client.get(reverse("learning:certificate", args=["nope"]))
    assert response.status_code == 404
