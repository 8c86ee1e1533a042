"""Progress (read side): what a learner has completed and where they stand in a course.

Plain functions that take a user and a page, never a request. Page contexts, views, the
dashboard, management commands and (later) the API all call these; the actions that change
progress are in ``learning.actions``.

Course progress = completed *live* lessons of the course / live lessons of the course.
Unpublished lessons don't count, deleted ones take their completions with them, a lesson
added later counts as not done, and a moved lesson counts in the course it now belongs to.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Exists, OuterRef, Q

from learning.models.progress import Enrollment, LessonCompletion
from learning.outline import OutlineLesson, course_outline, live_lessons, outlines


@dataclass(frozen=True)
class OutlineItem:
    lesson: OutlineLesson
    completed: bool


def _percent(done, total):
    # Rounded down: 199 of 200 lessons is 99 %, never a premature 100 %.
    return done * 100 // total if total else 0


@dataclass(frozen=True)
class CourseProgress:
    """A learner's progress in one course; ``outline`` is in lesson order."""

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

    @property
    def first_lesson(self):
        return self.outline[0].lesson if self.outline else None

    def is_completed(self, lesson):
        return any(item.completed for item in self.outline if item.lesson.pk == lesson.pk)

    def neighbours(self, lesson):
        """(previous, next) lessons around ``lesson`` in the outline; None at either end."""
        pks = [item.lesson.pk for item in self.outline]
        if lesson.pk not in pks:
            return None, None
        position = pks.index(lesson.pk)
        before = self.outline[position - 1].lesson if position > 0 else None
        after = self.outline[position + 1].lesson if position + 1 < len(pks) else None
        return before, after


class Standing(StrEnum):
    """Where a person stands in a course: it decides which actions the course page offers."""

    VISITOR = "visitor"  # not signed in: log in to start
    NOT_ENROLLED = "not_enrolled"  # enroll (and start)
    NOT_STARTED = "not_started"  # enrolled: start the course, or leave it
    IN_PROGRESS = "in_progress"  # resume where they left off, or leave it
    COMPLETED = "completed"  # the certificate, and the lessons to review


def standing(user, progress, enrolled, certificate):
    """The learner's ``Standing`` from what the course page already knows."""
    if not user.is_authenticated:
        return Standing.VISITOR
    if certificate is not None or (progress.total and progress.done == progress.total):
        return Standing.COMPLETED
    if not enrolled:
        return Standing.NOT_ENROLLED
    return Standing.IN_PROGRESS if progress.done else Standing.NOT_STARTED


def course_of(lesson):
    """The course a lesson belongs to: no query when the lesson was reached by URL routing
    (which remembers the parent), one query otherwise."""
    return lesson.get_parent()


def _completed_ids(user, lesson_ids):
    if not user.is_authenticated or not lesson_ids:
        return set()
    return set(
        LessonCompletion.objects.filter(user=user, lesson_id__in=lesson_ids).values_list(
            "lesson_id", flat=True
        )
    )


def course_progress(user, course, outline=None):
    """The learner's progress in ``course`` with its outline: the outline from the cache
    and one query for what the learner completed. Anonymous visitors get the outline with
    nothing completed. A preview passes the draft outline (``outline.draft_outline``)."""
    outline = course_outline(course) if outline is None else outline
    done = _completed_ids(user, [lesson.pk for lesson in outline])
    return CourseProgress([OutlineItem(lesson, lesson.pk in done) for lesson in outline])


def is_course_complete(user, course):
    """True when ``user`` has completed every live lesson of ``course``: one query, straight
    from the database (never the cache), because a certificate depends on it."""
    counts = live_lessons(course).aggregate(
        total=Count("pk"),
        done=Count(
            "pk",
            filter=Q(
                Exists(LessonCompletion.objects.filter(user=user.pk, lesson_id=OuterRef("pk")))
            ),
        ),
    )
    return counts["total"] > 0 and counts["done"] == counts["total"]


def progress_in(user, courses):
    """{course id: CourseProgress} for many courses: one query for the completions plus
    whatever outlines the cache did not have."""
    by_course = outlines(courses)
    done = _completed_ids(user, [lesson.pk for outline in by_course.values() for lesson in outline])
    return {
        pk: CourseProgress([OutlineItem(lesson, lesson.pk in done) for lesson in outline])
        for pk, outline in by_course.items()
    }


def resume_target(user, course):
    """Where "Resume" takes the learner: the first live lesson not done, else the first."""
    progress = course_progress(user, course)
    return progress.next_lesson or progress.first_lesson


def is_enrolled(user, course):
    if not user.is_authenticated:
        return False
    return Enrollment.objects.filter(user=user, course_id=course.pk).exists()
