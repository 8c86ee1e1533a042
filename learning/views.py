"""Learner actions: enroll, complete, resume, dashboard, certificates.

Thin: each view checks who may do what, calls a function in ``learning.progress`` or
``learning.certificates`` and answers. Every change is a POST with a CSRF token.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from learning import certificates, outline, progress
from learning.certificate_pdf import render_certificate_pdf
from learning.models import Certificate, CoursePage, Enrollment, LessonPage


def post_only(view):
    """Like ``require_POST``, but the 405 says in words what to do instead."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            response = render(
                request,
                "405.html",
                {
                    "message": "This address only takes a form submission (POST). "
                    "Use the button on the lesson or course page."
                },
                status=405,
            )
            response["Allow"] = "POST"
            return response
        return view(request, *args, **kwargs)

    return wrapper


def _visible_live_page(request, model, pk):
    """A live page the visitor may see under Wagtail's page privacy, else 404."""
    page = get_object_or_404(model.objects.live(), pk=pk)
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404("No such page.")
    return page


def _back_to(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@post_only
@login_required
def enroll(request, course_id):
    course = _visible_live_page(request, CoursePage, course_id)
    progress.enroll(request.user, course)
    messages.success(request, f"You are enrolled in “{course.title}”.")
    return redirect(course.url)


@post_only
@login_required
def unenroll(request, course_id):
    course = _visible_live_page(request, CoursePage, course_id)
    progress.unenroll(request.user, course)
    messages.info(request, f"You left “{course.title}”. Your completed lessons are kept.")
    return redirect(course.url)


@post_only
@login_required
def complete(request, lesson_id):
    lesson = _visible_live_page(request, LessonPage, lesson_id)
    course = progress.course_of(lesson)
    certificate, issued_now = progress.complete_lesson(request.user, lesson, course)
    if issued_now:
        messages.success(
            request, f"Course complete! Your certificate for “{course.title}” is ready."
        )
        return redirect(certificate.get_absolute_url())
    if request.POST.get("continue"):
        following = outline.lesson_after(course, lesson)
        if following:
            return redirect(following.url)
        return redirect(course.url)
    return redirect(_back_to(request, lesson.url))


@post_only
@login_required
def undo(request, lesson_id):
    lesson = _visible_live_page(request, LessonPage, lesson_id)
    progress.undo_completion(request.user, lesson)
    messages.info(request, f"“{lesson.title}” is marked as not done.")
    return redirect(_back_to(request, lesson.url))


@require_GET
def resume(request, course_id):
    course = _visible_live_page(request, CoursePage, course_id)
    lesson = progress.first_incomplete_lesson(request.user, course)
    return redirect(lesson.url if lesson else course.url)


@require_GET
@login_required
def dashboard(request):
    enrollments = list(
        Enrollment.objects.filter(user=request.user)
        .select_related("course")
        .order_by("-last_active_at")
    )
    courses = [enrollment.course for enrollment in enrollments if enrollment.course.live]
    summaries = progress.summaries(request.user, courses)
    owned = list(
        Certificate.objects.filter(user=request.user)
        .select_related("course")
        .order_by("-issued_at")
    )
    certified = {certificate.course_id for certificate in owned}
    rows = [
        {"course": course, "summary": summaries[course.pk], "certified": course.pk in certified}
        for course in courses
    ]
    return render(
        request,
        "learning/dashboard.html",
        {
            "in_progress": [row for row in rows if not row["certified"]],
            "certificates": owned,
        },
    )


def _own_certificate(request, code):
    certificate = get_object_or_404(Certificate, code=code)
    if not certificates.can_view_certificate(request.user, certificate):
        # Same answer as an unknown code: the full certificate is private to its learner.
        raise Http404("No such certificate.")
    return certificate


@require_GET
@login_required
def certificate_detail(request, code):
    certificate = _own_certificate(request, code)
    return render(request, "learning/certificate.html", {"certificate": certificate})


@require_GET
@login_required
def certificate_pdf(request, code):
    certificate = _own_certificate(request, code)
    verify_url = request.build_absolute_uri(certificate.get_verification_url())
    response = HttpResponse(render_certificate_pdf(certificate, verify_url), "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@require_GET
def verify_certificate(request, code):
    certificate = Certificate.objects.filter(code=code).first()
    status = 200 if certificate else 404
    return render(
        request,
        "learning/verify_certificate.html",
        {"certificate": certificate, "code": code},
        status=status,
    )
