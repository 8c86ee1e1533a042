from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from learning.routing import SpecificChildRoutingMixin


class HomePage(SpecificChildRoutingMixin, Page):
    """The site root: a welcome and the newest courses from the catalogue."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["learning.CourseIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from learning.models import CourseIndexPage, CoursePage

        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = CourseIndexPage.objects.live().child_of(self).first()
        context["featured_courses"] = (
            CoursePage.objects.live()
            .descendant_of(self)
            .select_related("cover_image")
            .order_by("-first_published_at")[:3]
        )
        return context
