from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from learning.models.pages import Level
from search.filters import read_filters
from search.queries import course_tags, hidden_from, read_query, search_pages
from search.results import describe
from search.snippets import terms

RESULTS_PER_PAGE = 10


def pagination(page_obj, params):
    """Links to the other pages of results, keeping the query and filters: ``previous``
    and ``next`` (URLs or ``None``) and ``pages``, dicts with ``number`` (``None`` for a
    gap), ``url`` and ``current``. ``None`` when there is one page."""
    if not page_obj.has_other_pages():
        return None

    def url(number):
        return "?" + urlencode({**params, "page": number})

    pages = []
    for number in page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1):
        if number == page_obj.paginator.ELLIPSIS:
            pages.append({"number": None})
        else:
            pages.append(
                {"number": number, "url": url(number), "current": number == page_obj.number}
            )
    return {
        "previous": url(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next": url(page_obj.next_page_number()) if page_obj.has_next() else None,
        "pages": pages,
    }


def search(request):
    """Courses and lessons the visitor may see, by words, level and topic.

    Not declared shareable (``core.cache_policy``), so no shared cache keeps it; a
    signed-in visitor's results are also marked private by ``PrivateResponsesMiddleware``.
    """
    query = read_query(request.GET.get("query", ""))
    hidden = hidden_from(request.user)
    tags = list(course_tags(hidden).order_by("name"))
    course_filter = read_filters(request.GET, tags)
    searched = bool(query.text or course_filter.active)
    found = search_pages(query, hidden, course_filter)
    page_obj = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    params = {**({"query": query.text} if query.text else {}), **course_filter.params()}
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query.text,
            "notices": [notice for notice in (query.notice, course_filter.notice) if notice],
            "searched": searched,
            "page_obj": page_obj,
            "results": describe(page_obj, terms(query.text)) if searched else [],
            "pagination": pagination(page_obj, params),
            "levels": Level.choices,
            "tags": tags,
            "course_filter": course_filter,
            "active_level_label": Level(course_filter.level).label if course_filter.level else "",
            "active_tag_name": next((t.name for t in tags if t.slug == course_filter.tag), ""),
            "clear_filters_url": "?" + urlencode({"query": query.text}),
        },
    )
