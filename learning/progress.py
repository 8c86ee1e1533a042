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
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Page

from learning.models import CoursePage, Enrollment, LessonCompletion, LessonPage


@dataclass(frozen=True)
class OutlineItem:
    lesson: LessonPage
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
        # Rounded down: 199 of 200 lessons is 99 %, never a premature 100 %.
        return self.done * 100 // self.total if self.total else 0

    @property
    def is_complete(self):
        return self.total > 0 and self.done == self.total

    @property
    def next_lesson(self):
        """The first lesson not yet done (where "Resume" goes), or None when all are done."""
        return next((item.lesson for item in self.outline if not item.completed), None)

    def lesson_after(self, lesson):
        ids = [item.lesson.pk for item in self.outline]
        position = ids.index(lesson.pk) if lesson.pk in ids else -1
        if 0 <= position < len(ids) - 1:
            return self.outline[position + 1].lesson
        return None

    def lesson_before(self, lesson):
        ids = [item.lesson.pk for item in self.outline]
        position = ids.index(lesson.pk) if lesson.pk in ids else -1
        return self.outline[position - 1].lesson if position > 0 else None


@dataclass(frozen=True)
class CourseSummary:
    """Counts for one course on the dashboard."""

    total: int
    done: int

    @property
    def percent(self):
        return self.done * 100 // self.total if self.total else 0


def live_lessons(course_path):
    """Live lessons directly under the course with this tree path, in course order."""
    return LessonPage.objects.live().filter(
        path__startswith=course_path, depth=len(course_path) // Page.steplen + 1
    )


def _completed_by(user):
    return Exists(LessonCompletion.objects.filter(user=user.pk, lesson=OuterRef("pk")))


def course_of(lesson):
    """The course a lesson belongs to: no query when the lesson was reached by URL routing
    (which remembers the parent), one query otherwise."""
    parent = getattr(lesson, "_cached_parent_obj", None)
    if isinstance(parent, CoursePage):
        return parent
    return CoursePage.objects.get(path=lesson.path[: -Page.steplen])


def course_progress(user, course):
    """The learner's progress in ``course``, with its outline, in one query.

    Anonymous visitors get the outline with nothing completed.
    """
    lessons = live_lessons(course.path).defer_streamfields().order_by("path")
    if user.is_authenticated:
        lessons = lessons.annotate(completed=_completed_by(user))
        return CourseProgress([OutlineItem(lesson, lesson.completed) for lesson in lessons])
    return CourseProgress([OutlineItem(lesson, False) for lesson in lessons])


def summaries(user, courses):
    """{course id: CourseSummary} for many courses in one query, however many there are."""
    by_path = {course.path: course.pk for course in courses}
    if not by_path:
        return {}
    steplen = Page.steplen
    query = Q()
    for path in by_path:
        query |= Q(path__startswith=path, depth=len(path) // steplen + 1)
    rows = (
        LessonPage.objects.live()
        .filter(query)
        .annotate(completed=_completed_by(user))
        .annotate(course_path=Substr("path", 1, Length("path") - steplen))
        .values("course_path")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(completed=True)))
        .order_by()
    )
    result = {pk: CourseSummary(0, 0) for pk in by_path.values()}
    for row in rows:
        result[by_path[row["course_path"]]] = CourseSummary(row["total"], row["done"])
    return result


def next_lesson(lesson):
    """The live lesson after ``lesson`` in its course, or None at the end."""
    return (
        live_lessons(lesson.path[: -Page.steplen])
        .filter(path__gt=lesson.path)
        .order_by("path")
        .first()
    )


def first_incomplete_lesson(user, course):
    """Where "Resume" takes the learner: the first live lesson not done, else the first."""
    lessons = live_lessons(course.path).order_by("path")
    todo = lessons.exclude(completions__user=user) if user.is_authenticated else lessons
    return todo.first() or lessons.first()


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
        unique_fields=["user", "course"] if features.supports_update_conflicts_with_target else None,
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
