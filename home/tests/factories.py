"""Test data for the home app: the site root page."""

import wagtail_factories

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    intro = "<p>Welcome</p>"
