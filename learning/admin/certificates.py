"""The certificates register in the admin: staff revoke and reinstate, nobody adds or
deletes. Each certificate shows a Valid/Revoked badge; revoking and reinstating are
their own entries in its history (``learning.admin.log_actions``)."""

from wagtail.admin.ui.tables import StatusTagColumn
from wagtail.admin.views import generic
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


def status_label(certificate):
    return "Valid" if certificate.is_valid else "Revoked"


class CertificateEditView(generic.EditView):
    def save_instance(self):
        # The form saves through learning.actions, which log "Revoked: <reason>" or
        # "Reinstated"; Wagtail's EditAction would add a generic "Edited" entry.
        return self.form.save()


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "success"
    menu_label = "Certificates"
    add_to_admin_menu = True
    menu_order = 300
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = CertificateEditView
    list_display = [
        "course_title",
        "learner_name",
        "issued_at",
        "code",
        StatusTagColumn(
            "status",
            label="Status",
            accessor=status_label,
            primary=lambda certificate: certificate.is_valid,
            sort_key="revoked_at",
        ),
    ]
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
