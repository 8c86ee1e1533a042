"""Certificates: issued once at 100 %, a snapshot, verifiable in public, revocable by staff."""

import re

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from learning import actions
from learning.models import Certificate
from learning.tests.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def finish(user, course, lessons):
    return [actions.complete_lesson(user, lesson, course) for lesson in lessons]


def test_certificate_is_issued_when_the_last_lesson_is_completed(make_course, learner):
    course, lessons = make_course(lessons=3)
    results = finish(learner, course, lessons)
    assert results[:2] == [(None, False), (None, False)]
    certificate, issued_now = results[2]
    assert issued_now is True
    assert certificate.learner_name == "Ada Lovelace"
    assert certificate.course_title == course.title
    assert Certificate.objects.count() == 1


def test_certificate_is_issued_exactly_once(make_course, learner):
    course, lessons = make_course(lessons=2)
    finish(learner, course, lessons)
    actions.undo_completion(learner, lessons[1], course)
    certificate, issued_now = actions.complete_lesson(learner, lessons[1], course)
    again, issued_again = actions.issue_certificate_if_complete(learner, course)
    assert (issued_now, issued_again) == (False, False)
    assert certificate == again
    assert Certificate.objects.filter(user=learner, course=course).count() == 1


def test_an_empty_course_issues_no_certificate(make_course, learner):
    course, _ = make_course(lessons=0)
    assert actions.issue_certificate_if_complete(learner, course) == (None, False)


