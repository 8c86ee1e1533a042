"""Resetting a learner's progress in a course: what goes, what stays, the audit entry, the
confirmation step, bad input, and (on MariaDB) resets racing each other and completions.
"""

import re
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry

from accounts.tests.factories import UserFactory
from learning import actions, analytics
from learning.models import Certificate, Enrollment, LessonCompletion

pytestmark = pytest.mark.django_db

SITE_HISTORY = "/admin/reports/site-history/"


@pytest.fixture
def finished(make_course, learner):
    """``learner`` finished a three-lesson course (certificate issued), then the third
    lesson was unpublished; they also did a lesson of another course."""
    course, lessons = make_course(lessons=3, title="Python Basics")
    for lesson in lessons:
        actions.complete_lesson(learner, lesson, course)
    lessons[2].unpublish()
    other, other_lessons = make_course(lessons=1, title="Other course")
    actions.complete_lesson(learner, other_lessons[0], other)
    return course


def reset_url(course, user):
    return reverse("learning_reports:reset", args=[course.pk, user.pk])


def rows(client, url):
    """A listing's rows as text, one string per row."""
    html = client.get(url).content.decode()
    found = re.findall(r"<tr[^>]*>(.*?)</tr>", html, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in found]


# --- The rule (learning.actions.reset_progress) -------------------------------------------


def test_reset_removes_every_completion_of_the_course_and_nothing_else(
    finished, learner, staff_admin
):
    enrolled_before = Enrollment.objects.get(user=learner, course=finished)
    removed = actions.reset_progress(learner, finished, by=staff_admin, reason="Start over")
    assert removed == 3  # the unpublished lesson's completion goes too
    assert not analytics.completions_in_course(learner, finished).exists()
    assert LessonCompletion.objects.filter(user=learner).count() == 1  # the other course's
    # Still enrolled, with the same dates; the certificate stays valid.
    enrolled_after = Enrollment.objects.get(user=learner, course=finished)
    assert (enrolled_after.enrolled_at, enrolled_after.last_active_at) == (
        enrolled_before.enrolled_at,
        enrolled_before.last_active_at,
    )
    assert Certificate.objects.get(user=learner, course=finished).is_valid


def test_reset_is_audited_on_the_course_with_the_reason(finished, learner, staff_admin):
    actions.reset_progress(learner, finished, by=staff_admin, reason="  Asked to start over ")
    entry = PageLogEntry.objects.get(action="learning.reset_progress")
    assert (entry.page_id, entry.user) == (finished.pk, staff_admin)
    assert entry.message == (
        "Progress reset for Ada Lovelace (learner): Asked to start over "
        "(3 lesson completions removed; certificates kept)"
    )
    assert entry.data["learner_id"] == learner.pk


def test_reset_needs_a_reason_and_an_enrolled_learner(
    finished, learner, other_learner, staff_admin
):
    with pytest.raises(ValidationError, match="Give a reason"):
        actions.reset_progress(learner, finished, by=staff_admin, reason=" ")
    with pytest.raises(actions.NotEnrolled, match="Grace Hopper is not enrolled"):
        actions.reset_progress(other_learner, finished, by=staff_admin, reason="Why not")
    assert analytics.completions_in_course(learner, finished).count() == 3
    assert not PageLogEntry.objects.filter(action="learning.reset_progress").exists()


def test_a_reset_learner_starts_over_and_the_certificate_is_not_issued_twice(
    finished, learner, staff_admin
):
    actions.reset_progress(learner, finished, by=staff_admin, reason="Start over")
    lessons = analytics.funnel(finished, 1)
    results = [
        actions.complete_lesson(learner, finished.get_children().get(pk=step.lesson_id), finished)
        for step in lessons
    ]
    assert [issued_now for _, issued_now in results] == [False, False]
    assert Certificate.objects.filter(user=learner, course=finished).count() == 1


# --- The confirmation page and the POST ---------------------------------------------------


def test_the_confirmation_says_what_goes_and_what_stays(client, finished, learner, staff_admin):
    client.force_login(staff_admin)
    response = client.get(reset_url(finished, learner))
    html = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "Ada Lovelace" in html and "Python Basics" in html
    assert "3 lesson completions will be removed" in html
    assert "Their certificate stays valid" in html
    assert 'name="csrfmiddlewaretoken"' in html and 'name="reason"' in html
    assert analytics.completions_in_course(learner, finished).count() == 3  # GET changes nothing


def test_resetting_in_the_admin_returns_to_the_report_with_a_message_and_a_history_entry(
    client, finished, learner, staff_admin
):
    client.force_login(staff_admin)
    response = client.post(
        reset_url(finished, learner), {"reason": "Asked to start over"}, follow=True
    )
    report = reverse("learning_reports:course", args=[finished.pk])
    assert response.redirect_chain == [(report, 302)]
    html = response.content.decode()
    assert "Progress reset for Ada Lovelace: 3 lesson completions removed." in html
    assert not analytics.completions_in_course(learner, finished).exists()
    message = (
        "Progress reset for Ada Lovelace (learner): Asked to start over "
        "(3 lesson completions removed; certificates kept)"
    )
    history = rows(client, reverse("wagtailadmin_pages:history", args=[finished.pk]))
    assert any(message in row and "admin" in row for row in history)
    assert any(message in row and "Python Basics" in row for row in rows(client, SITE_HISTORY))


