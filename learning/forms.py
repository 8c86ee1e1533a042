from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from learning import actions
from learning.models import Certificate


class CertificateRevocationForm(WagtailAdminModelForm):
    """Staff revoke a certificate (with a reason) or reinstate it; nothing else is editable."""

    revoked = forms.BooleanField(
        required=False,
        label="Revoked",
        help_text="A revoked certificate shows as revoked, with the reason, on its public "
        "verification page.",
    )

    class Meta:
        model = Certificate
        fields = ["revocation_reason"]
        labels = {"revocation_reason": "Reason for revoking"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revoked"].initial = self.instance.revoked_at is not None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("revoked") and not (cleaned.get("revocation_reason") or "").strip():
            self.add_error("revocation_reason", "Give a reason for revoking the certificate.")
        return cleaned

    def save(self, commit=True):
        certificate = self.instance
        if not self.cleaned_data["revoked"]:
            return actions.reinstate_certificate(certificate)
        if certificate.revoked_at is None:
            return actions.revoke_certificate(
                certificate, self.cleaned_data["revocation_reason"], by=self.for_user
            )
        return super().save(commit=commit)  # still revoked; the reason may have been edited
