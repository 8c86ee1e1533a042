"""How the audit log words what ``learning.review`` records on lessons.

Registered with Wagtail's ``register_log_actions`` hook: a lesson's history reads
"Submitted for review with its course “Python Foundations”". The course's own entries
(workflow started, approved, changes requested, published) are Wagtail's.
"""

from wagtail.log_actions import LogFormatter

from learning.review import SUBMITTED_WITH_COURSE


class SubmittedWithCourse(LogFormatter):
    label = "Submit for review with its course"

    def format_message(self, log_entry):
        course = (log_entry.data or {}).get("course", {})
        return f"Submitted for review with its course “{course.get('title', '')}”"


def register_log_actions(actions):
    actions.register_action(SUBMITTED_WITH_COURSE)(SubmittedWithCourse)
