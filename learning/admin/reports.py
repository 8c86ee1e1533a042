"""The course reports under the admin's "Reports" menu, built on Wagtail's ``ReportView``
(which gives the listing, the pagination and the CSV/XLSX export).

- "Courses": one row per course the user may see, with its figures.
- A course's report: its figures, the lesson funnel (the table, and what is exported)
  and its learners, 50 to a page, each with a "Reset progress" link for those who may.

Who sees what is decided in ``learning.analytics`` (``reportable_courses``,
``report_access``): staff see every course, an educator the
courses they own or co-author. The figures come from ``learning.analytics`` too, in a
fixed number of queries per page.
"""

import datetime

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, Table, TitleColumn
from wagtail.admin.views.reports import ReportView

from learning import analytics
from learning.models import CoursePage

LEARNERS_PER_PAGE = 50
LEARNERS_PAGE_KWARG = "learners"


def _percent(value):
    return "—" if value is None else f"{value:g} %"


def _count(value):
    return "—" if value is None else intcomma(value)


def _days(value):
    return "—" if value is None else f"{value:g}"


def figure_columns(accessor):
    """The per-course figures as table columns; ``accessor`` finds the CourseFigures."""

    def get(name, display=None):
        def value(row):
            figure = getattr(accessor(row), name)
            return display(figure) if display else figure

        return value

    return [
        NumberColumn("enrolled", label="Enrolled", accessor=get("enrolled")),
        NumberColumn("active_7_days", label="Active 7 days", accessor=get("active_7_days")),
        NumberColumn("active_30_days", label="Active 30 days", accessor=get("active_30_days")),
        NumberColumn("completed", label="Completed", accessor=get("completed")),
        Column(
            "completion_rate",
            label="Rate",
            accessor=get("completion_percent", _percent),
        ),
        Column(
            "median_days",
            label="Median days",
            accessor=get("median_days_to_complete", _days),
        ),
        NumberColumn(
            "certificates_issued",
            label="Certificates",
            accessor=get("certificates_issued"),
        ),
        NumberColumn(
            "certificates_revoked",
            label="Revoked",
            accessor=get("certificates_revoked"),
        ),
    ]


FIGURES_EXPORT_HEADINGS = {
    "figures.enrolled": "Enrolled",
    "figures.active_7_days": "Active in the last 7 days",
    "figures.active_30_days": "Active in the last 30 days",
    "figures.completed": "Completed",
    "figures.completion_percent": "Completion rate (%)",
    "figures.median_days_to_complete": "Median days to complete",
    "figures.certificates_issued": "Certificates issued",
    "figures.certificates_revoked": "Certificates revoked",
}


def _dated(name):
    return f"{name}-{datetime.date.today():%Y-%m-%d}"


class Refused(Exception):
    """A request the reports answer with words and a 4xx status (a real 403 or 404, not
    Wagtail's redirect to the dashboard)."""

    def __init__(self, message, status=403):
        super().__init__(message)
        self.message = message
        self.status = status


def refusal(request, refused, back_url=None):
    context = {
        "header_title": "Course reports",
        "page_title": "Course reports",
        "header_icon": "list-ul",
        "breadcrumbs_items": [
            {"url": reverse_lazy("wagtailadmin_home"), "label": "Home"},
            {"url": "", "label": "Course reports"},
        ],
        "message": refused.message,
        "back_url": back_url,
    }
    return TemplateResponse(request, "learning/admin/refused.html", context, status=refused.status)


def reported_course(user, course_id):
    """(the course ``course_id``, what ``user`` may do with its report) if they may see
    it; Refused otherwise."""
    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None:
        raise Refused("There is no such course.", 404)
    access = analytics.report_access(user, course)
    if not access.view:
        raise Refused(f"The report of “{course.title}” is for its authors and for staff.")
    return course, access


def has_reports(request):
    """``analytics.has_reports`` for the request's user, asked once per request (the view
    and the "Reports" menu both ask)."""
    if not hasattr(request, "_has_course_reports"):
        request._has_course_reports = analytics.has_reports(request.user)
    return request._has_course_reports


class CourseReportMixin:
    """Only people who may see the report get in; the others get a 403 that says why."""

    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.check_access(request.user, **kwargs)
        except Refused as refused:
            return refusal(request, refused)
        return super().dispatch(request, *args, **kwargs)


