"""Admin wiring for the learning app; the views live in ``learning.admin``."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from learning import analytics
from learning.admin import log_actions, reports
from learning.admin import review as review_admin
from learning.admin.authoring import CoursePageViewSet, LessonPageViewSet, SubmitCourseMenuItem
from learning.admin.certificates import CertificatePermissionPolicy, CertificateViewSet
from learning.admin.panels import EducatorCoursesPanel, SiteWeekPanel
from learning.admin.reset import ResetProgressView
from learning.models import Certificate
from learning.permissions import CoursePagePermissionPolicy

register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))
# Educators act on the courses they write (learning.permissions): explorer, search, history.
register_permission_policy(Page, CoursePagePermissionPolicy(Page))


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificates")


# Course reports (learning.admin.reports), the progress reset and the dashboard panels.
hooks.register("register_log_actions", log_actions.register)


@hooks.register("register_admin_urls")
def register_course_report_urls():
    urls = [
        path("", reports.CoursesReportView.as_view(), name="courses"),
        path(
            "results/",
            reports.CoursesReportView.as_view(results_only=True),
            name="courses_results",
        ),
        path("<id:course_id>/", reports.CourseReportView.as_view(), name="course"),
        path(
            "<id:course_id>/learners/<id:user_id>/reset/",
            ResetProgressView.as_view(),
            name="reset",
        ),
    ]
    return [path("reports/courses/", include((urls, "learning_reports")))]


class CourseReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.has_reports(request)


@hooks.register("register_reports_menu_item")
def course_reports_menu_item():
    url = reverse("learning_reports:courses")
    return CourseReportsMenuItem(
        "Courses", url, name="course-reports", icon_name="list-ul", order=650
    )


@hooks.register("construct_homepage_panels")
def course_panels(request, panels):
    panels.append(EducatorCoursesPanel(request.user))
    if analytics.may_view_all_reports(request.user):
        panels.append(SiteWeekPanel())


# Writing and reviewing courses (learning.admin.authoring, learning.review).
@hooks.register("register_admin_viewset")
def register_course_page_viewsets():
    return [CoursePageViewSet("course_pages"), LessonPageViewSet("lesson_pages")]


@hooks.register("register_page_action_menu_item")
def submit_course_menu_item():
    return SubmitCourseMenuItem()


hooks.register("register_log_actions", review_admin.register_log_actions)
