"""``seed_scale`` at small sizes: the counts asked for, a valid course tree, a funnel that
drops off, learners nobody can log in as, and a second run that adds nothing."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page

from community.models import Comment
from home import scale_plan
from learning.models import Certificate, CoursePage, Enrollment, LessonCompletion, LessonPage
from learning.tests.factories import LessonPageFactory

SIZES = {"learners": 200, "courses": 3, "lessons": 4, "completions": 600, "comments": 30}


def seed(**sizes):
    out, err = io.StringIO(), io.StringIO()
    call_command("seed_scale", **{**SIZES, **sizes}, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    return {
        "pages": Page.objects.count(),
        "users": get_user_model().objects.count(),
        "enrollments": Enrollment.objects.count(),
        "completions": LessonCompletion.objects.count(),
        "certificates": Certificate.objects.count(),
        "comments": Comment.objects.count(),
    }


def scale_courses():
    return CoursePage.objects.filter(slug__startswith="scale-course-").order_by("path")


@pytest.fixture
def seeded(catalogue):
    return seed()


def test_seed_scale_makes_what_was_asked(seeded):
    out, err = seeded
    learners = get_user_model().objects.filter(username__startswith="scale-learner-")
    assert learners.count() == 200
    courses = scale_courses()
    assert courses.count() == 3
    for course in courses:
        assert LessonPage.objects.live().child_of(course).count() == 4
    assert LessonCompletion.objects.count() == 600
    assert Enrollment.objects.count() == scale_plan.enrolment_count(200, 3, 4, 600) == 500
    assert Comment.objects.count() == 30
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert set(Comment.objects.values_list("status", flat=True)) >= {"approved"}
    assert "Added 200 learners." in out
    assert "Added 500 enrolments, 600 completions" in out
    # The progress bar, on stderr: every phase reaches its total.
    for line in ("learners", "200/200"), ("completions", "600/600"), ("comments", "30/30"):
        assert any(all(part in row for part in line) for row in err.splitlines()), line


def test_the_course_tree_is_valid_and_the_pages_are_live(seeded):
    assert all(problems == [] for problems in Page.find_problems())
    course = scale_courses().first()
    assert course.live and course.url.endswith("/scale-course-001/")
    lesson = LessonPage.objects.child_of(course).first()
    assert lesson.url.endswith("/scale-course-001/lesson-01/")


# Committed: MariaDB's full-text index sees rows only once their transaction commits.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_pages_are_in_the_search_index_and_later_pages_still_get_there(seeded):
    found = CoursePage.objects.live().search("accessibility")
    assert [course.slug for course in found] == ["scale-course-002"]
    assert LessonPage.objects.live().search("generated lesson").count() == 12
    # Indexing is one by one again after the seeding.
    course = scale_courses().first()
    LessonPageFactory(parent=course, title="Pivot tables explained")
    assert [page.title for page in LessonPage.objects.search("pivot")] == ["Pivot tables explained"]


def test_enrolments_are_skewed_and_each_course_has_a_funnel(seeded):
    per_course = [c.enrollments.count() for c in scale_courses()]
    assert per_course == sorted(per_course, reverse=True) and per_course[0] > per_course[-1]
    busiest = scale_courses().first()
    lessons = list(LessonPage.objects.child_of(busiest).order_by("path"))
    done = [lesson.completions.count() for lesson in lessons]
    assert done == sorted(done, reverse=True) and done[0] > done[-1]
    # Every completion belongs to an enrolment of the same course.
    enrolled = set(Enrollment.objects.filter(course=busiest).values_list("user_id", flat=True))
    assert (
        set(LessonCompletion.objects.filter(lesson__in=lessons).values_list("user_id", flat=True))
        <= enrolled
    )


def test_certificates_go_to_those_who_completed_every_lesson(seeded):
    assert Certificate.objects.exists()
    for certificate in Certificate.objects.select_related("course", "user"):
        lessons = LessonPage.objects.child_of(certificate.course)
        assert (
            LessonCompletion.objects.filter(user=certificate.user, lesson__in=lessons).count() == 4
        )
        assert certificate.learner_name == certificate.user.display_name
        assert certificate.course_title == certificate.course.title
    assert Certificate.objects.filter(revoked_at__isnull=False).exists()


def test_activity_is_spread_over_the_last_60_days(seeded):
    now = timezone.now()
    times = list(Enrollment.objects.values_list("last_active_at", flat=True))
    assert min(times) >= now - timedelta(days=60, minutes=5)
    assert max(times) <= now
    assert max(times) - min(times) > timedelta(days=30)
    # Completions carry their own past times, not the moment of seeding.
    assert LessonCompletion.objects.filter(completed_at__lt=now - timedelta(days=1)).exists()


def test_learners_cannot_log_in(seeded):
    learner = get_user_model().objects.get(username="scale-learner-000001")
    assert not learner.has_usable_password()
    assert authenticate(username="scale-learner-000001", password="") is None
    assert authenticate(username="scale-learner-000001", password=learner.password) is None


def test_a_second_run_adds_nothing_in_a_few_queries(seeded, django_assert_num_queries):
    before = snapshot()
    # The catalogue, its courses, their lessons, the learners, then one look each for
    # progress and comments: the same six at any size.
    with django_assert_num_queries(6):
        out, _ = seed()
    assert snapshot() == before
    assert "Progress is there already" in out
    assert "Comments are there already" in out


def test_missing_learners_and_lessons_are_added(seeded):
    before = snapshot()
    out, _ = seed(learners=210, lessons=5)
    after = snapshot()
    assert after["users"] == before["users"] + 10
    assert after["pages"] == before["pages"] + 3  # a fifth lesson in each course
    assert after["completions"] == before["completions"]  # progress is never added to
    assert all(problems == [] for problems in Page.find_problems())


@pytest.mark.django_db
def test_without_a_catalogue_it_says_to_seed_the_demo_first():
    with pytest.raises(CommandError, match="run `manage.py seed_demo` first"):
        seed()


def test_sizes_that_cannot_fit_are_refused(catalogue):
    with pytest.raises(CommandError, match="do not fit"):
        seed(learners=2, courses=1, lessons=2, completions=5)
    with pytest.raises(CommandError, match="at least 1"):
        seed(learners=0)
    assert not get_user_model().objects.filter(username__startswith="scale-").exists()


@pytest.mark.mysql
def test_seed_scale_on_mariadb(catalogue):
    """The bulk inserts on MariaDB (as the benchmark runs them), at small sizes."""
    seed()
    before = snapshot()
    assert before["completions"] == 600
    assert Enrollment.objects.count() == 500
    assert all(problems == [] for problems in Page.find_problems())
    seed()
    assert snapshot() == before
