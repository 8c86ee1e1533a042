"""The course tree: catalogue → course → lesson. Fields, panels and small contexts only.

Contexts call the read side (``learning.progress``, ``learning.certificates``), which never
imports this module; the rules that change progress live in ``learning.actions``.
``cache_dependents`` names the pages that show a page, for ``core.purge``."""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from core import shared_render
from core.routing import CachedRestrictionsMixin, SpecificChildRoutingMixin
from core.visibility import restricted_ids
from learning import outline, progress
from learning.api_fields import (
    COVER_RENDITION,
    ContentField,
    CourseLessonsField,
    LessonCourseField,
    LessonPositionField,
)
from learning.blocks import ContentBlock
from learning.certificates import certificate_for
from learning.permissions import CoursePermissionTester, lesson_review_lock


class Level(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class CourseIndexPage(CachedRestrictionsMixin, SpecificChildRoutingMixin, Page):
    """The catalogue: every live course below it, filterable by tag and level."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["learning.CoursePage"]
    courses_per_page = 9

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        courses = CoursePage.objects.live().child_of(self).order_by("path")
        tags = Tag.objects.filter(
            learning_coursepagetag_items__content_object__in=courses
        ).distinct()
        level = request.GET.get("level", "")
        tag = request.GET.get("tag", "")
        if level in Level.values:
            courses = courses.filter(level=level)
        if tag:
            courses = courses.filter(tags__slug=tag)
        courses = courses.select_related("cover_image").prefetch_related("tags")
        page_obj = Paginator(courses, self.courses_per_page).get_page(request.GET.get("page"))
        context.update(
            page_obj=page_obj,
            members_only=restricted_ids(page_obj),
            levels=Level.choices,
            tags=tags.order_by("name"),
            active_level=level,
            active_tag=tag,
        )
        return context


class CoursePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "learning.CoursePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CoursePage(CachedRestrictionsMixin, SpecificChildRoutingMixin, Page):
    """A course: its lessons are its child pages, in the order educators give them."""

    summary = models.TextField(max_length=500, help_text="One or two sentences for the catalogue.")
    cover_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.BEGINNER)
    tags = ClusterTaggableManager(through=CoursePageTag, blank=True)
    estimated_hours = models.DecimalField(
        max_digits=4, decimal_places=1, default=1, help_text="Estimated study time in hours."
    )
    learning_objectives = StreamField(
        [("objective", blocks.CharBlock(max_length=200, label="Objective"))],
        blank=True,
        help_text="What a learner will be able to do after the course.",
    )
    intro = StreamField(ContentBlock(), blank=True)
    # The page's Wagtail owner writes the course; co-authors may edit it and its lessons
    # too (``learning.authorship``). Part of the page, so a change takes effect on publish.
    co_authors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="co_authored_courses",
        help_text="Educators who may edit this course and its lessons with its owner.",
        limit_choices_to={"groups__name": "Educators"},
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [FieldPanel("level"), FieldPanel("estimated_hours"), FieldPanel("tags")],
            heading="Catalogue",
        ),
        FieldPanel("learning_objectives"),
        FieldPanel("intro"),
        FieldPanel("co_authors", widget=forms.CheckboxSelectMultiple),
        # What "Submit to Course review" sends with the course (learning.review).
        HelpPanel(template="learning/admin/review/unit_panel.html", heading="In review"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("intro"),
        index.FilterField("level"),
    ]
    # The read API (docs/API.md): /api/v2/courses/.
    api_fields = [
        APIField("summary"),
        APIField("level"),
        APIField("tags"),
        APIField("estimated_hours"),
        APIField("cover_image", serializer=ImageRenditionField(COVER_RENDITION)),
        APIField("learning_objectives"),
        APIField("intro", serializer=ContentField()),
        APIField("lessons", serializer=CourseLessonsField()),
    ]
    parent_page_types = ["learning.CourseIndexPage"]
    subpage_types = ["learning.LessonPage"]
    # The admin lists a course's lessons in course order (and offers reordering to those
    # who may reorder them: learning.permissions).
    admin_default_ordering = "ord"

    def permissions_for_user(self, user):
        return CoursePermissionTester(user, self, course_path=self.path)

    def serve(self, request, *args, **kwargs):
        # The same for every reader but for the holes of its template (core.shared_render).
        return shared_render.serve_page(self, request) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        draft = None
        if getattr(request, "is_preview", False):
            # The course as it will be once its drafts are published.
            draft = outline.draft_outline(self)
        course_progress = progress.course_progress(user, self, outline=draft)
        enrolled = progress.is_enrolled(user, self)
        certificate = certificate_for(user, self)
        context.update(
            progress=course_progress,
            enrolled=enrolled,
            certificate=certificate,
            standing=progress.standing(user, course_progress, enrolled, certificate),
        )
        return context

    def cache_dependents(self):
        """The catalogue and home page list the course; its lessons show its title."""
        return [*self.get_ancestors().live()[1:], *Page.objects.live().child_of(self)]


class LessonPage(CachedRestrictionsMixin, Page):
    """One lesson. Its place among its siblings is its place in the course."""

    body = StreamField(ContentBlock())
    estimated_minutes = models.PositiveSmallIntegerField(default=10)

    content_panels = Page.content_panels + [
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    # The read API (docs/API.md): /api/v2/lessons/.
    api_fields = [
        APIField("course", serializer=LessonCourseField()),
        APIField("position", serializer=LessonPositionField()),
        APIField("estimated_minutes"),
        APIField("body", serializer=ContentField()),
    ]
    parent_page_types = ["learning.CoursePage"]
    subpage_types = []

    def permissions_for_user(self, user):
        return CoursePermissionTester(user, self, course_path=self.path[: -self.steplen])

    # A lesson is reviewed with its course, never on its own (learning.review).
    has_workflow = False

    def get_workflow(self):
        return None

    def get_lock(self):
        return super().get_lock() or lesson_review_lock(self)

    # The same for every reader but for the holes of its template (core.shared_render);
    # these query parameters change what everyone sees.
    shared_query_parameters = ("order", "comments_page")

    def serve(self, request, *args, **kwargs):
        return shared_render.serve_page(self, request) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = progress.course_of(self)
        draft = None
        if getattr(request, "is_preview", False):
            # The course as it will be once its drafts are published.
            course = course.get_latest_revision_as_object()
            draft = outline.draft_outline(course, current=self)
        course_progress = progress.course_progress(request.user, course, outline=draft)
        previous_lesson, next_lesson = course_progress.neighbours(self)
        context.update(
            course=course,
            progress=course_progress,
            completed=course_progress.is_completed(self),
            previous_lesson=previous_lesson,
            next_lesson=next_lesson,
        )
        return context

    def cache_dependents(self):
        """The course page and every lesson of the course show this lesson in the outline."""
        course = Page.objects.filter(path=self.path[: -Page.steplen]).first()
        if course is None:  # deleted together with its course
            return []
        return [course, *Page.objects.live().child_of(course).exclude(pk=self.pk)]
