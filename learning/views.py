"""Learner views: enroll, leave, complete, undo, resume, dashboard, certificates.

Thin: each view finds the page, calls an action (``learning.actions``) or the read side
and answers. Every change is a POST with a CSRF token. A page the learner may not see
(``core.visibility``) answers 404, as if it did not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.http import post_only
from core.visibility import is_visible
from learning import actions, certificates, outline, progress
from learning.certificate_pdf import render_certificate_pdf
from learning.dashboard import dashboard as build_dashboard
from learning.models import Certificate, CoursePage, LessonPage

# Where the lesson page shows the outcome of "Mark as complete" (templates: lesson_page).
LESSON_STATUS = "#lesson-status"


def _live(model, pk):
    return get_object_or_404(model.objects.live(), pk=pk)


def _acting(action, *args):
    """Run an action; one the learner may not take answers 404, like an unknown page."""
    try:
        return action(*args)
    except PermissionDenied as error:
        raise Http404("No such page.") from error


@post_only
@login_required
def enroll(request, course_id):
    course = _live(CoursePage, course_id)
    _acting(actions.enroll, request.user, course)
    messages.success(request, f"You are enrolled in “{course.title}”.")
    lesson = progress.resume_target(request.user, course)
    return redirect(lesson.url if lesson else course.url)


@require_http_methods(["GET", "POST"])
@login_required
def unenroll(request, course_id):
    """GET asks for confirmation; the confirmation form POSTs here."""
    course = _live(CoursePage, course_id)
    if request.method == "GET":
        return render(request, "learning/unenroll_confirm.html", {"course": course})
    actions.unenroll(request.user, course)
    messages.info(request, f"You left “{course.title}”. Your completed lessons are kept.")
    return redirect(course.url)


@post_only
@login_required
def complete(request, lesson_id):
    lesson = _live(LessonPage, lesson_id)
    course = progress.course_of(lesson)
    certificate, issued_now = _acting(actions.complete_lesson, request.user, lesson, course)
    if issued_now:
        messages.success(
            request, f"Course complete! Your certificate for “{course.title}” is ready."
        )
        return redirect(certificate.get_absolute_url())
    if request.POST.get("continue"):
        following = outline.lesson_after(course, lesson)
        if following:
            messages.success(request, f"“{lesson.title}” is complete. On to the next lesson.")
            return redirect(following.url)
    messages.success(request, f"“{lesson.title}” is marked as complete.")
    return redirect(lesson.url + LESSON_STATUS)


@post_only
@login_required
def undo(request, lesson_id):
    lesson = _live(LessonPage, lesson_id)
    actions.undo_completion(request.user, lesson)
    messages.info(request, f"“{lesson.title}” is marked as not done.")
    return redirect(lesson.url + LESSON_STATUS)


@require_GET
def resume(request, course_id):
    course = _live(CoursePage, course_id)
    if not is_visible(request.user, course):
        raise Http404("No such page.")
    lesson = progress.resume_target(request.user, course)
    return redirect(lesson.url if lesson else course.url)


@require_GET
@login_required
def dashboard(request):
    return render(request, "learning/dashboard.html", {"dashboard": build_dashboard(request.user)})


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
