"""The moderation queue in the admin: comments as a snippet listing, with Wagtail's bulk
actions, an inspect page (full text, thread, open flags) and the comment's history.

A comment is never added or edited here (``community.admin.permissions``): moderators
read, then decide (``community.admin.decisions``).
"""

from urllib.parse import urlencode

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.snippets.views import snippets

from community.admin import decisions, queue
from community.admin.inspect import (
    BlankAsDashMixin,
    InspectInsteadOfEditMixin,
    InspectURLFinder,
    person,
)
from community.models import Comment, Flag
from community.moderation import may_moderate
from community.text import render_comment_text


def decision_buttons(comment, open_flags, next_url, moderate_url_name, button_class=Button):
    """A button to each decision that would change ``comment``; back to ``next_url``."""
    query = "?" + urlencode({"next": next_url})
    return [
        button_class(
            decision.label,
            url=reverse(moderate_url_name, args=[comment.pk, decision.name]) + query,
            icon_name=decision.icon,
            priority=10 + number,
        )
        for number, decision in enumerate(decisions.available(comment, open_flags))
    ]


class CommentIndexView(snippets.IndexView):
    moderate_url_name = None
    history_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if may_moderate(self.request.user):
            buttons += decision_buttons(
                instance, instance.open_flags, self.listing_url, self.moderate_url_name
            )
        buttons.append(
            Button(
                "History",
                url=reverse(self.history_url_name, args=[instance.pk]),
                icon_name="history",
                priority=90,
            )
        )
        return buttons

    @cached_property
    def listing_url(self):
        """Where an action sends the moderator back to: this listing, same filters."""
        params = self.request.GET.copy()
        params.pop("_w_filter_fragment", None)
        return self.index_url + (f"?{params.urlencode()}" if params else "")


class CommentInspectView(BlankAsDashMixin, snippets.InspectView):
    moderate_url_name = None
    history_url_name = None

    def get_object(self, queryset=None):
        comments = Comment.objects.select_related(
            "author", "lesson", "moderated_by", "parent__author"
        )
        return get_object_or_404(comments, pk=self.pk)

    def get_author_display_value(self):
        return person(self.object.author)

    def get_moderated_by_display_value(self):
        return person(self.object.moderated_by) if self.object.moderated_by else None

    def get_lesson_display_value(self):
        lesson = self.object.lesson
        return f"{lesson.get_parent().title} › {lesson.title}"

    @cached_property
    def open_flags(self):
        return list(
            Flag.objects.filter(comment=self.object, resolved_at=None)
            .select_related("user")
            .order_by("created_at")
        )

    def thread(self):
        """The thread around the comment: its top-level comment and every reply."""
        top = self.object.parent or self.object
        replies = top.replies.select_related("author").order_by("created_at", "pk")
        return [
            {"comment": comment, "body": render_comment_text(comment.body)}
            for comment in [top, *replies]
        ]

    @cached_property
    def header_buttons(self):
        if not may_moderate(self.request.user):
            return []
        next_url = self.request.get_full_path()
        return decision_buttons(
            self.object, len(self.open_flags), next_url, self.moderate_url_name, HeaderButton
        )

    @cached_property
    def header_more_buttons(self):
        url = reverse(self.history_url_name, args=[self.object.pk])
        return [Button("History", url=url, icon_name="history")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            body=render_comment_text(self.object.body),
            thread=self.thread(),
            open_flags=self.open_flags,
            public_url=self.object.lesson.get_url(request=self.request),
        )
        return context


class CommentHistoryView(InspectInsteadOfEditMixin, snippets.HistoryView):
    pass


class CommentViewSet(snippets.SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = "Comments"
    url_prefix = "community/comments"
    url_namespace = "community_comments"
    # Its menu item sits in the "Community" group, not under "Snippets".
    menu_item_is_registered = True
    # Comments point at lessons, but they are not content that "uses" a lesson.
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = CommentIndexView
    inspect_view_class = CommentInspectView
    history_view_class = CommentHistoryView
    inspect_template_name = "community/admin/comment_inspect.html"
    filterset_class = queue.QueueFilterSet
    search_fields = queue.SEARCH_FIELDS
    ordering = "-created_at"
    list_per_page = 25
    list_display = [
        "__str__",
        Column("author", label="Author", accessor=lambda c: person(c.author)),
        Column("lesson_title", label="Lesson", sort_key="lesson_title"),
        Column("course_title", label="Course", sort_key="course_title"),
        StatusTagColumn(
            "status",
            label="Status",
            accessor="get_status_display",
            primary=lambda c: c.status == Comment.Status.PENDING,
            sort_key="status",
        ),
        Column("open_flags", label="Open flags", sort_key="open_flags"),
        DateColumn("created_at", label="Posted", sort_key="created_at"),
    ]
    inspect_view_fields = [
        "author",
        "lesson",
        "status",
        "created_at",
        "edited_at",
        "moderated_by",
        "moderated_at",
        "moderation_reason",
    ]

    def get_queryset(self, request):
        return queue.queue()

    def register_chooser_viewset(self):
        """No chooser: nobody picks a comment for a page, and a chooser would show every
        comment's text to anyone in the admin."""

    @property
    def url_finder_class(self):
        return type(
            "CommentURLFinder",
            (InspectURLFinder,),
            {"inspect_url_name": self.get_url_name("inspect")},
        )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            moderate_url_name=self.get_url_name("moderate"),
            inspect_url_name=self.get_url_name("inspect"),
            **kwargs,
        )

    @property
    def moderate_view(self):
        return self.construct_view(decisions.DecisionView)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("moderate/<id:pk>/<slug:decision>/", self.moderate_view, name="moderate"),
        ]
