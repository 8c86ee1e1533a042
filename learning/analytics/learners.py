"""The learners of a course, for its report and the progress reset."""

from django.db.models import OuterRef
from wagtail.models import Page

from learning.analytics.funnel import count_of
from learning.models.progress import Enrollment, LessonCompletion


def learners(course):
    """The enrolled learners of ``course``, most recently active first, each with ``done``
    (live lessons of the course they completed): a queryset for the report to paginate,
    one query per page (plus the paginator's count)."""
    live = Page.objects.live().child_of(course).values("pk")
    done = LessonCompletion.objects.filter(user_id=OuterRef("user_id"), lesson_id__in=live)
    return (
        Enrollment.objects.filter(course_id=course.pk)
        .select_related("user")
        .annotate(done=count_of(done, "user_id"))
        .order_by("-last_active_at", "-pk")
    )


def completions_in_course(user, course):
    """``user``'s completions of every lesson under ``course``, live or not: what a
    progress reset removes (``actions.reset_progress``)."""
    lessons = Page.objects.descendant_of(course).values("pk")
    return LessonCompletion.objects.filter(user=user, lesson_id__in=lessons)
