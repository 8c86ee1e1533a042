"""Course analytics (``learning.analytics``): every figure checked against numbers worked
out by hand from the data the test sets up, and the query count of each function."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from community.models import Comment
from learning import actions, analytics
from learning.models import Certificate, Enrollment, LessonCompletion

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 3, 18, 12, 0))  # a Wednesday
DAY = timedelta(days=1)


def enrol(course, username, enrolled_days_ago, active_days_ago):
    learner = UserFactory(username=username)
    Enrollment.objects.create(user=learner, course=course)
    # enrolled_at is auto_now_add: dates in the past are set afterwards.
    Enrollment.objects.filter(user=learner, course=course).update(
        enrolled_at=NOW - enrolled_days_ago * DAY, last_active_at=NOW - active_days_ago * DAY
    )
    return learner


def certify(course, learner, issued_at, revoked=False):
    return Certificate.objects.create(
        user=learner,
        course=course,
        learner_name=learner.username,
        course_title=course.title,
        issued_at=issued_at,
        revoked_at=issued_at + DAY if revoked else None,
        revocation_reason="Plagiarism" if revoked else "",
    )


@pytest.fixture
def course(make_course):
    course, _ = make_course(lessons=2)
    return course


def test_figures_worked_out_by_hand(course):
    # enrolled (days ago), last active (days ago)
    ann = enrol(course, "ann", 40, 35)  # active in neither period
    bob = enrol(course, "bob", 20, 20)  # active in the last 30 days only
    cat = enrol(course, "cat", 10, 6)  # both
    dan = enrol(course, "dan", 5, 1)  # both
    enrol(course, "eve", 1, 0)  # both, no certificate
    left = UserFactory(username="left")  # finished, then left the course
    certify(course, ann, NOW - 30 * DAY)  # 10 days after enrolling
    certify(course, bob, NOW - 16.5 * DAY)  # 3.5 days: 3 whole days
    certify(course, cat, NOW - 8 * DAY, revoked=True)  # revoked: not completed
    certify(course, dan, NOW - 4.5 * DAY)  # half a day: 0 whole days
    certify(course, left, NOW - 50 * DAY)  # issued, but not enrolled now

    figures = analytics.figures_for(course, now=NOW)

    assert figures == analytics.CourseFigures(
        enrolled=5,
        active_7_days=3,  # cat, dan, eve
        active_30_days=4,  # bob, cat, dan, eve
        completed=3,  # ann, bob, dan (cat's certificate is revoked, left is not enrolled)
        certificates_issued=5,
        certificates_revoked=1,
        median_days_to_complete=3,  # of 10, 3 and 0
    )
    assert figures.completion_rate == 3 / 5
    assert figures.completion_percent == 60.0


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two(course):
    for name, days in [("a", 0.2), ("b", 3), ("c", 10), ("d", 11.9)]:
        learner = enrol(course, name, 20, 1)
        certify(course, learner, NOW - 20 * DAY + days * DAY)
    # Whole days 0, 3, 10, 11: the middle two are 3 and 10.
    assert analytics.figures_for(course, now=NOW).median_days_to_complete == 6.5


def test_a_learner_who_enrolled_again_after_the_certificate_counts_but_not_in_the_median(
    course,
):
    again = enrol(course, "again", 2, 1)  # enrolled two days ago...
    certify(course, again, NOW - 30 * DAY)  # ...after finishing a month ago
    on_time = enrol(course, "on_time", 9, 1)
    certify(course, on_time, NOW - 2 * DAY)  # 7 days
    figures = analytics.figures_for(course, now=NOW)
    assert (figures.completed, figures.median_days_to_complete) == (2, 7)


def test_a_course_nobody_took(course):
    figures = analytics.figures_for(course, now=NOW)
    assert figures == analytics.CourseFigures()
    assert (figures.completion_rate, figures.completion_percent) == (None, None)
    steps = analytics.funnel(course, figures.enrolled)
    assert [(step.completed, step.share, step.comments) for step in steps] == [(0, None, 0)] * 2
    assert list(analytics.learners(course)) == []


def test_course_figures_for_many_courses_in_three_queries(make_course, django_assert_num_queries):
    courses = [make_course(lessons=1)[0] for _ in range(4)]
    for number, course in enumerate(courses):
        for learner_number in range(number):
            learner = enrol(course, f"c{number}l{learner_number}", 10, 1)
            certify(course, learner, NOW - 5 * DAY)
    with django_assert_num_queries(3):
        figures = analytics.course_figures(courses, now=NOW)
    assert [figures[course.pk].enrolled for course in courses] == [0, 1, 2, 3]
    assert [figures[course.pk].completed for course in courses] == [0, 1, 2, 3]
    assert [figures[course.pk].median_days_to_complete for course in courses] == [None, 5, 5, 5]


# --- The funnel -----------------------------------------------------------------------


def test_the_funnel_counts_each_live_lesson_in_order_with_its_approved_comments(
    make_course, learner, other_learner, django_assert_num_queries
):
    course, lessons = make_course(lessons=4)
    draft = lessons[2]
    third = UserFactory(username="third")
    for person, done in [(learner, lessons), (other_learner, lessons[:2]), (third, [])]:
        actions.enroll(person, course)
        for lesson in done:
            actions.complete_lesson(person, lesson, course)
    draft.unpublish()
    Comment.objects.create(lesson=lessons[0], author=learner, body="Great")
    Comment.objects.create(lesson=lessons[0], author=other_learner, body="Agreed")
    Comment.objects.create(lesson=lessons[0], author=third, body="Spam", status="hidden")
    Comment.objects.create(lesson=lessons[1], author=third, body="Wait", status="pending")
    Comment.objects.create(lesson=lessons[3], author=third, body="Gone", status="deleted")

    with django_assert_num_queries(1):
        steps = analytics.funnel(course, enrolled=3)

    assert [
        (step.position, step.lesson_id, step.completed, step.percent, step.comments)
        for step in steps
    ] == [
        (1, lessons[0].pk, 2, 66.7, 2),  # hidden comments are not counted
        (2, lessons[1].pk, 2, 66.7, 0),  # nor pending ones
        # lessons[2] is unpublished: not in the funnel
        (3, lessons[3].pk, 1, 33.3, 0),  # nor deleted ones
    ]


def test_a_learner_who_left_still_counts_in_the_funnel(make_course, learner, other_learner):
    course, lessons = make_course(lessons=1)
    for person in (learner, other_learner):
        actions.complete_lesson(person, lessons[0], course)
    actions.unenroll(other_learner, course)  # keeps the completion for a later return
    enrolled = analytics.figures_for(course).enrolled
    [step] = analytics.funnel(course, enrolled)
    assert (enrolled, step.completed, step.percent) == (1, 2, 200.0)


# --- Learners and resets ----------------------------------------------------------------


def test_learners_most_recently_active_first_with_live_lessons_done(
    make_course, learner, other_learner, django_assert_num_queries
):
    course, lessons = make_course(lessons=3)
    for lesson in lessons:
        actions.complete_lesson(learner, lesson, course)
    actions.complete_lesson(other_learner, lessons[0], course)
    lessons[1].unpublish()  # learner's completion of it no longer counts as done
    Enrollment.objects.filter(user=learner).update(last_active_at=NOW - DAY)
    Enrollment.objects.filter(user=other_learner).update(last_active_at=NOW)
    with django_assert_num_queries(1):
        rows = [(row.user.username, row.done) for row in analytics.learners(course)]
    assert rows == [("grace", 1), ("learner", 2)]


def test_a_reset_learner_drops_out_of_the_funnel_and_keeps_completed(
    make_course, learner, other_learner, staff_admin
):
    course, lessons = make_course(lessons=2)
    for person in (learner, other_learner):
        for lesson in lessons:
            actions.complete_lesson(person, lesson, course)
    actions.reset_progress(learner, course, by=staff_admin, reason="Asked to start over")

    figures = analytics.figures_for(course)
    steps = analytics.funnel(course, figures.enrolled)
    assert [step.completed for step in steps] == [1, 1]
    # Still enrolled, and the certificate stays valid: still "completed".
    assert (figures.enrolled, figures.completed, figures.certificates_issued) == (2, 2, 2)
    assert {row.user.username: row.done for row in analytics.learners(course)} == {
        "learner": 0,
        "grace": 2,
    }


def test_a_revoked_certificate_is_issued_but_not_completed(
    make_course, learner, other_learner, staff_admin
):
    course, lessons = make_course(lessons=1)
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    actions.complete_lesson(other_learner, lessons[0], course)
    actions.revoke_certificate(certificate, "Plagiarism", by=staff_admin)
    figures = analytics.figures_for(course)
    assert (figures.completed, figures.certificates_issued, figures.certificates_revoked) == (
        1,
        2,
        1,
    )
    assert figures.completion_percent == 50.0


# --- Dashboard panels -----------------------------------------------------------------


def test_this_week_counts_since_monday(make_course, learner, django_assert_num_queries):
    course, lessons = make_course(lessons=2)
    monday = timezone.localtime(NOW).replace(day=16, hour=0, minute=0)
    assert analytics.start_of_week(NOW) == monday
    actions.complete_lesson(learner, lessons[0], course)
    actions.complete_lesson(learner, lessons[1], course)  # issues the certificate
    before, after = monday - timedelta(minutes=1), monday + timedelta(hours=1)
    Enrollment.objects.update(enrolled_at=before)
    LessonCompletion.objects.filter(lesson=lessons[0]).update(completed_at=before)
    LessonCompletion.objects.filter(lesson=lessons[1]).update(completed_at=after)
    Certificate.objects.update(issued_at=after)
    with django_assert_num_queries(3):
        week = analytics.this_week(NOW)
    assert (week.enrolments, week.completions, week.certificates) == (0, 1, 1)


def test_the_educators_courses_with_enrolments_and_completion_rate(
    make_course, educator, learner, other_learner, django_assert_num_queries
):
    owned, lessons = make_course(lessons=1, title="B owned")
    co_written, _ = make_course(lessons=1, title="A co-written")
    not_theirs, _ = make_course(lessons=1, title="C not theirs")
    owned.owner = educator
    owned.save()
    co_written.co_authors.add(educator)
    co_written.save()
    actions.complete_lesson(learner, lessons[0], owned)
    actions.enroll(other_learner, owned)
    actions.enroll(learner, not_theirs)
    with django_assert_num_queries(5):
        rows, total = analytics.educator_course_rows(educator)
    assert total == 2
    assert [(row.course.title, row.enrolled, row.completion_percent) for row in rows] == [
        ("A co-written", 0, None),
        ("B owned", 2, 50.0),
    ]
