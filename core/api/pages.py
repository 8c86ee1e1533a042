"""Wagtail's v2 pages endpoint over the public tree (``core.api.public``), one page type
per endpoint, JSON only, read only, with the API's errors (``core.api.errors``)."""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404
from django.urls import path
from django.utils.cache import patch_cache_control
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.fields import StreamField
from wagtail.models import Page

from core.api.errors import method_not_allowed_message, parse_id
from core.api.public import PublicTree


class JSONOnly(BaseContentNegotiation):
    """Always JSON, whatever the Accept header or ``?format=`` asks: no 404 or 406 for an
    unexpected one, and no browsable HTML version (its scripts break the site's CSP)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's v2 pages endpoint for one page type (``model``), over the public tree.

    Differences from Wagtail's own, each for a reason:
    - the public tree instead of Wagtail's ``.public()`` for the requester, which lets a
      signed-in person see members-only pages (and makes answers personal);
    - ``type`` and ``site`` are not parameters (one type per endpoint, one site);
    - ``parent`` and ``alias_of`` are not fields (the lesson says its course itself);
    - a detail address with an id that is not a number answers JSON 404, not the site's
      HTML 404, and unknown query parameters are refused on detail addresses too;
    - every failure is ``{"message": ...}``, including DRF's own (405) and a filter value
      the field cannot take (400 rather than 500).
    """

    model = None  # set on subclasses: a Page subclass
    not_found_message = "No public page has the id {id}."
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnly
    # The content is the same for everyone; the session only lets the cache policy tell a
    # signed-in person's answer from a visitor's. No token or password log-in here.
    authentication_classes = [SessionAuthentication]
    permission_classes = [AllowAny]
    http_method_names = ["get", "head"]
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"type", "site"}
    detail_query_parameters = frozenset(["fields", "rich_text_format", "format", "_"])
    meta_fields = [
        field for field in PagesAPIViewSet.meta_fields if field not in ("parent", "alias_of")
    ]
    detail_only_fields = []

    def initial(self, request, *args, **kwargs):
        # Before authentication: a signed-in person's POST would otherwise be refused for
        # its missing CSRF token (403) rather than for its method.
        if request.method.lower() not in self.http_method_names:
            raise exceptions.MethodNotAllowed(request.method)
        self.public_tree = PublicTree()
        super().initial(request, *args, **kwargs)

    # The queryset ----------------------------------------------------------------------

    def get_base_queryset(self):
        """Every public page: Wagtail finds the pages named by ``child_of``,
        ``descendant_of`` and ``ancestor_of`` among them."""
        return Page.objects.filter(self.public_tree.filter())

    def get_queryset(self):
        """The public pages of this endpoint's type, in tree order."""
        return self.model.objects.filter(self.public_tree.filter()).order_by("path")

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            pk = parse_id(self.kwargs["pk"])
            found = self.get_queryset().filter(pk=pk).first() if pk else None
            if found is None:
                raise Http404(self.not_found_message.format(id=self.kwargs["pk"]))
            self._cached_object = found
        return self._cached_object

    def detail_view(self, request, pk):
        unknown = set(request.GET) - self.detail_query_parameters
        if unknown:
            raise BadRequestError(
                "query parameter is not recognised on a detail address: "
                + ", ".join(sorted(unknown))
            )
        return super().detail_view(request, pk)

    def find_object(self, queryset, request):
        if "id" in request.GET and not parse_id(request.GET["id"]):
            raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        """StreamFields are not for filtering or ordering: a filter on one is a 400."""
        fields = super().get_available_fields(model, db_fields_only)
        if db_fields_only:
            fields = [name for name in fields if not _is_stream_field(model, name)]
        return fields

    @classmethod
    def get_urlpatterns(cls):
        """Wagtail's, with any text as the id, so that /courses/abc/ answers the endpoint's
        JSON 404; ``find/`` first, since it would match as an id."""
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("find/", cls.as_view({"get": "find_view"}), name="find"),
            path("<str:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    # Answers ---------------------------------------------------------------------------

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["public_tree"] = self.public_tree
        return context

    def handle_exception(self, exc):
        if isinstance(exc, ValidationError):
            # A filter value its field cannot take, e.g. ?estimated_hours=many.
            exc = BadRequestError("field filter error: " + " ".join(exc.messages))
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and "detail" in response.data:
            response.data = {"message": str(response.data["detail"])}
        if isinstance(exc, exceptions.MethodNotAllowed):
            response.data = {"message": method_not_allowed_message(self.request.method)}
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, no_cache=True)
        return response


def _is_stream_field(model, name):
    try:
        return isinstance(model._meta.get_field(name), StreamField)
    except FieldDoesNotExist:
        return False
