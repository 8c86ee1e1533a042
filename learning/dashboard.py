"""The learner's dashboard: what they study and what they finished.

One read-side function for both of its readers: the "My learning" page
(``learning.views.dashboard``) and the learner's API endpoint (``learning.api``), so the
two can never disagree. Four queries however many courses there are: the enrollments with
their courses, the outlines the cache lacks (none once cached), the learner's completions
in those lessons, and the certificates.
"""

from dataclasses import dataclass

from learning.models.certificates import Certificate
from learning.models.progress import Enrollment
from learning.progress import CourseProgress, progress_in


@dataclass(frozen=True)
class CourseRow:
    """One course the learner is enrolled in."""

    enrollment: Enrollment
    # Done, total, percent and the next lesson to study, in lesson order.
    summary: CourseProgress
    certificate: Certificate | None  # valid or revoked

    @property
    def course(self):
        return self.enrollment.course


@dataclass(frozen=True)
class Dashboard:
    enrollments: list  # CourseRow for every live course enrolled in, most recently studied first
    certificates: list  # Certificate (valid or revoked), newest first

    @property
    def in_progress(self):
        """The enrolled courses without a certificate yet (the page's first section)."""
        return [row for row in self.enrollments if row.certificate is None]


def dashboard(user):
    """What ``user`` is studying and what they finished."""
    enrollments = [
        enrollment
        for enrollment in Enrollment.objects.filter(user=user)
        .select_related("course")
        .order_by("-last_active_at")
        if enrollment.course.live
    ]
    by_course = progress_in(user, [enrollment.course for enrollment in enrollments])
    certificates = list(
        Certificate.objects.filter(user=user).select_related("course").order_by("-issued_at")
    )
    by_certified_course = {certificate.course_id: certificate for certificate in certificates}
    return Dashboard(
        enrollments=[
            CourseRow(
                enrollment,
                by_course[enrollment.course_id],
                by_certified_course.get(enrollment.course_id),
            )
            for enrollment in enrollments
        ],
        certificates=certificates,
    )
