"""Site search: what a visitor typed, made safe to ask the search backend, and the courses
and lessons they may see that match it.

MariaDB's full-text engine fails ("Table handler out of memory") on queries of more than
about 33 words, and no real search needs that many: a query is cut to its first
``MAX_WORDS`` distinct words and ``MAX_LENGTH`` characters, and the visitor is told so.

Who may see what is ``core.visibility``'s rule, applied here as one filter in the database
(``hidden_from``), so that the count and the pages of results only ever hold what the
visitor may open: filtering a page of results in Python would break both.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, Q, Value
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction
from wagtail.search.utils import parse_query_string

from core.visibility import hidden_subtrees
from learning.models import CoursePage, LessonPage
from search.filters import NO_FILTER, in_courses

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


def refused_paths(user):
    """Tree paths of the pages whose view restriction refuses ``user`` (one query): a
    log-in restriction admits anyone signed in, a group restriction its groups' members
    and superusers; nothing else admits anyone (``core.visibility.accepts``)."""
    if user.is_authenticated and not user.is_superuser:
        in_group = Exists(Group.objects.filter(pageviewrestriction=OuterRef("pk"), user=user))
    else:
        in_group = Value(user.is_superuser)
    rows = PageViewRestriction.objects.annotate(in_group=in_group).values_list(
        "page__path", "restriction_type", "in_group"
    )
    for path, kind, admitted in rows:
        if kind == PageViewRestriction.LOGIN and user.is_authenticated:
            continue
        if kind == PageViewRestriction.GROUPS and admitted:
            continue
        yield path


def hidden_from(user):
    """A filter matching every page ``user`` may not see although it is live: those below
    a page that is not live, and those at or below a restriction that refuses them (two
    queries, however many pages there are)."""
    hidden = hidden_subtrees()
    for path in refused_paths(user):
        hidden |= Q(path__startswith=path)
    return hidden


def searchable(hidden):
    """Live courses and lessons, less the ``hidden`` ones (``hidden_from``)."""
    return Page.objects.live().type(CoursePage, LessonPage).exclude(hidden)


def course_tags(hidden):
    """The tags of the live courses that are not ``hidden``, by name (one query)."""
    courses = CoursePage.objects.live().exclude(hidden)
    return Tag.objects.filter(learning_coursepagetag_items__content_object__in=courses).distinct()


def search_pages(query, hidden, course_filter=NO_FILTER):
    """The courses and lessons matching ``query`` (a ``Query``) and ``course_filter`` that
    are not ``hidden``, best first. With no words but a filter: every course and lesson
    that passes it, in course order."""
    pages = searchable(hidden)
    if course_filter.active:
        pages = pages.filter(in_courses(course_filter))
    pages = pages.specific()
    if query.text:
        # Wagtail parses the text into plain words and "quoted phrases" that every search
        # backend escapes itself; raw text would reach SQLite's FTS syntax as it is. A
        # colon would make "word:word" a field filter, which the site does not offer.
        _filters, parsed = parse_query_string(query.text.replace(":", " "), operator="or")
        return pages.search(parsed)
    if course_filter.active:
        return pages.order_by("path")
    return Page.objects.none()
