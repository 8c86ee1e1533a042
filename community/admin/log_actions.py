"""How the audit log words what ``community.moderation`` and ``community.comments`` record.

Registered with Wagtail's ``register_log_actions`` hook, so a comment's or a mute's
history and the "Site history" report read e.g. "Hidden: spam links". The reason comes
from the entry's ``data``, written when the action was taken.
"""

from datetime import datetime

from django.utils import timezone
from wagtail.log_actions import LogFormatter

from community.models import Flag


def _data(log_entry):
    return log_entry.data or {}


class WithReason(LogFormatter):
    """The message, then ": <reason>" when one was given."""

    def format_message(self, log_entry):
        reason = _data(log_entry).get("reason")
        return f"{self.message}: {reason}" if reason else self.message


class FlagFormatter(LogFormatter):
    label = "Flag comment"

    def format_message(self, log_entry):
        data = _data(log_entry)
        reasons = dict(Flag.Reason.choices)
        message = f"Flagged: {reasons.get(data.get('reason'), data.get('reason', ''))}"
        return f"{message} ({data['note']})" if data.get("note") else message


class AutoHideFormatter(LogFormatter):
    label = "Hide comment automatically"

    def format_message(self, log_entry):
        flags = _data(log_entry).get("flags")
        return f"Hidden automatically after {flags} readers flagged it"


class MuteFormatter(LogFormatter):
    label = "Mute"

    def format_message(self, log_entry):
        data = _data(log_entry)
        if data.get("until"):
            until = timezone.localtime(datetime.fromisoformat(data["until"]))
            period = f"until {until:%d %b %Y %H:%M}"
        else:
            period = "for good"
        message = f"Muted {period}"
        return f"{message}: {data['reason']}" if data.get("reason") else message


class Approved(WithReason):
    label, message = "Approve comment", "Approved"


class Hidden(WithReason):
    label, message = "Hide comment", "Hidden"


class Deleted(WithReason):
    label, message = "Delete comment", "Deleted"


class Restored(WithReason):
    label, message = "Restore comment", "Restored"


class Unmuted(WithReason):
    label, message = "Lift mute", "Mute lifted"


FORMATTERS = {
    "community.approve": Approved,
    "community.hide": Hidden,
    "community.delete": Deleted,
    "community.restore": Restored,
    "community.flag": FlagFormatter,
    "community.auto_hide": AutoHideFormatter,
    "community.mute": MuteFormatter,
    "community.unmute": Unmuted,
}


def register(actions):
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
    actions.register_action("community.edit", "Edit comment", "Edited by its author")
