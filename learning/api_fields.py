"""The computed fields of courses and lessons in the read API (docs/API.md).

Named in the pages' ``api_fields`` (``learning.models.pages``); the endpoints are in
``learning.api``. Read side only: the outline (``learning.outline``) and the public tree
(``core.api``), never the page classes, which import this module.

A course's lessons are its outline (live lessons in the order educators gave them, from
the cache) less any lesson with a view restriction of its own; a lesson's ``position``
counts in that same list, so "lesson 2 of 5" agrees with the course's ``lessons``.
"""

from django.apps import apps
from rest_framework.fields import Field
from wagtail.api.utils import get_full_url
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page

from core.api.public import PublicTree
from learning.outline import outlines

# The sizes the site's templates show: the course page's cover, a lesson's image block.
COVER_RENDITION = "fill-960x400"
BODY_IMAGE_RENDITION = "width-960"


class PublicOutlines:
    """The public lessons of courses, for one API answer: each course looked up once, all
    the outlines the cache lacks in one query."""

    def __init__(self, tree):
        self.tree = tree
        self._by_path = {}  # course path -> (course, [OutlineLesson])

    def load(self, courses):
        missing = [course for course in courses if course.path not in self._by_path]
        if missing:
            by_course = outlines(missing)
            for course in missing:
                lessons = [
                    lesson
                    for lesson in by_course[course.pk]
                    if self.tree.is_public_child(lesson.pk)
                ]
                self._by_path[course.path] = (course, lessons)

    def load_for_lessons(self, lessons):
        """Find the courses of these lessons (one query) and their outlines."""
        paths = {lesson.path[: -Page.steplen] for lesson in lessons} - set(self._by_path)
        if paths:
            self.load(list(Page.objects.filter(path__in=paths)))

    def lessons(self, course):
        self.load([course])
        return self._by_path[course.path][1]

    def place(self, lesson):
        """(course, position from 1) of a lesson; position None if the outline lacks it."""
        self.load_for_lessons([lesson])
        course, lessons = self._by_path.get(lesson.path[: -Page.steplen], (None, []))
        ids = [entry.pk for entry in lessons]
        return course, (ids.index(lesson.pk) + 1 if lesson.pk in ids else None)


def public_outlines(context):
    """The answer's ``PublicOutlines`` (the endpoints put one in the serializer context;
    another API, such as the admin's, gets one made here)."""
    if "public_outlines" not in context:
        context["public_outlines"] = PublicOutlines(context.get("public_tree") or PublicTree())
    return context["public_outlines"]


def _detail_url(context, model_name, pk):
    """The page's address in this API, or None when this API has no endpoint for it."""
    path = context["router"].get_object_detail_urlpath(apps.get_model("learning", model_name), pk)
    return get_full_url(context["request"], path) if path else None


def _page_link(context, model_name, pk, title, url):
    return {
        "id": pk,
        "title": title,
        "html_url": get_full_url(context["request"], url) if url else None,
        "detail_url": _detail_url(context, model_name, pk),
    }


class CourseLessonsField(Field):
    """``lessons`` of a course: its public lessons in course order."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, course):
        return [
            {
                **_page_link(self.context, "LessonPage", lesson.pk, lesson.title, lesson.url),
                "position": position,
                "estimated_minutes": lesson.estimated_minutes,
            }
            for position, lesson in enumerate(public_outlines(self.context).lessons(course), 1)
        ]


class LessonCourseField(Field):
    """``course`` of a lesson: the course it belongs to."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, lesson):
        course, _ = public_outlines(self.context).place(lesson)
        if course is None:
            return None
        return _page_link(self.context, "CoursePage", course.pk, course.title, course.url)


class LessonPositionField(Field):
    """``position`` of a lesson: 1 for the course's first lesson."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, lesson):
        return public_outlines(self.context).place(lesson)[1]


class ContentField(Field):
    """A ``ContentBlock`` stream (a course's intro, a lesson's body) as Wagtail's API
    gives it, except that an image is its rendition (the size lesson pages show) and a
    document its title and download address, where Wagtail gives bare ids (and this API
    has no images or documents endpoint). Downloads go through Django, which checks the
    document's privacy (``core.documents``)."""

    rendition = ImageRenditionField(BODY_IMAGE_RENDITION)

    def to_representation(self, value):
        items = value.stream_block.get_api_representation(value, self.context)
        for item, child in zip(items, value, strict=True):
            if child.block_type == "image":
                image = child.value["image"]
                item["value"]["image"] = self.rendition.to_representation(image) if image else None
            elif child.block_type == "document":
                document = child.value["document"]
                item["value"]["document"] = (
                    {
                        "id": document.pk,
                        "title": document.title,
                        "url": get_full_url(self.context["request"], document.url),
                    }
                    if document
                    else None
                )
        return items
