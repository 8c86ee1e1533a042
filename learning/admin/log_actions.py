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


# Everything goes in the message: Wagtail shows a log entry's comment only in the history
# of models with revisions (pages), not in a certificate's history or the site history.


class Revoked(LogFormatter):
    label = "Revoke certificate"

    def format_message(self, log_entry):
        data = _data(log_entry)
        message = f"Revoked: {data.get('reason', '')}"
        previous = data.get("previous_reason")
        return f"{message} (reason changed; it was: {previous})" if previous else message


class Reinstated(LogFormatter):
    label = "Reinstate certificate"

    def format_message(self, log_entry):
        data = _data(log_entry)
        message = f"Reinstated: {data['reason']}" if data.get("reason") else "Reinstated"
        revoked_for = data.get("revoked_for")
        return f"{message} (it had been revoked: {revoked_for})" if revoked_for else message


class ProgressReset(LogFormatter):
    label = "Reset progress"

    def format_message(self, log_entry):
        data = _data(log_entry)
        removed = data.get("removed", 0)
        noun = "completion" if removed == 1 else "completions"
        return (
            f"Progress reset for {data.get('learner')} ({data.get('username')}): "
            f"{data.get('reason', '')} ({removed} lesson {noun} removed; certificates kept)"
        )


FORMATTERS = {
    "learning.certificate.revoke": Revoked,
    "learning.certificate.reinstate": Reinstated,
    "learning.reset_progress": ProgressReset,
}


def register(actions):
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