def test_the_owning_educator_resets_and_sees_it_in_the_site_history(
    client, finished, learner, educator
):
    finished.owner = educator
    finished.save()
    client.force_login(educator)
    response = client.post(reset_url(finished, learner), {"reason": "Asked to start over"})
    assert response.status_code == 302
    entry = PageLogEntry.objects.get(action="learning.reset_progress")
    assert entry.user == educator


@pytest.mark.parametrize(
    "data, status, message",
    [
        ({}, 400, "Give a reason for resetting the learner&#x27;s progress."),
        ({"reason": "   "}, 400, "Give a reason for resetting the learner&#x27;s progress."),
        ({"reason": "x" * 501}, 400, "at most 500 characters"),
    ],
)
def test_a_reset_without_a_usable_reason_is_refused(
    client, finished, learner, staff_admin, data, status, message
):
    client.force_login(staff_admin)
    response = client.post(reset_url(finished, learner), data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert analytics.completions_in_course(learner, finished).count() == 3


def test_unknown_and_unenrolled_learners_and_courses_are_clear_404s(
    client, finished, learner, other_learner, staff_admin
):
    client.force_login(staff_admin)
    nobody = reverse("learning_reports:reset", args=[finished.pk, 999_999])
    no_course = reverse("learning_reports:reset", args=[999_999, learner.pk])
    answers = {
        nobody: "There is no such learner.",
        reset_url(finished, other_learner): "Grace Hopper is not enrolled in “Python Basics”",
        no_course: "There is no such course.",
    }
    for url, message in answers.items():
        for response in (client.get(url), client.post(url, {"reason": "Start over"})):
            assert response.status_code == 404, url
            assert message in response.content.decode(), url
    assert not PageLogEntry.objects.filter(action="learning.reset_progress").exists()


def test_other_methods_are_refused(client, finished, learner, staff_admin):
    client.force_login(staff_admin)
    for method in (client.put, client.delete, client.patch):
        assert method(reset_url(finished, learner)).status_code == 405
    assert analytics.completions_in_course(learner, finished).count() == 3


def test_a_post_without_the_csrf_token_is_refused(finished, learner, staff_admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_admin)
    response = client.post(reset_url(finished, learner), {"reason": "Start over"})
    assert response.status_code == 403
    assert analytics.completions_in_course(learner, finished).count() == 3


def test_a_learner_who_left_while_the_page_was_open_gets_a_409(
    client, finished, learner, staff_admin, monkeypatch
):
    """The page checks the enrollment when it loads; the action checks it again under the
    lock. Between the two the learner leaves."""
    client.force_login(staff_admin)
    original = actions.reset_progress

    def leave_first(user, course, **kwargs):
        actions.unenroll(user, course)
        return original(user, course, **kwargs)

    monkeypatch.setattr(actions, "reset_progress", leave_first)
    response = client.post(reset_url(finished, learner), {"reason": "Start over"})
    assert response.status_code == 409
    assert "Ada Lovelace is not enrolled in “Python Basics”" in response.content.decode()
    assert analytics.completions_in_course(learner, finished).count() == 3


# --- Races on MariaDB -----------------------------------------------------------------

ROUNDS = 6


def run_at_once(calls):
    """Each call in its own thread and database connection, released together."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def worker(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    return results


@pytest.mark.mysql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_resets_at_once_remove_each_completion_once(make_course, staff_admin):
    course, lessons = make_course(lessons=3)
    for round_ in range(ROUNDS):
        learner = UserFactory(username=f"twice{round_}")
        for lesson in lessons:
            actions.complete_lesson(learner, lesson, course)
        removed = run_at_once(
            [
                lambda learner=learner: actions.reset_progress(
                    learner, course, by=staff_admin, reason="Start over"
                )
            ]
            * 2
        )
        assert sorted(removed) == [0, 3]
        entries = PageLogEntry.objects.filter(
            action="learning.reset_progress", data__learner_id=learner.pk
        )
        assert sorted(entry.data["removed"] for entry in entries) == [0, 3]
        assert not analytics.completions_in_course(learner, course).exists()


@pytest.mark.mysql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reset_and_a_last_completion_at_once_end_as_one_then_the_other(make_course, staff_admin):
    """Either the completion comes first (it issues the certificate, the reset removes all
    three) or the reset does (two removed, then one lesson done, no certificate): never a
    certificate next to a single completion."""
    course, lessons = make_course(lessons=3)
    for round_ in range(ROUNDS):
        learner = UserFactory(username=f"racer{round_}")
        for lesson in lessons[:2]:
            actions.complete_lesson(learner, lesson, course)
        removed, _ = run_at_once(
            [
                lambda learner=learner: actions.reset_progress(
                    learner, course, by=staff_admin, reason="Start over"
                ),
                lambda learner=learner: actions.complete_lesson(learner, lessons[2], course),
            ]
        )
        done = set(
            analytics.completions_in_course(learner, course).values_list("lesson_id", flat=True)
        )
        certified = Certificate.objects.filter(user=learner, course=course).exists()
        assert (removed, done, certified) in [(3, set(), True), (2, {lessons[2].pk}, False)]
