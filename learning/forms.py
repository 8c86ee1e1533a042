from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from learning import actions
from learning.models import Certificate


class CertificateRevocationForm(WagtailAdminModelForm):
    """Staff revoke a certificate (with a reason) or reinstate it; nothing else is editable.

    Saving goes through ``actions.revoke_certificate`` / ``actions.reinstate_certificate``,
    which write their own entries in the certificate's history ("Revoked: ...",
    "Reinstated: ..."), not Wagtail's generic "Edited".
    """

    revoked = forms.BooleanField(
        required=False,
        label="Revoked",
        help_text="A revoked certificate shows as revoked, with the reason, on its public "
        "verification page.",
    )
    reinstatement_reason = forms.CharField(
        required=False,
        max_length=500,
        label="Reason for reinstating",
        help_text="When you reinstate a revoked certificate: kept in its history.",
        widget=forms.Textarea(attrs={"rows": 2}),
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
        if self.cleaned_data["revoked"]:
            # Revokes, or changes the reason of a certificate revoked already.
            return actions.revoke_certificate(
                certificate, self.cleaned_data["revocation_reason"], by=self.for_user
            )
        return actions.reinstate_certificate(
            certificate, by=self.for_user, reason=self.cleaned_data["reinstatement_reason"]
        )


class ResetProgressForm(forms.Form):
    """The confirmation of a progress reset: the reason is required and goes to the log."""

    reason = forms.CharField(
        label="Reason",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the course's history with your name.",
        error_messages={"required": "Give a reason for resetting the learner's progress."},
    )
