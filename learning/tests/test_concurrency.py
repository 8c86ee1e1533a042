"""Races between replicas, run against a real MariaDB/MySQL server (marker ``mysql``).

Several threads, each with its own database connection as separate gunicorn replicas
would have, complete lessons for the same learner at the same moment.
"""

import threading

import pytest
from django.db import connection

from accounts.tests.factories import UserFactory
from learning import actions, progress
from learning.models import Certificate, Enrollment, LessonCompletion

# Real transactions (threads see each other's commits); serialized_rollback restores the
# rows that migrations create (root page, locale, groups) after each test's flush.
pytestmark = [
    pytest.mark.mysql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROUNDS = 8


def run_at_once(calls):
    """Run each call in its own thread, released together by a barrier; return results."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def worker(call):
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    return results


def test_completing_the_last_two_lessons_at_once_issues_exactly_one_certificate(make_course):
    course, lessons = make_course(lessons=3)
    for round_ in range(ROUNDS):
        learner = UserFactory(username=f"racer{round_}")
        actions.complete_lesson(learner, lessons[0], course)
        results = run_at_once(
            [
                lambda lesson=lesson, learner=learner: actions.complete_lesson(
                    learner, lesson, course
                )
                for lesson in lessons[1:]
            ]
        )
        assert Certificate.objects.filter(user=learner, course=course).count() == 1
        assert [issued for _, issued in results].count(True) == 1
        assert progress.is_course_complete(learner, course)


def test_first_clicks_on_every_lesson_at_once_store_one_enrollment_and_one_certificate(
    make_course,
):
    course, lessons = make_course(lessons=4)
    for round_ in range(ROUNDS):
        learner = UserFactory(username=f"sprinter{round_}")
        run_at_once(
            [
                lambda lesson=lesson, learner=learner: actions.complete_lesson(
                    learner, lesson, course
                )
                for lesson in lessons
            ]
        )
        assert Enrollment.objects.filter(user=learner, course=course).count() == 1
        assert LessonCompletion.objects.filter(user=learner).count() == 4
        assert Certificate.objects.filter(user=learner, course=course).count() == 1


def test_double_submitting_the_same_lesson_stores_it_once(make_course):
    course, lessons = make_course(lessons=1)
    learner = UserFactory(username="doubleclick")
    results = run_at_once(
        [lambda: actions.complete_lesson(learner, lessons[0], course) for _ in range(4)]
    )
    assert LessonCompletion.objects.filter(user=learner, lesson=lessons[0]).count() == 1
    assert Certificate.objects.filter(user=learner).count() == 1
    assert [issued for _, issued in results].count(True) == 1


def test_the_unique_constraints_hold_on_the_server(make_course):
    from django.db import IntegrityError, transaction

    course, lessons = make_course(lessons=1)
    learner = UserFactory(username="constraint")
    LessonCompletion.objects.create(user=learner, lesson=lessons[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonCompletion.objects.create(user=learner, lesson=lessons[0])
    Enrollment.objects.create(user=learner, course=course)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrollment.objects.create(user=learner, course=course)
