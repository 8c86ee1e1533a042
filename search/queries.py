"""Site search: what a visitor typed, made safe to ask the search backend, and the pages
they may see that match it.

MariaDB's full-text engine fails ("Table handler out of memory") on queries of more than
about 33 words, and no real search needs that many: a query is cut to its first
``MAX_WORDS`` distinct words and ``MAX_LENGTH`` characters, and the visitor is told so.
"""

from dataclasses import dataclass

from wagtail.models import Page
from wagtail.search.utils import parse_query_string

from core.visibility import hidden_subtrees

MAX_WORDS = 12
MAX_LENGTH = 200


@dataclass(frozen=True)
class Query:
    text: str  # what is searched for: "" means nothing
    notice: str = ""  # what the visitor should know about how it was read


def read_query(raw):
    """A ``Query`` from whatever arrived in the query string."""
    words = []
    for word in "".join(ch if ch.isprintable() else " " for ch in raw[: MAX_LENGTH * 5]).split():
        if word.casefold() not in (seen.casefold() for seen in words):
            words.append(word)
    text = " ".join(words[:MAX_WORDS])[:MAX_LENGTH].strip()
    if len(words) > MAX_WORDS or len(" ".join(words)) > MAX_LENGTH:
        return Query(text, f"Your search was long, so only “{text}” was searched for.")
    return Query(text)


def search_pages(query):
    """Live pages the public may see that match ``query`` (a ``Query``), best first. Pages
    below an unpublished page are left out (``core.visibility``)."""
    if not query.text:
        return Page.objects.none()
    # Wagtail parses the text into plain words and "quoted phrases" that every search
    # backend escapes itself; raw text would reach SQLite's FTS syntax as it is.
    _filters, parsed = parse_query_string(query.text, operator="or")
    pages = Page.objects.live().public().exclude(hidden_subtrees()).specific()
    return pages.search(parsed)
