"""The learner's dashboard ("My learning"), assembled for the page and, later, the API.

Read side: courses in progress with their progress, and every certificate (valid or
revoked), in four queries however many courses there are.
"""

from dataclasses import dataclass

from learning.models.certificates import Certificate
from learning.progress import CourseSummary, enrolled_courses, summaries


@dataclass(frozen=True)
class CourseRow:
    course: object
    summary: CourseSummary


@dataclass(frozen=True)
class Dashboard:
    in_progress: list  # CourseRow, most recently studied first
    certificates: list  # Certificate, newest first


def dashboard(user):
    """What ``user`` is studying and what they finished."""
    courses = enrolled_courses(user)
    by_course = summaries(user, courses)
    certificates = list(
        Certificate.objects.filter(user=user).select_related("course").order_by("-issued_at")
    )
    certified = {certificate.course_id for certificate in certificates}
    return Dashboard(
        in_progress=[
            CourseRow(course, by_course[course.pk])
            for course in courses
            if course.pk not in certified
        ],
        certificates=certificates,
    )
