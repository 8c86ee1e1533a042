from django import forms
from django.conf import settings

from community.models import Flag
from community.text import clean_comment_text


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        strip=False,  # clean_comment_text trims, after checking what was sent
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write something before posting."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A hint for the browser; the server's limit is in clean_comment_text.
        self.fields["body"].widget.attrs["maxlength"] = settings.COMMENT_MAX_LENGTH

    def clean_body(self):
        return clean_comment_text(self.cleaned_data["body"])


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label="What is wrong with it?", choices=Flag.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Anything moderators should know (optional)", required=False, max_length=500
    )
