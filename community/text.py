"""Comment text: plain text in, safe HTML out.

What a person types is kept as plain text. Shown on a page, every character is escaped;
web addresses (http and https only) become links marked ``rel="nofollow ugc"``, and line
breaks are kept. No markup from a comment ever reaches a page: ``<script>`` shows as the
characters it is. E-mails carry the text as plain text only.

Characters that change how text reads without being seen (bidirectional overrides,
control characters) are refused when written, and removed when shown, in case an old
comment carries some.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import mark_safe

from accounts.display_names import UNSAFE as DIRECTION_AND_CONTROL

# Line breaks and tabs are part of plain text; every other control character is not.
KEPT_CONTROLS = {"\n", "\r", "\t"}
UNSAFE = re.compile(f"(?![\n\r\t]){DIRECTION_AND_CONTROL.pattern}")
# A web address: the scheme, then everything up to a space or a character that cannot be
# part of one. Trailing punctuation (a full stop after the address) is left outside.
URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}'\""


def clean_comment_text(value):
    """The text to store, or a ValidationError that says what to change."""
    if "\ufffd" in value:
        raise ValidationError(
            "Your comment contains characters that could not be read (they were not valid "
            "UTF-8 text). Please type it again.",
            code="invalid_text",
        )
    if UNSAFE.search(value):
        raise ValidationError(
            "Your comment contains invisible characters that change the direction or layout "
            "of text. Please remove them.",
            code="unsafe_characters",
        )
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not value:
        raise ValidationError("Write something before posting.", code="empty")
    if len(value) > settings.COMMENT_MAX_LENGTH:
        raise ValidationError(
            f"Your comment is {len(value):,} characters long; the limit is "
            f"{settings.COMMENT_MAX_LENGTH:,}. Please shorten it.",
            code="too_long",
        )
    return value


def render_comment_text(value):
    """HTML for ``value``: escaped, addresses linked, line breaks kept."""
    value = UNSAFE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    parts = []
    position = 0
    for match in URL.finditer(value):
        url = match.group(0)
        stripped = url.rstrip(TRAILING)
        if len(stripped) <= len("https://"):
            continue
        parts.append(escape(value[position : match.start()]))
        parts.append(
            f'<a href="{escape(stripped)}" rel="nofollow ugc noopener">{escape(stripped)}</a>'
        )
        position = match.start() + len(stripped)
    parts.append(escape(value[position:]))
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308 - every part is escaped
