"""Progress rules: what a learner has completed and how far through a course they are.

Plain functions that take a user and a page, never a request. Views, page contexts,
management commands and (later) the API all call these.

Course progress = completed *live* lessons of the course / live lessons of the course.
Unpublished lessons don't count, deleted ones take their completions with them, a lesson
added later counts as not done, and a moved lesson counts in the course it now belongs to.
"""

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from wagtail.models import Page

from learning.models import CoursePage, Enrollment, LessonCompletion
from learning.outline import OutlineLesson, course_outline, live_lessons, outlines


@dataclass(frozen=True)
class OutlineItem:
    lesson: OutlineLesson
    completed: bool


@dataclass(frozen=True)
class CourseProgress:
    """A learner's standing in one course; ``outline`` is in lesson order."""

    outline: list

    @property
    def total(self):
        return len(self.outline)

    @property
    def done(self):
        return sum(item.completed for item in self.outline)

    @property
    def percent(self):
        return _percent(self.done, self.total)

    @property
    def next_lesson(self):
        """The first lesson not yet done (where "Resume" goes), or None when all are done."""
        return next((item.lesson for item in self.outline if not item.completed), None)

    def neighbours(self, lesson):
        """(previous, next) lessons around ``lesson`` in the outline; None at either end."""
        pks = [item.lesson.pk for item in self.outline]
        if lesson.pk not in pks:
            return None, None
        position = pks.index(lesson.pk)
        before = self.outline[position - 1].lesson if position > 0 else None
        after = self.outline[position + 1].lesson if position + 1 < len(pks) else None
        return before, after


@dataclass(frozen=True)
class CourseSummary:
    """Counts for one course on the dashboard."""

    total: int
    done: int

    @property
    def percent(self):
        return _percent(self.done, self.total)


def _percent(done, total):
    # Rounded down: 199 of 200 lessons is 99 %, never a premature 100 %.
    return done * 100 // total if total else 0


def course_of(lesson):
    """The course a lesson belongs to: no query when the lesson was reached by URL routing
    (which remembers the parent), one query otherwise."""
    parent = getattr(lesson, "_cached_parent_obj", None)
    if isinstance(parent, CoursePage):
        return parent
    return CoursePage.objects.get(path=lesson.path[: -Page.steplen])


def _completed_ids(user, lesson_ids):
    if not user.is_authenticated or not lesson_ids:
        return set()
    return set(
        LessonCompletion.objects.filter(user=user, lesson_id__in=lesson_ids).values_list(
            "lesson_id", flat=True
        )
    )


def course_progress(user, course):
    """The learner's progress in ``course`` with its outline: the outline from the cache
    and one query for what the learner completed. Anonymous visitors get the outline with
    nothing completed."""
    outline = course_outline(course)
    done = _completed_ids(user, [lesson.pk for lesson in outline])
    return CourseProgress([OutlineItem(lesson, lesson.pk in done) for lesson in outline])


def is_course_complete(user, course):
    """True when ``user`` has completed every live lesson of ``course``: one query, straight
    from the database (never the cache), because a certificate depends on it."""
    counts = live_lessons(course).aggregate(
        total=Count("pk"),
        done=Count(
            "pk",
            filter=Q(Exists(LessonCompletion.objects.filter(user=user.pk, lesson=OuterRef("pk")))),
        ),
    )
    return counts["total"] > 0 and counts["done"] == counts["total"]


def summaries(user, courses):
    """{course id: CourseSummary} for many courses, in one query for the completions plus
    whatever outlines the cache did not have."""
    by_course = outlines(courses)
    done = _completed_ids(user, [lesson.pk for outline in by_course.values() for lesson in outline])
    return {
        pk: CourseSummary(len(outline), sum(lesson.pk in done for lesson in outline))
        for pk, outline in by_course.items()
    }


def first_incomplete_lesson(user, course):
    """Where "Resume" takes the learner: the first live lesson not done, else the first."""
    progress = course_progress(user, course)
    return progress.next_lesson or (progress.outline[0].lesson if progress.outline else None)


def is_enrolled(user, course):
    return user.is_authenticated and Enrollment.objects.filter(user=user, course=course).exists()


def enroll(user, course):
    """Enroll ``user`` in ``course``; enrolling twice is harmless. Returns the Enrollment."""
    enrollment, _ = Enrollment.objects.get_or_create(user=user, course=course)
    return enrollment


def unenroll(user, course):
    """Leave a course. Completed lessons and certificates are kept for a later return."""
    Enrollment.objects.filter(user=user, course=course).delete()


def _lock_enrollment(user, course):
    """Enroll if needed, mark the enrollment active and hold its row lock until the
    transaction ends, in one statement (an upsert).

    Every completion for one learner in one course goes through this lock, so two requests
    completing the last two lessons at once are serialised: the second one sees the first
    one's completion and issues the certificate (READ COMMITTED, Django's default on
    MySQL/MariaDB and PostgreSQL). An upsert takes the row's exclusive lock at once; a
    SELECT ... FOR UPDATE after a failed INSERT would first take a shared lock, and two
    first-time requests upgrading shared locks deadlock each other on MariaDB.
    """
    features = connection.features
    Enrollment.objects.bulk_create(
        [Enrollment(user=user, course=course, last_active_at=timezone.now())],
        update_conflicts=True,
        update_fields=["last_active_at"],
        # MySQL/MariaDB's ON DUPLICATE KEY UPDATE takes no conflict target; others need one.
        unique_fields=["user", "course"]
        if features.supports_update_conflicts_with_target
        else None,
    )


def complete_lesson(user, lesson, course=None):
    """Mark ``lesson`` done for ``user`` (idempotent) and issue the certificate at 100 %.

    Returns ``(certificate, issued_now)``: the learner's certificate for the course, if any,
    and whether this very completion issued it.
    """
    from learning.certificates import issue_certificate_if_complete

    course = course or course_of(lesson)
    with transaction.atomic():
        _lock_enrollment(user, course)
        # One INSERT that the unique constraint turns into a no-op when it is already done.
        LessonCompletion.objects.bulk_create(
            [LessonCompletion(user=user, lesson=lesson)], ignore_conflicts=True
        )
        return issue_certificate_if_complete(user, course)


def undo_completion(user, lesson, course=None):
    """Mark ``lesson`` as not done. An issued certificate stays issued."""
    course = course or course_of(lesson)
    with transaction.atomic():
        # Same lock as complete_lesson, without enrolling anyone.
        Enrollment.objects.select_for_update().filter(user=user, course=course).first()
        LessonCompletion.objects.filter(user=user, lesson=lesson).delete()