def test_certificate_code_is_long_random_and_url_safe(make_course, learner, other_learner):
    course, lessons = make_course(lessons=1)
    first, _ = actions.complete_lesson(learner, lessons[0], course)
    second, _ = actions.complete_lesson(other_learner, lessons[0], course)
    for code in (first.code, second.code):
        assert len(code) >= 22  # 16 random bytes = 128 bits, base64url without padding
        assert set(code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert first.code != second.code


def test_certificate_keeps_what_was_true_when_it_was_issued(make_course, learner, client):
    course, lessons = make_course(lessons=1, title="Python Basics")
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    course.title = "Python Basics, second edition"
    course.save_revision().publish()
    learner.display_name = "Ada King"
    learner.save()
    LessonPageFactory(parent=course)  # the course grows after the learner finished it
    certificate.refresh_from_db()
    assert (certificate.learner_name, certificate.course_title) == ("Ada Lovelace", "Python Basics")
    assert certificate.is_valid
    # The public verification page says what the certificate said on the day.
    html = client.get(certificate.get_verification_url()).content.decode()
    assert "Ada Lovelace" in html and "Python Basics<" in html
    assert "Ada King" not in html and "second edition" not in html


def test_the_learner_sees_the_certificate_page_and_downloads_the_pdf(
    make_course, learner_client, learner
):
    course, lessons = make_course(lessons=1, title="Data Basics")
    response = learner_client.post(reverse("learning:complete", args=[lessons[0].pk]))
    certificate = Certificate.objects.get(user=learner)
    assert response["Location"] == certificate.get_absolute_url()
    page = learner_client.get(certificate.get_absolute_url())
    assert page.status_code == 200
    assert b"Ada Lovelace" in page.content and b"Data Basics" in page.content
    pdf = learner_client.get(reverse("learning:certificate_pdf", args=[certificate.code]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert certificate.code.encode() in pdf.content  # drawn uncompressed, so readable here


def test_verification_page_is_public_and_says_valid(make_course, learner, client):
    course, lessons = make_course(lessons=1, title="Data Basics")
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    response = client.get(certificate.get_verification_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Valid." in html and "Ada Lovelace" in html and "Data Basics" in html


def test_verification_of_an_unknown_code_is_a_clear_404(client, db):
    response = client.get(reverse("learning:verify_certificate", args=["not-a-real-code"]))
    assert response.status_code == 404
    assert b"No certificate has the code" in response.content


def test_revoked_certificate_shows_revoked_with_the_reason(
    make_course, learner, staff_admin, client
):
    course, lessons = make_course(lessons=1)
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    actions.revoke_certificate(certificate, "Plagiarised final project", by=staff_admin)
    html = client.get(certificate.get_verification_url()).content.decode()
    assert "Revoked" in html and "Plagiarised final project" in html
    assert "Valid." not in html


def test_a_revoked_certificate_looks_revoked_to_its_learner_everywhere(
    make_course, learner, staff_admin, learner_client
):
    course, lessons = make_course(lessons=1)
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    actions.revoke_certificate(certificate, "Plagiarised final project", by=staff_admin)
    pages = {
        "course page": course.url,
        "dashboard": reverse("learning:dashboard"),
        "certificate page": certificate.get_absolute_url(),
    }
    for where, url in pages.items():
        html = learner_client.get(url).content.decode()
        assert "revoked" in html.lower() and "Plagiarised final project" in html, where
    assert "You completed this course" not in learner_client.get(course.url).content.decode()


def test_revoking_needs_a_reason(make_course, learner, staff_admin):
    course, lessons = make_course(lessons=1)
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    with pytest.raises(Exception, match="reason"):
        actions.revoke_certificate(certificate, "  ", by=staff_admin)
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_staff_revoke_and_reinstate_in_the_wagtail_admin(make_course, learner, staff_admin, client):
    course, lessons = make_course(lessons=1)
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    client.force_login(staff_admin)
    edit_url = reverse("certificates:edit", args=[certificate.pk])
    assert client.get(reverse("certificates:index")).status_code == 200

    response = client.post(edit_url, {"revoked": "on", "revocation_reason": ""})
    assert response.status_code == 200  # the form is shown again with the error
    assert b"Give a reason for revoking" in response.content
    certificate.refresh_from_db()
    assert certificate.is_valid

    client.post(edit_url, {"revoked": "on", "revocation_reason": "Issued by mistake"})
    certificate.refresh_from_db()
    assert not certificate.is_valid
    assert certificate.revocation_reason == "Issued by mistake"
    assert certificate.revoked_by == staff_admin

    client.post(edit_url, {"revocation_reason": ""})
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_certificates_cannot_be_created_or_deleted_in_the_admin(
    make_course, learner, staff_admin, client
):
    course, lessons = make_course(lessons=1)
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    client.force_login(staff_admin)
    assert client.get(reverse("certificates:add")).status_code in (302, 403)
    client.post(reverse("certificates:delete", args=[certificate.pk]))
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_a_deleted_course_leaves_its_certificates_verifiable(make_course, learner, client):
    course, lessons = make_course(lessons=1, title="Retired course")
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    course.delete()
    html = client.get(certificate.get_verification_url()).content.decode()
    assert "Valid." in html and "Retired course" in html


# --- The admin's certificates register: badge and history ---------------------------------


def admin_rows(client, url):
    """A listing's rows as text, one string per row."""
    html = client.get(url).content.decode()
    found = re.findall(r"<tr[^>]*>(.*?)</tr>", html, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in found]


def test_the_listing_shows_a_valid_or_revoked_badge(
    make_course, learner, other_learner, staff_admin, client
):
    course, lessons = make_course(lessons=1, title="Data Basics")
    valid, _ = actions.complete_lesson(learner, lessons[0], course)
    revoked, _ = actions.complete_lesson(other_learner, lessons[0], course)
    actions.revoke_certificate(revoked, "Plagiarism", by=staff_admin)
    client.force_login(staff_admin)
    html = client.get(reverse("certificates:index")).content.decode()
    assert "True" not in html and "False" not in html
    badges = re.findall(r'<span class="w-status([^"]*)"[^>]*>\s*(Valid|Revoked)\s*</span>', html)
    assert sorted(badges) == [("", "Revoked"), (" w-status--primary", "Valid")]
    rows = admin_rows(client, reverse("certificates:index"))
    assert any("Ada Lovelace" in row and "Valid" in row for row in rows)
    assert any("Grace Hopper" in row and "Revoked" in row for row in rows)


def test_revoking_and_reinstating_are_their_own_history_entries(
    make_course, learner, staff_admin, client
):
    course, lessons = make_course(lessons=1)
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    client.force_login(staff_admin)
    edit_url = reverse("certificates:edit", args=[certificate.pk])
    history_url = reverse("certificates:history", args=[certificate.pk])

    client.post(edit_url, {"revoked": "on", "revocation_reason": "Plagiarised project"})
    client.post(edit_url, {"revoked": "on", "revocation_reason": "Plagiarised final project"})
    client.post(edit_url, {"revocation_reason": "", "reinstatement_reason": "Appeal upheld"})
    client.post(edit_url, {"revocation_reason": ""})  # valid already: nothing to record

    entries = ModelLogEntry.objects.filter(object_id=str(certificate.pk)).order_by("pk")
    assert [(entry.action, entry.user) for entry in entries] == [
        ("learning.certificate.revoke", staff_admin),
        ("learning.certificate.revoke", staff_admin),
        ("learning.certificate.reinstate", staff_admin),
    ]
    history = admin_rows(client, history_url)
    assert any("Revoked: Plagiarised project" in row for row in history)
    assert any(
        "Revoked: Plagiarised final project (reason changed; it was: Plagiarised project)" in row
        for row in history
    )
    assert any(
        "Reinstated: Appeal upheld (it had been revoked: Plagiarised final project)" in row
        for row in history
    )
    assert not any("Edited" in row for row in history)


def test_revoking_from_code_is_audited_too(make_course, learner, staff_admin):
    course, lessons = make_course(lessons=1)
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    actions.revoke_certificate(certificate, "Issued by mistake", by=staff_admin)
    actions.revoke_certificate(certificate, "Issued by mistake", by=staff_admin)  # no change
    actions.reinstate_certificate(certificate, by=staff_admin)
    messages = [
        entry.message
        for entry in ModelLogEntry.objects.filter(object_id=str(certificate.pk)).order_by("pk")
    ]
    assert messages == [
        "Revoked: Issued by mistake",
        "Reinstated (it had been revoked: Issued by mistake)",
    ]
