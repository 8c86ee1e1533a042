"""What a result shows of a page: a short passage of the text that was searched, with the
searched words marked.

The text is what Wagtail indexes for the page (its ``search_fields`` other than the
title), read from the page itself, less the labels of choice blocks ("Section (h2)",
"Tip"), which are settings rather than content. Everything is escaped; only the ``<mark>``
elements added here are markup.
"""

import re

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.search import index

SNIPPET_CHARS = 220  # about two lines on a wide screen, four on a phone
LEAD_CHARS = 60  # text kept before the first match, to show where it sits
SEPARATOR = " · "  # between blocks and fields


def terms(text):
    """The words of a query, longest first (so "functions" is marked before "fun")."""
    words = {word.casefold() for word in re.findall(r"\w+", text)}
    return sorted(words, key=lambda word: (-len(word), word))


def _pattern(words):
    if not words:
        return None
    # A word matches where a word starts, and the mark covers the whole word: "function"
    # marks "functions", as the search backends' stemming would find it.
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")\w*", re.IGNORECASE)


def highlight(text, words):
    """``text`` escaped, with each word that starts with one of ``words`` in ``<mark>``."""
    pattern = _pattern(words)
    if pattern is None:
        return escape(text)
    parts, end = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[end : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        end = match.end()
    parts.append(escape(text[end:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def _block_text(block, value):
    """The searchable text of one block's value, without choice labels."""
    if value is None or isinstance(block, blocks.ChoiceBlock):
        return []
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in _block_text(child.block, child.value)]
    if isinstance(block, blocks.StructBlock):
        return [
            text
            for name, child_block in block.child_blocks.items()
            for text in _block_text(child_block, value.get(name))
        ]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in _block_text(block.child_block, item)]
    return block.get_searchable_content(value)


def searchable_text(page):
    """The text of ``page`` that search looks at besides its title, as one string."""
    pieces = []
    for field in page.get_search_fields():
        if not isinstance(field, index.SearchField) or field.field_name == "title":
            continue
        try:
            model_field = page._meta.get_field(field.field_name)
        except FieldDoesNotExist:  # a method or property: its value is the text
            model_field = None
        if isinstance(model_field, StreamField):
            pieces += _block_text(model_field.stream_block, getattr(page, field.field_name))
        else:
            value = field.get_value(page)
            pieces += value if isinstance(value, list) else [value]
    return SEPARATOR.join(" ".join(str(piece).split()) for piece in pieces if piece)


def snippet(text, words):
    """A passage of ``text`` around the first searched word, highlighted; the start of the
    text when no word is in it (the title matched)."""
    if not text:
        return ""
    pattern = _pattern(words)
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > LEAD_CHARS:
        start = text.find(" ", match.start() - LEAD_CHARS, match.start()) + 1 or match.start()
    end = start + SNIPPET_CHARS
    if end < len(text):
        space = text.rfind(" ", start + 1, end)
        end = space if space > start else end
    passage = highlight(text[start:end], words)
    return mark_safe(  # noqa: S308 - highlight() escaped the passage
        ("… " if start else "") + passage + (" …" if end < len(text) else "")
    )
