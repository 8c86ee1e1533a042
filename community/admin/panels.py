"""The dashboard panel for moderators: how many comments wait, and behind which link."""

from urllib.parse import urlencode

from django.urls import reverse
from wagtail.admin.ui.components import Component

from community.admin import queue
from community.models import Comment


class ModerationPanel(Component):
    name = "community_moderation"
    template_name = "community/admin/moderation_panel.html"
    order = 50  # above Wagtail's own panels: this is what a moderator comes for

    def get_context_data(self, parent_context):
        listing = reverse("community_comments:list")
        return {
            "pending": queue.pending_count(),
            "pending_url": f"{listing}?{urlencode({'status': Comment.Status.PENDING})}",
            "flagged": queue.flagged_count(),
            "flagged_url": f"{listing}?{urlencode({'status': queue.FLAGGED})}",
        }
