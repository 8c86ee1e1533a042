"""The certificates register in the admin: staff revoke and reinstate, nobody adds or
deletes."""

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from learning.forms import CertificateRevocationForm
from learning.models import Certificate


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Certificates are issued by completing a course and never deleted; staff with the
    "change certificate" permission may only revoke or reinstate them."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "success"
    menu_label = "Certificates"
    add_to_admin_menu = True
    menu_order = 300
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["course_title", "learner_name", "issued_at", "code", "is_valid"]
    list_filter = ["revoked_at", "issued_at"]
    search_fields = ["learner_name", "course_title", "code"]
    inspect_view_fields = [
        "code",
        "learner_name",
        "course_title",
        "issued_at",
        "revoked_at",
        "revocation_reason",
    ]

    def get_form_class(self, for_update=False):
        return CertificateRevocationForm
