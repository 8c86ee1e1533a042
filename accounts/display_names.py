"""Display names: what learners see of each other and what certificates carry.

A name must read as it is stored. Bidirectional control characters (U+202E "right-to-left
override" and its kin) make text display in a different order than it is written, so a
name could make a certificate or its public verification page say something else. They
and other control characters are refused in new names and removed from old ones wherever
a name is shown or copied onto a certificate. Letters of every script, and the zero-width
joiners some scripts and emoji need, are kept.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

# Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the implicit marks
# (U+200E, U+200F, U+061C), and control characters (C0, DEL, C1) such as line breaks.
UNSAFE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\x00-\x1f\x7f-\x9f]")


def validate_display_name(value):
    if UNSAFE.search(value):
        raise ValidationError(
            "Your name contains invisible characters that change the direction or layout of "
            "text. Please type it again without them.",
            code="unsafe_characters",
        )


def safe_display_name(value):
    """``value`` in Unicode's composed form, without unsafe characters and with single
    spaces: how a name is shown and printed."""
    value = unicodedata.normalize("NFC", UNSAFE.sub("", value))
    return " ".join(value.split())
