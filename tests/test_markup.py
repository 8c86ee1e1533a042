"""The HTML the site sends is well formed where assistive technology depends on it.

Parsed from the server's responses, no browser: every ``aria-describedby`` points at an
element that exists, help text is no list squeezed into a paragraph, headings do not skip a
level, each search landmark has its own name, flash messages sit in a live region that is not
the list itself, and every page links a favicon that exists.
"""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.contrib.staticfiles import finders
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

# Start tags that close an open <p> in a browser: written inside one, the paragraph breaks
# in two and the element ends up outside it (https://html.spec.whatwg.org/#the-p-element).
CLOSES_P = set(
    "address article aside blockquote details div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul".split()
)


class Markup(HTMLParser):
    """What these tests look at in a page, collected in one pass."""

    def __init__(self, html):
        super().__init__()
        self.ids = Counter()
        self.described_by = []  # (element id, referenced id)
        self.inside_p = []  # start tags met while a <p> was open
        self.headings = []  # (level, classes)
        self.search_landmarks = []  # the accessible name of each (None when unnamed)
        self.live_regions = []  # (tag, role)
        self.icons = []  # hrefs of <link rel="icon">
        self._p_open = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids[attrs["id"]] += 1
        for target in (attrs.get("aria-describedby") or "").split():
            self.described_by.append((attrs.get("id"), target))
        if self._p_open and tag in CLOSES_P:
            self.inside_p.append(tag)
        if tag == "p":
            self._p_open = True
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append((int(tag[1]), attrs.get("class") or ""))
        if tag == "search" or attrs.get("role") == "search":
            self.search_landmarks.append(attrs.get("aria-label") or attrs.get("aria-labelledby"))
        if attrs.get("role") in ("status", "alert", "log") or attrs.get("aria-live"):
            self.live_regions.append((tag, attrs.get("role")))
        if tag == "link" and "icon" in (attrs.get("rel") or "").split():
            self.icons.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "p":
            self._p_open = False


def parse(response):
    assert response.status_code == 200, response.status_code
    return Markup(response.content.decode())


def reset_link(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/accounts/reset/{uid}/{default_token_generator.make_token(user)}/"


FORM_PAGES = [
    # (what, signed in, method, path, data)
    ("sign-up", False, "get", "/accounts/signup/", None),
    ("sign-up with errors", False, "post", "/accounts/signup/", {"password1": "1"}),
    ("log-in", False, "get", "/accounts/login/", None),
    ("log-in with errors", False, "post", "/accounts/login/", {"username": "nobody"}),
    ("profile", True, "get", "/accounts/profile/", None),
    ("profile with errors", True, "post", "/accounts/profile/", {"email": "not-an-address"}),
    ("password change", True, "get", "/accounts/password_change/", None),
    ("password change with errors", True, "post", "/accounts/password_change/", {}),
    ("password reset", False, "get", "/accounts/password_reset/", None),
    ("password reset confirm", False, "get", reset_link, None),
]


@pytest.mark.parametrize(
    ("signed_in", "method", "path", "data"),
    [page[1:] for page in FORM_PAGES],
    ids=[page[0] for page in FORM_PAGES],
)
def test_form_pages_are_well_formed(client, learner, signed_in, method, path, data):
    if signed_in:
        client.force_login(learner)
    if callable(path):
        path = path(learner)
    response = getattr(client, method)(path, data, follow=True)
    markup = parse(response)
    missing = [(owner, target) for owner, target in markup.described_by if not markup.ids[target]]
    assert not missing, f"aria-describedby points at ids that do not exist: {missing}"
    assert not markup.inside_p, f"block elements inside a <p>: {markup.inside_p}"
    duplicated = [name for name, count in markup.ids.items() if count > 1]
    assert not duplicated, f"ids used more than once: {duplicated}"


def test_sign_up_password_help_is_a_list_the_field_describes(client, db):
    markup = Markup(client.get("/accounts/signup/").content.decode())
    assert ("id_password1", "id_password1_helptext") in markup.described_by
    assert markup.ids["id_password1_helptext"] == 1
    assert not markup.inside_p


def skipped_levels(headings):
    """Headings that go more than one level deeper than the one before them."""
    skipped, previous = [], 0
    for level, classes in headings:
        if level > previous + 1:
            skipped.append(f"h{previous} → h{level} ({classes or 'no class'})")
        previous = level
    return skipped


def test_catalogue_headings_do_not_skip_a_level(client, catalogue, make_course):
    make_course(title="Python Foundations")
    make_course(title="Git in Practice")
    markup = parse(client.get(catalogue.url))
    assert not skipped_levels(markup.headings)
    assert [level for level, classes in markup.headings if "card-title" in classes] == [2, 2]


def test_home_course_cards_sit_under_the_new_courses_heading(client, home, make_course):
    make_course(title="Python Foundations")
    markup = parse(client.get(home.url))
    assert not skipped_levels(markup.headings)
    assert (3, "card-title") in markup.headings, markup.headings


def test_each_search_landmark_has_its_own_name(client, home):
    markup = parse(client.get("/search/", {"query": "python"}))
    names = markup.search_landmarks
    assert names, "the search page has no search landmark"
    assert None not in names or len(names) == 1, f"unnamed search landmarks: {names}"
    assert len(set(names)) == len(names), f"search landmarks share a name: {names}"


def test_flash_messages_live_region_is_not_the_list(learner_client):
    response = learner_client.post(
        "/accounts/profile/", {"display_name": "Ada", "email": "ada@example.com"}, follow=True
    )
    markup = parse(response)
    assert b"Your profile was saved." in response.content
    assert ("div", "status") in markup.live_regions, markup.live_regions
    lists_as_regions = [tag for tag, _ in markup.live_regions if tag in ("ul", "ol", "li")]
    assert not lists_as_regions, "a list must keep its list role; wrap it in the live region"


def test_pages_link_a_favicon_that_exists(client, db, settings):
    markup = parse(client.get("/accounts/login/"))
    assert len(markup.icons) == 1, markup.icons
    href = markup.icons[0]
    assert href.startswith(settings.STATIC_URL)
    assert finders.find(href.removeprefix(settings.STATIC_URL)), f"{href} is not a static file"
