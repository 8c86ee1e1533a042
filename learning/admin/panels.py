"""Dashboard panels: an educator's own courses, and this week across the site for staff.

Each is a fixed number of queries (``learning.analytics``), whatever the number of
courses, learners or completions.
"""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from learning import analytics


class EducatorCoursesPanel(Component):
    """The courses the user owns or co-authors, with enrolments and completion rate;
    nothing at all for someone who writes no course."""

    name = "learning_educator_courses"
    template_name = "learning/admin/panels/educator_courses.html"
    order = 60
    limit = 10

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        self.rows, self.total = analytics.educator_course_rows(self.user, limit=self.limit)
        if not self.total:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        return {
            "rows": [
                (row, reverse("learning_reports:course", args=[row.course.pk])) for row in self.rows
            ],
            "total": self.total,
            "more": self.total > len(self.rows),
            "report_url": reverse("learning_reports:courses"),
        }


class SiteWeekPanel(Component):
    """For staff: enrolments, lesson completions and certificates since Monday."""

    name = "learning_site_week"
    template_name = "learning/admin/panels/site_week.html"
    order = 70

    def get_context_data(self, parent_context):
        return {"week": analytics.this_week(), "report_url": reverse("learning_reports:courses")}
