"""Admin wiring for the community: the "Community" menu (comments queue, mutes, settings),
bulk actions, the moderators' dashboard panel and the audit log's wording.

The views live in ``community.admin``; every change they make goes through
``community.moderation``.
"""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.contrib.settings.registry import register_setting
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from community.admin import bulk_actions, log_actions
from community.admin.comments import CommentViewSet
from community.admin.mutes import MuteViewSet
from community.admin.panels import ModerationPanel
from community.admin.permissions import CommentPermissionPolicy, MutePermissionPolicy
from community.models import Comment, CommunitySettings, Mute
from community.moderation import may_moderate

# Before anything asks Wagtail for these models' policies (it would make a default one).
register_permission_policy(Comment, CommentPermissionPolicy(Comment))
register_permission_policy(Mute, MutePermissionPolicy(Mute))

register_setting(CommunitySettings, icon="comment")


class CommunityGroup(ViewSetGroup):
    menu_label = "Community"
    menu_icon = "comment"
    menu_order = 250
    items = (CommentViewSet, MuteViewSet)
    submenu_hook = "register_community_menu_item"


# register_snippet rather than the register_admin_viewset hook: the comment queue is a
# snippet listing (for Wagtail's bulk actions), and Wagtail looks snippet models up as
# soon as the hooks are loaded. The group registers the mutes' viewset alongside it.
register_snippet(CommunityGroup)


class CommunitySettingsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("community.change_communitysettings")


class ModerationHistoryMenuItem(MenuItem):
    """Wagtail shows "Site history" under Reports only to people who edit pages; the
    report itself shows moderators the comments' and mutes' entries."""

    def is_shown(self, request):
        return may_moderate(request.user)


@hooks.register("register_community_menu_item")
def community_settings_menu_item():
    url = reverse("wagtailsettings:edit", args=["community", "communitysettings"])
    return CommunitySettingsMenuItem("Settings", url, icon_name="cog", order=3)


@hooks.register("register_community_menu_item")
def moderation_history_menu_item():
    url = reverse("wagtailadmin_reports:site_history")
    return ModerationHistoryMenuItem("History", url, icon_name="history", order=4)


# order=1: after Wagtail's own "delete" for every snippet, which ours replaces for comments.
for action in bulk_actions.BULK_ACTIONS:
    hooks.register("register_bulk_action", action, order=1)

hooks.register("register_log_actions", log_actions.register)


@hooks.register("construct_homepage_panels")
def moderation_panel(request, panels):
    if may_moderate(request.user):
        panels.append(ModerationPanel())
