"""Pages rendered once for everyone, with holes filled in for each reader.

A signed-in lesson page is mostly what every reader sees (the layout, the lesson, the
outline, the discussion) around a few small personal parts (the reader's name, their
progress and buttons, their CSRF token). A template marks each personal part as a hole:

    {% load shared_render %}
    {% hole "lesson-status" %}…anything personal…{% endhole %}

``render`` renders the template once in shared mode, where every hole leaves only a
marker, keeps the result in the cache under a key that changes whenever what everyone
sees changes, and for each request renders only the holes, with the request's own
context. Rendered normally (previews, staff, or a template shown outside ``render``) a
hole is just its contents. Nothing personal is ever rendered into the shared part; the
tests show two readers of one cached page get only their own name, progress and token.

Hole names are unique across templates: a hole is found by its name, in the templates
this process has compiled (``HOLES``), when it is filled.
"""

from django.core.cache import cache
from django.template import engines
from django.template.context import make_context
from django.template.response import TemplateResponse

MARK = "\x00"  # never in a rendered page: forms refuse NUL characters in text
PAGE_SECONDS = 60 * 60  # a page's shared part: bounds staleness should a change go unseen
HOLES = {}  # hole name -> the nodes inside it, registered as templates are compiled


def is_shared_render(context):
    request = context.get("request")
    return getattr(request, "shared_render", False)


def shared_parts(request, template_name, context):
    """``template_name`` rendered for everyone: static HTML and hole names, alternating."""
    request.shared_render = True
    try:
        html = engines["django"].get_template(template_name).render(context, request)
    finally:
        request.shared_render = False
    return html.split(MARK)


def usable(parts):
    """Cached parts can be filled here once this process has compiled all their holes
    (a fresh worker has not; after a deploy a hole may be gone)."""
    return parts is not None and all(name in HOLES for name in parts[1::2])


def fill(parts, request, template_name, context):
    """The page: the shared parts with each hole rendered from ``context`` for this request."""
    template = engines["django"].get_template(template_name).template
    render_context = make_context(context, request)
    with render_context.render_context.push_state(template), render_context.bind_template(template):
        return "".join(
            part if index % 2 == 0 else HOLES[part].render(render_context)
            for index, part in enumerate(parts)
        )


def render(request, template_name, context, key, timeout):
    """The page ``template_name`` for this request: its shared part from the cache under
    ``key`` (rendered and cached for ``timeout`` seconds when missing), its holes rendered
    now from ``context``. ``key`` must name everything the shared part shows."""
    parts = cache.get(key)
    if not usable(parts):
        parts = shared_parts(request, template_name, context)
        cache.set(key, parts, timeout)
    return fill(parts, request, template_name, context)


def serve_page(page, request):
    """A Wagtail page's response with its shared part from the cache, or None when this
    request must be rendered whole (not a GET, a route not from ``core.route_cache``, or
    a query parameter the page does not name in ``shared_query_parameters``).

    The shared part is kept per page revision, tree generation (a publish anywhere may
    change titles and outlines it shows), host, path and query, and audience: signed in
    or not, the one difference templates may show outside their holes."""
    generation = getattr(request, "tree_generation", None)
    allowed = getattr(page, "shared_query_parameters", ())
    if (
        request.method not in ("GET", "HEAD")
        or generation is None
        or any(name not in allowed for name in request.GET)
    ):
        return None
    request.is_preview = False
    template_name = page.get_template(request)
    context = page.get_context(request)
    audience = "member" if request.user.is_authenticated else "visitor"
    key = (
        f"page:{generation}:{page.pk}:{page.live_revision_id}:{audience}:"
        f"{request.get_host()}{request.get_full_path()}"
    )
    result = TemplateResponse(request, template_name, context)
    result.content = render(request, template_name, context, key, PAGE_SECONDS)
    return result
