"""The lesson funnel: how far learners got in a course, lesson by lesson."""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import Page

from learning.models.progress import LessonCompletion


@dataclass(frozen=True)
class FunnelStep:
    """One live lesson of the course and how far learners got."""

    position: int  # 1 for the first lesson
    lesson_id: int
    title: str
    completed: int  # learners who completed it
    enrolled: int
    comments: int | None  # approved comments, None when the community app is absent

    @property
    def share(self):
        """completed / enrolled, from 0 to 1 (None with nobody enrolled)."""
        return self.completed / self.enrolled if self.enrolled else None

    @property
    def percent(self):
        share = self.share
        return None if share is None else round(share * 100, 1)


def count_of(queryset, group_by):
    """A correlated COUNT(*) subquery (0 when there is nothing to count)."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _approved_comments():
    """Readers' comments on the lesson in the outer query, or None without the community
    app. The model is looked up in the app registry rather than imported: ``community``
    builds on ``learning`` (its comments point at lessons), so an import here would make
    the two apps import each other."""
    try:
        comment = apps.get_model("community", "Comment")
    except LookupError:
        return None
    return count_of(
        comment.objects.filter(lesson_id=OuterRef("pk"), status=comment.Status.APPROVED),
        "lesson_id",
    )


def funnel(course, enrolled):
    """The live lessons of ``course`` in order, each with how many learners completed it
    (and their share of ``enrolled``) and its comments: one query."""
    completions = LessonCompletion.objects.filter(lesson_id=OuterRef("pk"))
    lessons = Page.objects.live().child_of(course).order_by("path")
    lessons = lessons.annotate(completed=count_of(completions, "lesson_id"))
    comments = _approved_comments()
    fields = ["pk", "title", "completed"]
    if comments is not None:
        lessons = lessons.annotate(comments=comments)
        fields.append("comments")
    return [
        FunnelStep(
            position=position,
            lesson_id=row["pk"],
            title=row["title"],
            completed=row["completed"],
            enrolled=enrolled,
            comments=row.get("comments"),
        )
        for position, row in enumerate(lessons.values(*fields), start=1)
    ]
