"""Comment text is plain text: no markup a person writes reaches a page, links are safe.

The corpus mixes the classic vectors (OWASP's filter evasion cheat sheet): tags, event
handlers, script URLs, SVG, encodings and nesting, and invisible direction controls.
"""

import re

import pytest
from django.core.exceptions import ValidationError

from community.text import clean_comment_text, render_comment_text

XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    "<svg/onload=alert(1)>",
    '<svg><script xlink:href="data:,alert(1)"></script></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<div style=\"background:url('javascript:alert(1)')\">",
    'https://example.com/"onmouseover="alert(1)',
    "https://example.com/<script>alert(1)</script>",
    "http://example.com/?q=<svg/onload=alert(1)>",
    "<a href=https://example.com>real link</a>",
]

# Anything that would be markup once in a page: a tag opening, an event handler attribute
# or a script URL inside an attribute.
TAG = re.compile(r"<(?!a href=\"https?://|/a>|br>)", re.IGNORECASE)


@pytest.mark.parametrize("text", XSS_CORPUS)
def test_no_markup_from_a_comment_reaches_the_page(text):
    html = render_comment_text(text)
    assert not TAG.search(html), html
    for link in re.findall(r'<a href="([^"]*)"', html):
        assert link.startswith(("http://", "https://")), html
        assert "<" not in link and '"' not in link
    # What was typed reads as typed: unescaping the output gives the text back.
    assert (
        re.sub(r"<[^>]+>", "", html)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
        == text
    )


def test_web_addresses_become_nofollow_links_and_line_breaks_stay():
    html = render_comment_text("See https://docs.python.org/3/tutorial/.\nThen ask here")
    assert html == (
        'See <a href="https://docs.python.org/3/tutorial/" rel="nofollow ugc noopener">'
        "https://docs.python.org/3/tutorial/</a>.<br>Then ask here"
    )


@pytest.mark.parametrize("text", ["javascript:alert(1)", "data:text/html,x", "ftp://files.example"])
def test_other_schemes_are_never_links(text):
    assert "<a" not in render_comment_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "Pay \u202eexe.bad\u202c now",  # right-to-left override
        "\u2066isolated\u2069",
        "invisible\u200fmark",
        "bell\x07",
        "nul\x00byte",
    ],
)
def test_direction_and_control_characters_are_refused_and_never_shown(text):
    with pytest.raises(ValidationError, match="invisible characters"):
        clean_comment_text(text)
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200f\x00\x07]", render_comment_text(text))


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Write something"),
        ("   \n\t  ", "Write something"),
        ("x" * 5_001, "limit is 5,000"),
        ("bad \ufffd bytes", "not valid UTF-8"),
    ],
)
def test_bad_text_is_refused_with_words(text, message):
    with pytest.raises(ValidationError, match=message):
        clean_comment_text(text)


def test_text_is_trimmed_and_its_line_breaks_normalised():
    assert clean_comment_text("  one\r\ntwo\rthree \n") == "one\ntwo\nthree"
    assert (
        clean_comment_text("Emoji 🎉 and Ελληνικά and עברית") == "Emoji 🎉 and Ελληνικά and עברית"
    )
