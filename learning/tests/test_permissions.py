"""Who may do what: progress is one's own, certificates are private except their verification."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from learning import actions
from learning.models import Enrollment, LessonCompletion

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_cannot_complete_a_lesson(make_course, client):
    course, lessons = make_course(lessons=2)
    response = client.post(reverse("learning:complete", args=[lessons[0].pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not LessonCompletion.objects.exists()


def test_anonymous_visitor_cannot_enroll(make_course, client):
    course, _ = make_course(lessons=1)
    response = client.post(reverse("learning:enroll", args=[course.pk]))
    assert response["Location"].startswith("/accounts/login/")
    assert not Enrollment.objects.exists()


def test_a_learner_cannot_complete_for_someone_else(
    make_course, learner_client, learner, other_learner
):
    course, lessons = make_course(lessons=2)
    learner_client.post(
        reverse("learning:complete", args=[lessons[0].pk]),
        {"user": other_learner.pk, "user_id": other_learner.pk},
    )
    assert LessonCompletion.objects.filter(user=learner).count() == 1
    assert not LessonCompletion.objects.filter(user=other_learner).exists()


def test_a_learner_cannot_undo_someone_elses_progress(make_course, learner_client, other_learner):
    course, lessons = make_course(lessons=2)
    actions.complete_lesson(other_learner, lessons[0], course)
    learner_client.post(reverse("learning:undo", args=[lessons[0].pk]), {"user": other_learner.pk})
    assert LessonCompletion.objects.filter(user=other_learner).count() == 1


def test_another_learners_certificate_page_and_pdf_are_not_found(
    make_course, learner, other_learner, client
):
    course, lessons = make_course(lessons=1)
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    client.force_login(other_learner)
    page = client.get(certificate.get_absolute_url())
    pdf = client.get(reverse("learning:certificate_pdf", args=[certificate.code]))
    assert (page.status_code, pdf.status_code) == (404, 404)
    assert b"Ada Lovelace" not in pdf.content
    # ...while the public verification page confirms it to anyone with the link.
    assert client.get(certificate.get_verification_url()).status_code == 200


def test_anonymous_visitor_is_sent_to_log_in_for_a_certificate(make_course, learner, client):
    course, lessons = make_course(lessons=1)
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    response = client.get(reverse("learning:certificate_pdf", args=[certificate.code]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_staff_who_manage_certificates_can_open_them(make_course, learner, staff_admin, client):
    course, lessons = make_course(lessons=1)
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    client.force_login(staff_admin)
    assert client.get(certificate.get_absolute_url()).status_code == 200


def test_learners_cannot_reach_the_certificates_admin(make_course, learner, client):
    course, lessons = make_course(lessons=1)
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    client.force_login(learner)
    response = client.post(
        reverse("certificates:edit", args=[certificate.pk]),
        {"revoked": "on", "revocation_reason": "I can revoke?"},
    )
    assert response.status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_members_only_course_lessons_cannot_be_completed_without_access(
    make_course, learner_client, learner, other_learner
):
    """A course restricted to a group: a learner outside it can neither read nor complete."""
    from django.contrib.auth.models import Group

    course, lessons = make_course(lessons=1)
    insiders = Group.objects.create(name="Insiders")
    restriction = PageViewRestriction.objects.create(page=course, restriction_type="groups")
    restriction.groups.add(insiders)
    response = learner_client.post(reverse("learning:complete", args=[lessons[0].pk]))
    assert response.status_code == 404
    assert not LessonCompletion.objects.exists()
    learner.groups.add(insiders)
    learner_client.post(reverse("learning:complete", args=[lessons[0].pk]))
    assert LessonCompletion.objects.filter(user=learner).count() == 1


def test_a_logged_in_learner_can_enroll_in_a_members_only_course(
    make_course, learner_client, learner
):
    course, _ = make_course(lessons=1)
    PageViewRestriction.objects.create(page=course, restriction_type="login")
    learner_client.post(reverse("learning:enroll", args=[course.pk]))
    assert Enrollment.objects.filter(user=learner, course=course).exists()
