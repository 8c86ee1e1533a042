"""Course analytics (read side): the figures behind the course reports and dashboard panels.

Plain functions of courses (never a request), each a small, fixed number of aggregate
queries however many learners, lessons or completions there are. The admin's reports
(``learning.admin.reports``) and panels (``learning.admin.panels``) show them, and the
benchmark measures them.

What the words mean:

- **enrolled**: learners enrolled in the course now (``Enrollment`` rows). Leaving a course
  removes the enrollment, so a learner who left is not counted.
- **active in the last 7 / 30 days**: enrolled learners whose ``last_active_at`` falls in
  the period. Enrolling sets it and every lesson completion touches it; a progress reset
  does not (it is not the learner's doing).
- **completed**: enrolled learners holding a *valid* certificate for the course. A revoked
  certificate means the completion was not accepted, so its holder is not "completed"; a
  learner whose progress was reset keeps a valid certificate and stays completed.
- **completion rate**: completed / enrolled, from 0 to 1 (None with nobody enrolled).
- **median days to complete**: the median, over the completed learners, of the whole days
  (rounded down) from ``enrolled_at`` to the certificate's ``issued_at``; finishing on the
  first day counts 0. It is read from a per-day histogram counted in SQL, never by loading
  every row. A learner who left and enrolled again after the certificate has lost their
  first enrolment date: counted as completed, left out of the median. None when nobody
  has completed.
- **certificates issued / revoked**: every certificate of the course (including learners
  who left since) / those of them revoked now.
- **lesson funnel**: per live lesson, in course order, how many learners have completed it
  and their share of the enrolled, and how many of its comments readers see (status
  ``approved``, replies included). Completions are counted per lesson on its index; a
  learner who left keeps their completions (``actions.unenroll``) and still counts there,
  so in that rare case a share can pass 100 %. Unpublished lessons are not in the funnel.
"""

# The read side's public names, so callers say ``analytics.funnel(...)``.
from learning.analytics.access import (
    ReportAccess,
    has_reports,
    may_reset_progress,
    may_view_all_reports,
    may_view_report,
    report_access,
    reportable_courses,
)
from learning.analytics.activity import (
    CourseRow,
    WeekFigures,
    educator_course_rows,
    start_of_week,
    this_week,
)
from learning.analytics.course_learners import completions_in_course, learner_ids, learners
from learning.analytics.figures import (
    CourseFigures,
    completed_and_median,
    course_figures,
    figures_for,
)
from learning.analytics.lesson_funnel import FunnelStep, funnel

__all__ = [
    "CourseFigures",
    "CourseRow",
    "FunnelStep",
    "ReportAccess",
    "WeekFigures",
    "completed_and_median",
    "completions_in_course",
    "course_figures",
    "educator_course_rows",
    "figures_for",
    "funnel",
    "has_reports",
    "learner_ids",
    "learners",
    "may_reset_progress",
    "may_view_all_reports",
    "may_view_report",
    "report_access",
    "reportable_courses",
    "start_of_week",
    "this_week",
]
