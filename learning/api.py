"""The learning app's read API (docs/API.md): public courses and lessons through Wagtail's
API v2 (routed in ``elevate_site.api``), and the signed-in learner's own learning.

The learner's endpoint answers from ``learning.dashboard``, the same function as the "My
learning" page, so the two always agree. It shows the person who asks their own
enrollments, progress and certificates, and nobody else's, whatever their role.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_cookie
from rest_framework.fields import DateTimeField
from wagtail.api.utils import get_full_url

from core.api.errors import json_error, read_only
from core.api.pages import PublicPagesAPIViewSet
from learning.api_fields import PublicOutlines
from learning.dashboard import dashboard
from learning.models import CoursePage, LessonPage


class OutlinesMixin:
    """Look up the outlines of a whole page of results at once, when they are shown."""

    outline_fields = frozenset()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.public_outlines = PublicOutlines(self.public_tree)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["public_outlines"] = self.public_outlines
        return context

    def paginate_queryset(self, queryset):
        page = list(super().paginate_queryset(queryset))
        if self.outline_fields & set(self.get_serializer_class().Meta.fields):
            self.load_outlines(page)
        return page


class CoursesAPIViewSet(OutlinesMixin, PublicPagesAPIViewSet):
    """/api/v2/courses/: the public courses, in catalogue order."""

    model = CoursePage
    name = "courses"
    not_found_message = "No public course has the id {id}."
    listing_default_fields = PublicPagesAPIViewSet.listing_default_fields + [
        "summary",
        "level",
        "estimated_hours",
    ]
    outline_fields = frozenset(["lessons"])

    def load_outlines(self, courses):
        self.public_outlines.load(courses)


class LessonsAPIViewSet(OutlinesMixin, PublicPagesAPIViewSet):
    """/api/v2/lessons/: the public lessons, course by course in course order."""

    model = LessonPage
    name = "lessons"
    not_found_message = "No public lesson has the id {id}."
    listing_default_fields = PublicPagesAPIViewSet.listing_default_fields + [
        "course",
        "position",
        "estimated_minutes",
    ]
    outline_fields = frozenset(["course", "position"])

    def load_outlines(self, lessons):
        self.public_outlines.load_for_lessons(lessons)


# The learner's endpoint -------------------------------------------------------------------

_datetime = DateTimeField()  # the same ISO 8601 form as the v2 endpoints' dates


def _when(value):
    return _datetime.to_representation(value) if value else None


def _lesson(request, lesson):
    if lesson is None:
        return None
    return {"id": lesson.pk, "title": lesson.title, "html_url": get_full_url(request, lesson.url)}


def _enrollment(request, row):
    course, progress = row.course, row.summary
    return {
        "course": {
            "id": course.pk,
            "title": course.title,
            "html_url": get_full_url(request, course.url),
        },
        "enrolled_at": _when(row.enrollment.enrolled_at),
        "last_active_at": _when(row.enrollment.last_active_at),
        "lessons_done": progress.done,
        "lessons_total": progress.total,
        "percent": progress.percent,
        "next_lesson": _lesson(request, progress.next_lesson),
        "certificate": row.certificate.code if row.certificate else None,
    }


def _certificate(request, certificate):
    course = certificate.course
    return {
        "code": certificate.code,
        "course_title": certificate.course_title,
        # The course as it is now; null once it is deleted or unpublished.
        "course": (
            {"id": course.pk, "title": course.title, "html_url": get_full_url(request, course.url)}
            if course is not None and course.live
            else None
        ),
        "learner_name": certificate.learner_name,
        "issued_at": _when(certificate.issued_at),
        "valid": certificate.is_valid,
        "revoked_at": _when(certificate.revoked_at),
        "revocation_reason": certificate.revocation_reason if not certificate.is_valid else "",
        "html_url": get_full_url(request, certificate.get_absolute_url()),
        "pdf_url": get_full_url(
            request, reverse("learning:certificate_pdf", args=[certificate.code])
        ),
        "verification_url": get_full_url(request, certificate.get_verification_url()),
    }


def learner_data(request, learning):
    """The learner's ``Dashboard`` as the endpoint's JSON."""
    user = request.user
    return {
        "user": {"username": user.get_username(), "display_name": user.get_display_name()},
        "enrollments": [_enrollment(request, row) for row in learning.enrollments],
        "certificates": [_certificate(request, c) for c in learning.certificates],
    }


@never_cache
@vary_on_cookie
@read_only
def learner(request):
    """/api/learner/me/: the signed-in person's own learning (session log-in)."""
    if not request.user.is_authenticated:
        response = json_error(
            401,
            "Log in first: this endpoint shows the signed-in learner's own learning.",
            login_url=get_full_url(request, resolve_url(settings.LOGIN_URL)),
        )
        # The challenge a 401 must carry: the site's session log-in (a cookie, not HTTP auth).
        response["WWW-Authenticate"] = 'Session realm="Elevate Learning"'
        return response
    if request.GET:
        return json_error(
            400,
            "This endpoint takes no query parameters: " + ", ".join(sorted(request.GET)),
        )
    # Indented like the v2 endpoints' answers, for people reading them with curl.
    return JsonResponse(
        learner_data(request, dashboard(request.user)), json_dumps_params={"indent": 4}
    )
