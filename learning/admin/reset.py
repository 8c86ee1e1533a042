"""Resetting one learner's progress in a course, from the course's report.

``GET`` shows what will happen (the learner, the course, how many lesson completions go,
that the certificate stays) with a required reason; ``POST`` (with CSRF) calls
``actions.reset_progress``, which logs it on the course with the reason, and returns to
the report. Staff with "reset progress" and the course's owner or co-authors may do it
(``analytics.may_reset_progress``); anyone else gets a 403 that says so.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from learning import actions, analytics
from learning.admin.reports import Refused, refusal
from learning.certificates import certificate_for
from learning.forms import ResetProgressForm
from learning.models import CoursePage, Enrollment


class ResetProgressView(WagtailAdminTemplateMixin, FormView):
    template_name = "learning/admin/reset.html"
    form_class = ResetProgressForm
    header_icon = "rotate"
    http_method_names = ["get", "post"]  # anything else: 405

    def dispatch(self, request, course_id, user_id):
        try:
            self.course = self.course_to_reset(request.user, course_id)
            self.learner = self.enrolled_learner(user_id)
        except Refused as refused:
            # Back to the report only for those who may see it (the course was found).
            back_url = self.report_url() if hasattr(self, "course") else None
            return refusal(request, refused, back_url=back_url)
        return super().dispatch(request)

    def course_to_reset(self, user, course_id):
        course = CoursePage.objects.filter(pk=course_id).first()
        if course is None:
            raise Refused("There is no such course.", 404)
        if not analytics.may_reset_progress(user, course):
            raise Refused(
                f"Resetting progress in “{course.title}” is for its authors and for staff."
            )
        return course

    def enrolled_learner(self, user_id):
        learner = get_user_model().objects.filter(pk=user_id).first()
        if learner is None:
            raise Refused("There is no such learner.", 404)
        if not Enrollment.objects.filter(user=learner, course_id=self.course.pk).exists():
            raise Refused(
                f"{learner.get_display_name()} is not enrolled in “{self.course.title}”, so "
                "there is no progress to reset.",
                404,
            )
        return learner

    def report_url(self):
        return reverse("learning_reports:course", args=[self.course.pk])

    def get_page_title(self):
        return "Reset progress"

    def get_page_subtitle(self):
        return self.course.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("learning_reports:courses"), "label": "Courses"},
            {"url": self.report_url(), "label": self.course.title},
            {"url": "", "label": "Reset progress"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        learner = getattr(self, "learner", None)
        if learner is not None and "form" in context:
            context.update(
                learner=learner,
                completions=analytics.completions_in_course(learner, self.course).count(),
                certificate=certificate_for(learner, self.course),
            )
        return context | {"course": self.course, "report_url": self.report_url()}

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            removed = actions.reset_progress(
                self.learner, self.course, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except actions.NotEnrolled as error:  # they left while the page was open
            return refusal(self.request, Refused(str(error), 409), back_url=self.report_url())
        except ValidationError as error:
            form.add_error("reason", error)
            return self.form_invalid(form)
        noun = "completion" if removed == 1 else "completions"
        messages.success(
            self.request,
            f"Progress reset for {self.learner.get_display_name()}: {removed} lesson {noun} "
            "removed.",
        )
        return redirect(self.report_url())
