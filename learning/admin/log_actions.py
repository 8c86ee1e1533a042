"""How the audit log words what ``learning.actions`` records about certificates and
progress.

Registered with Wagtail's ``register_log_actions`` hook, so a certificate's history, the
course page's history and the "Site history" report read e.g. "Revoked: plagiarism" or
"Progress reset for Ada Lovelace (ada): asked to start over". The details come from the
entry's ``data``, written when the action was taken.
"""

from wagtail.log_actions import LogFormatter


def _data(log_entry):
    return log_entry.data or {}


class Revoked(LogFormatter):
    label = "Revoke certificate"

    def format_message(self, log_entry):
        return f"Revoked: {_data(log_entry).get('reason', '')}"

    def format_comment(self, log_entry):
        previous = _data(log_entry).get("previous_reason")
        return f"Reason changed; it was: {previous}" if previous else ""


class Reinstated(LogFormatter):
    label = "Reinstate certificate"

    def format_message(self, log_entry):
        reason = _data(log_entry).get("reason")
        return f"Reinstated: {reason}" if reason else "Reinstated"

    def format_comment(self, log_entry):
        revoked_for = _data(log_entry).get("revoked_for")
        return f"It had been revoked: {revoked_for}" if revoked_for else ""


class ProgressReset(LogFormatter):
    label = "Reset progress"

    def format_message(self, log_entry):
        data = _data(log_entry)
        return f"Progress reset for {data.get('learner')} ({data.get('username')}): " + data.get(
            "reason", ""
        )

    def format_comment(self, log_entry):
        removed = _data(log_entry).get("removed", 0)
        noun = "completion" if removed == 1 else "completions"
        return f"{removed} lesson {noun} removed; certificates are kept"


FORMATTERS = {
    "learning.certificate.revoke": Revoked,
    "learning.certificate.reinstate": Reinstated,
    "learning.reset_progress": ProgressReset,
}


def register(actions):
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
