"""Who may see which course report and reset progress in it (read side).

Staff are the people with ``learning.view_course_reports`` (see every course's report)
and ``learning.reset_progress`` (reset in any course): the "Reviewers" group, and
superusers. An educator sees, and resets in, the courses they own or co-author
(``learning.authorship``). Nobody else sees any.
"""

from dataclasses import dataclass

from learning.authorship import authored_courses, is_author
from learning.models import CoursePage


def may_view_all_reports(user):
    """Staff: people who may see every course's reports."""
    return user.is_active and user.has_perm("learning.view_course_reports")


def reportable_courses(user):
    """The courses whose reports ``user`` may see: every course for staff, else the ones
    they own or co-author (none for anyone else)."""
    if not user.is_active:
        return CoursePage.objects.none()
    if may_view_all_reports(user):
        return CoursePage.objects.all()
    return authored_courses(user)


def has_reports(user):
    """May ``user`` see at least one course report (for the "Reports" menu)?"""
    return may_view_all_reports(user) or authored_courses(user).exists()


@dataclass(frozen=True)
class ReportAccess:
    view: bool  # may see the course's report
    reset: bool  # may reset a learner's progress in it


def report_access(user, course):
    """What ``user`` may do with ``course``'s report: staff as their permissions say, the
    course's owner and co-authors both. At most one query (the authorship)."""
    if not user.is_active:
        return ReportAccess(False, False)
    staff_view = may_view_all_reports(user)
    staff_reset = user.has_perm("learning.reset_progress")
    author = not (staff_view and staff_reset) and is_author(user, course)
    return ReportAccess(view=staff_view or author, reset=staff_reset or author)


def may_view_report(user, course):
    return report_access(user, course).view


def may_reset_progress(user, course):
    """Staff with "reset progress", or the course's owner or a co-author."""
    return report_access(user, course).reset
