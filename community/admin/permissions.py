"""Who may do what with comments and mutes in the admin.

Comments and mutes change only through ``community.moderation``, so nobody, a superuser
included, adds, edits or deletes one through Wagtail's generic views. What is left:

- comments: "view" opens the queue, "moderate" (``community.moderate_comment``) takes
  the decisions;
- mutes: "view" and "add" (which calls ``moderation.mute``), and "lift", which needs the
  ordinary "Can change mute" permission.
"""

from wagtail.permission_policies import ModelPermissionPolicy


class CommentPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


class MutePermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("change", "delete"):
            return False
        if action == "lift":
            action = "change"
        return super().user_has_permission(user, action)
