"""What comments and mutes have in common in the admin: nobody edits one, so every link
that would go to an edit page goes to the inspect page instead."""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import policy_registry


def person(user):
    """How the admin names someone: display name and username."""
    if user is None:
        return "—"
    return f"{user.get_display_name()} ({user.username})"


class InspectURLFinder(ModelAdminURLFinder):
    """Links from the site history and bulk actions go to the inspect page: comments and
    mutes have no edit page."""

    inspect_url_name = None

    def get_edit_url(self, instance):
        policy = policy_registry.get(instance)
        if self.user and not policy.user_has_permission(self.user, "view"):
            return None
        return reverse(self.inspect_url_name, args=[quote(instance.pk)])


class BlankAsDashMixin:
    """Inspect views: a field never set reads "—", not "None"."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None or value == "" else value


class InspectInsteadOfEditMixin:
    """For history views: breadcrumbs and the header button go to the inspect page."""

    any_permission_required = ["add", "change", "delete", "view"]
    inspect_url_name = None

    def get_edit_url(self, instance):
        return reverse(self.inspect_url_name, args=[quote(instance.pk)])

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton("Inspect", url=self.get_edit_url(self.object), icon_name="info-circle")
        ]
