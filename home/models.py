from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.routing import CachedRestrictionsMixin, SpecificChildRoutingMixin
from core.visibility import restricted_ids
from learning.models import CourseIndexPage, CoursePage


class HomePage(CachedRestrictionsMixin, SpecificChildRoutingMixin, Page):
    """The site root: a welcome and the newest courses from the catalogue."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["learning.CourseIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        catalogue = CourseIndexPage.objects.live().child_of(self).first()
        # Only courses of a live catalogue: an unpublished one hides its courses.
        featured = (
            CoursePage.objects.live().child_of(catalogue).select_related("cover_image")
            if catalogue
            else CoursePage.objects.none()
        )
        featured = list(featured.order_by("-first_published_at")[:3])
        context.update(
            catalogue=catalogue,
            featured_courses=featured,
            members_only=restricted_ids(featured),
        )
        return context
