"""The learners of a course, for its report and the progress reset."""

from django.db.models import OuterRef
from wagtail.models import Page

from learning.analytics.lesson_funnel import count_of
from learning.models.progress import Enrollment, LessonCompletion

# Most recently active first; the id breaks ties, so pages never overlap. Both come from
# the (course, last_active_at) index, which holds the id too.
ORDER = ("-last_active_at", "-pk")


def learner_ids(course):
    """The ids of the enrollments in ``course``, in the report's order: what the report
    paginates. Only the index is read, however deep the page (OFFSET 39,500 skips index
    entries, not joined rows)."""
    return (
        Enrollment.objects.filter(course_id=course.pk).order_by(*ORDER).values_list("pk", flat=True)
    )


def learners(course, ids=None):
    """The enrolled learners of ``course`` (those among the enrollment ``ids`` if given),
    most recently active first, each with its user and ``done`` (the live lessons of the
    course they completed): one query.

    The report asks for one page's ``ids`` first (``learner_ids``), then for these rows:
    the user and the count are then looked up for 50 rows, not for every row an OFFSET
    skips on the way to the last page."""
    live = Page.objects.live().child_of(course).values("pk")
    done = LessonCompletion.objects.filter(user_id=OuterRef("user_id"), lesson_id__in=live)
    rows = Enrollment.objects.filter(course_id=course.pk)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.select_related("user").annotate(done=count_of(done, "user_id")).order_by(*ORDER)


def completions_in_course(user, course):
    """``user``'s completions of every lesson under ``course``, live or not: what a
    progress reset removes (``actions.reset_progress``)."""
    lessons = Page.objects.descendant_of(course).values("pk")
    return LessonCompletion.objects.filter(user=user, lesson_id__in=lessons)