class CoursesReportView(CourseReportMixin, ReportView):
    page_title = "Courses"
    index_url_name = "learning_reports:courses"
    index_results_url_name = "learning_reports:courses_results"
    paginate_by = 50
    export_headings = {"title": "Course", **FIGURES_EXPORT_HEADINGS}
    list_export = ["title", *FIGURES_EXPORT_HEADINGS]
    no_results_message = "You have no courses to report on."

    def check_access(self, user, **kwargs):
        if not has_reports(self.request):
            raise Refused("Course reports are for staff and for the authors of a course.")

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label="Course",
                width="24%",  # eight figures beside it must not squeeze titles letter by letter
                get_url=lambda course: reverse("learning_reports:course", args=[course.pk]),
            ),
            *figure_columns(lambda course: course.figures),
        ]

    def get_queryset(self):
        return (
            analytics.reportable_courses(self.request.user)
            .only("title", "live")
            .order_by("title", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        courses = list(object_list)
        figures = analytics.course_figures(courses)
        for course in courses:
            course.figures = figures[course.pk]
        return courses

    def get_filename(self):
        return _dated("courses-report")


class LinkColumn(Column):
    """A column of links, e.g. "Reset progress"; no link where ``get_url`` gives None."""

    cell_template_name = "learning/admin/reports/link_cell.html"

    def __init__(self, name, text, get_url, **kwargs):
        super().__init__(name, **kwargs)
        self.text = text
        self.get_url = get_url

    def get_value(self, instance):
        return self.text

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = self.get_url(instance)
        return context


class CourseReportView(CourseReportMixin, ReportView):
    """One course: figures, the lesson funnel (exported) and the learners."""

    template_name = "learning/admin/reports/course.html"
    index_url_name = "learning_reports:course"
    paginate_by = None  # the funnel has one row per lesson; the learners are paged below
    export_headings = {
        "position": "Position",
        "title": "Lesson",
        "completed": "Learners who completed it",
        "percent": "Share of enrolled (%)",
        "comments": "Approved comments",
    }
    list_export = list(export_headings)

    def check_access(self, user, course_id):
        self.course, self.access = reported_course(user, course_id)

    def get_page_title(self):
        return "Course report"

    def get_page_subtitle(self):
        return self.course.title

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.course.pk])

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("learning_reports:courses"), "label": "Courses"},
            {"url": "", "label": self.course.title},
        ]

    @cached_property
    def figures(self):
        return analytics.figures_for(self.course)

    @cached_property
    def columns(self):
        return [
            Column("position", label="#", width="4em"),
            Column("title", label="Lesson"),
            NumberColumn("completed", label="Completed it"),
            Column("percent", label="Share of enrolled", accessor=lambda s: _percent(s.percent)),
            Column("comments", label="Comments", accessor=lambda s: _count(s.comments)),
        ]

    def get_queryset(self):
        return analytics.funnel(self.course, self.figures.enrolled)

    def get_filename(self):
        return _dated(f"course-{self.course.slug or self.course.pk}-lessons")

    def learners_table(self):
        paginator = WagtailPaginator(analytics.learner_ids(self.course), LEARNERS_PER_PAGE)
        # The figures have counted the enrolled learners already: no second COUNT(*).
        paginator.count = self.figures.enrolled
        page = paginator.get_page(self.request.GET.get(LEARNERS_PAGE_KWARG))
        rows = analytics.learners(self.course, ids=page.object_list) if page.object_list else []
        may_reset = self.access.reset

        def reset_url(enrollment):
            if may_reset:
                return reverse("learning_reports:reset", args=[self.course.pk, enrollment.user_id])

        lessons = len(self.object_list)
        columns = [
            Column("learner", label="Learner", accessor=_learner_name),
            Column("done", label="Lessons done", accessor=lambda e: f"{e.done} of {lessons}"),
            DateColumn("last_active_at", label="Last active"),
            DateColumn("enrolled_at", label="Enrolled"),
        ]
        if may_reset:
            columns.append(LinkColumn("reset", "Reset progress", reset_url, label=""))
        return Table(columns, rows), page

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        learners, learners_page = self.learners_table()
        context.update(
            course=self.course,
            figures=self.figures,
            figures_table=Table(figure_columns(lambda figures: figures), [self.figures]),
            learners_table=learners,
            learners_page=learners_page,
            learners_page_kwarg=LEARNERS_PAGE_KWARG,
            learners_page_range=learners_page.paginator.get_elided_page_range(learners_page.number),
        )
        return context


def _learner_name(enrollment):
    user = enrollment.user
    return f"{user.get_display_name()} ({user.get_username()})"
