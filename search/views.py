from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from search.queries import read_query, search_pages

RESULTS_PER_PAGE = 10


def search(request):
    """Wagtail's own search over live pages the visitor may see."""
    query = read_query(request.GET.get("query", ""))
    page_obj = Paginator(search_pages(query), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {"query": query.text, "notice": query.notice, "page_obj": page_obj},
    )
