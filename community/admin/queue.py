"""The moderation queue: every comment, with what a moderator needs to sort through them.

The listing, a bulk action's "select all in listing" and the dashboard panel all filter
and count with these functions, so the numbers on the dashboard are the rows the queue
shows behind the same link.
"""

import django_filters
from django import forms
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Length, Substr
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Page

from community.models import Comment, Flag
from learning.models import CoursePage, LessonPage

Status = Comment.Status

# What the queue's search box looks in (the database, with icontains: comments are not
# in the site's search index).
SEARCH_FIELDS = ["body", "author__username", "author__display_name"]

FLAGGED = "flagged"
STATUS_CHOICES = [
    (Status.PENDING, "Awaiting review"),
    (FLAGGED, "Flagged by readers"),
    (Status.HIDDEN, "Hidden"),
    (Status.DELETED, "Deleted"),
    (Status.APPROVED, "Approved"),
]


def open_flags():
    """The unresolved flags of the comment in the outer query."""
    return Flag.objects.filter(comment=OuterRef("pk"), resolved_at=None)


def flagged(queryset):
    """Comments readers have flagged since a moderator last decided on them (deleted
    ones are out of sight already)."""
    return queryset.filter(Exists(open_flags())).exclude(status=Status.DELETED)


def queue():
    """Every comment with its author, lesson and course titles and open flags counted,
    in a fixed number of queries however many rows a page shows."""
    lesson_path = OuterRef("lesson__path")
    course_path = Substr(lesson_path, 1, Length(lesson_path) - Page.steplen)
    flag_count = open_flags().order_by().values("comment").annotate(n=Count("pk")).values("n")
    return Comment.objects.select_related("author").annotate(
        lesson_title=F("lesson__title"),
        course_title=Subquery(Page.objects.filter(path=course_path).values("title")[:1]),
        open_flags=Coalesce(Subquery(flag_count), 0),
    )


def search(queryset, query):
    if not query:
        return queryset
    matches = Q()
    for field in SEARCH_FIELDS:
        matches |= Q(**{f"{field}__icontains": query})
    return queryset.filter(matches)


class QueueFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=STATUS_CHOICES,
        method="filter_status",
        empty_label="All",
        widget=forms.RadioSelect,
    )
    course = django_filters.ModelChoiceFilter(
        label="Course", queryset=CoursePage.objects.order_by("title"), method="filter_course"
    )
    lesson = django_filters.ModelChoiceFilter(
        label="Lesson", field_name="lesson", queryset=LessonPage.objects.order_by("path")
    )
    author = django_filters.CharFilter(label="Author's username", method="filter_author")

    class Meta:
        model = Comment
        fields = []

    def filter_status(self, queryset, name, value):
        if value == FLAGGED:
            return flagged(queryset)
        return queryset.filter(status=value)

    def filter_course(self, queryset, name, course):
        return queryset.filter(lesson__path__startswith=course.path)

    def filter_author(self, queryset, name, username):
        return queryset.filter(author__username__iexact=username.strip())


def listing(params):
    """The comments a listing with these query parameters shows (filters and search)."""
    return search(QueueFilterSet(params, queryset=queue()).qs, params.get("q", "").strip())


def pending_count():
    return Comment.objects.filter(status=Status.PENDING).count()


def flagged_count():
    return flagged(Comment.objects.all()).count()
