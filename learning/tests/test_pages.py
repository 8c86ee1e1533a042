"""The course tree: which page types may go where, and how each page renders for a visitor.
Catalogue filtering and pagination are in test_catalogue.py."""

from urllib.parse import parse_qs, urlsplit

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from learning.models import CourseIndexPage, CoursePage, LessonPage
from learning.tests.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=x"
VIDEO_HTML = '<iframe title="Demo video" src="https://www.youtube-nocookie.com/embed/x"></iframe>'


# Page-type rules: what an editor may create where in the admin.


class TestPageTypeRules(WagtailPageTestCase):
    def test_home_page_holds_only_the_catalogue(self):
        self.assertAllowedSubpageTypes(HomePage, {CourseIndexPage})
        self.assertCanCreateAt(HomePage, CourseIndexPage)
        self.assertCanNotCreateAt(HomePage, CoursePage)
        self.assertCanNotCreateAt(HomePage, LessonPage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_catalogue_lives_under_home_and_holds_only_courses(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertCanNotCreateAt(Page, CourseIndexPage)
        self.assertCanNotCreateAt(CourseIndexPage, CourseIndexPage)
        self.assertCanNotCreateAt(CourseIndexPage, LessonPage)

    def test_course_lives_in_the_catalogue_and_holds_lessons(self):
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage})
        self.assertCanCreateAt(CourseIndexPage, CoursePage)
        self.assertCanNotCreateAt(Page, CoursePage)
        self.assertCanNotCreateAt(CoursePage, CoursePage)

    def test_lesson_lives_in_a_course_and_has_no_children(self):
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertCanCreateAt(CoursePage, LessonPage)
        self.assertCanNotCreateAt(LessonPage, LessonPage)
        self.assertCanNotCreateAt(Page, LessonPage)


# Rendering for an anonymous visitor


def test_home_page_renders_with_its_title_and_newest_courses(client, make_course):
    course, _ = make_course(lessons=1, title="Intro to Wagtail")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Home</h1>" in html
    assert f'<a href="{course.url}">Intro to Wagtail</a>' in html
    assert "Browse the courses" in html


def test_catalogue_renders_its_title_and_courses(client, make_course):
    make_course(lessons=0, title="Data Science Basics")
    response = client.get("/courses/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Courses</h1>" in html
    assert "Data Science Basics" in html
    assert "1 course<" in html


def test_course_page_renders_its_title_and_lessons(client, make_course):
    course, lessons = make_course(lessons=2, title="Statistics")
    response = client.get(course.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Statistics</h1>" in html
    for lesson in lessons:
        assert f'<a href="{lesson.url}">{lesson.title}</a>' in html
    assert "Log in to enroll" in html


def test_lesson_page_renders_its_title_for_an_anonymous_visitor(client, make_course):
    course, _ = make_course(lessons=0)
    body = [("paragraph", "<p>Lesson text that teaches one idea.</p>")]
    lesson = LessonPageFactory(parent=course, title="First steps", body=body)
    following = LessonPageFactory(parent=course, title="Second steps")
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>First steps</h1>" in html
    assert "Lesson text that teaches one idea." in html
    assert f'<a href="{following.url}" rel="next">Second steps →</a>' in html
    assert "to mark lessons complete" in html


@pytest.fixture
def lesson_with_every_block(make_course):
    course, _ = make_course(lessons=0)
    image = wagtail_factories.ImageFactory(title="A diagram")
    document = wagtail_factories.DocumentFactory(title="Worksheet one")
    # The embed tag reads Wagtail's embed cache first, so the page needs no network.
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL, None, None),
        type="video",
        html=VIDEO_HTML,
        provider_name="YouTube",
    )
    body = [
        ("paragraph", "<p>Plain <i>teaching</i> text.</p>"),
        ("heading", {"text": "Second section", "level": "h3"}),
        ("image", {"image": image, "caption": "The diagram explained"}),
        ("video", {"video": VIDEO_URL, "caption": "Watch this first"}),
        ("code", {"language": "python", "code": 'print("<b>")'}),
        ("callout", {"kind": "warning", "title": "Mind the gap", "text": "<p>Careful.</p>"}),
        ("document", {"document": document, "title": ""}),
        ("quote", {"quote": "Stay curious.", "attribution": "A teacher"}),
    ]
    lesson = LessonPageFactory(parent=course, title="Everything at once", body=body)
    return lesson, image, document


def test_lesson_renders_every_block_type(client, lesson_with_every_block):
    lesson, image, document = lesson_with_every_block
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()

    assert '<div class="block-paragraph"><p>Plain <i>teaching</i> text.</p></div>' in html
    assert '<h3 class="block-heading">Second section</h3>' in html

    rendition = image.get_rendition("width-960")
    assert f'src="{rendition.url}"' in html
    assert 'alt="A diagram"' in html
    assert "<figcaption>The diagram explained</figcaption>" in html

    assert VIDEO_HTML in html
    assert "<figcaption>Watch this first</figcaption>" in html

    assert '<code class="language-python">print(&quot;&lt;b&gt;&quot;)</code>' in html
    assert 'print("<b>")' not in html

    assert '<aside class="callout callout-warning" role="note">' in html
    assert "<strong>Mind the gap</strong>" in html
    assert "<p>Careful.</p>" in html

    assert f'<a href="{document.url}" download>⬇ Worksheet one</a>' in html

    assert "<blockquote><p>Stay curious.</p></blockquote>" in html
    assert "<figcaption>— A teacher</figcaption>" in html


def test_document_link_downloads_the_file(client, lesson_with_every_block):
    _, _, document = lesson_with_every_block
    response = client.get(document.url)
    assert response.status_code == 200
    with document.open_file() as stored:
        assert b"".join(response.streaming_content) == stored.read()


# Members-only courses and unpublished lessons


@pytest.fixture
def members_only_course(make_course):
    course, lessons = make_course(lessons=2, title="Members Course")
    PageViewRestriction.objects.create(page=course, restriction_type="login")
    return course, lessons


def test_members_only_lesson_sends_an_anonymous_visitor_to_log_in(client, members_only_course):
    _, lessons = members_only_course
    response = client.get(lessons[0].url)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("login") == "/accounts/login/"
    assert parse_qs(location.query)["next"] == [lessons[0].url]


def test_the_log_in_page_says_why_a_members_only_lesson_sent_the_visitor_there(
    client, members_only_course
):
    _, lessons = members_only_course
    response = client.get(lessons[0].url, follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    html = response.content.decode()
    assert "<h1>Log in</h1>" in html
    assert f"“{lessons[0].title}” is for members. Log in, or create a free account" in html


def test_members_only_course_page_sends_an_anonymous_visitor_to_log_in(client, members_only_course):
    course, _ = members_only_course
    response = client.get(course.url)
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/accounts/login/"


def test_members_only_lesson_is_shown_to_a_logged_in_learner(learner_client, members_only_course):
    _, lessons = members_only_course
    response = learner_client.get(lessons[0].url)
    assert response.status_code == 200
    assert f"<h1>{lessons[0].title}</h1>" in response.content.decode()


def test_logging_in_from_a_members_only_lesson_comes_back_to_it(
    client, learner, members_only_course
):
    _, lessons = members_only_course
    login_url = client.get(lessons[0].url)["Location"]
    response = client.post(
        login_url,
        {"username": "learner", "password": "correct-horse-battery", "next": lessons[0].url},
        follow=True,
    )
    assert response.redirect_chain == [(lessons[0].url, 302)]
    assert f"<h1>{lessons[0].title}</h1>" in response.content.decode()


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "learner"])
def test_unpublished_lesson_is_404(client, learner, make_course, signed_in):
    course, lessons = make_course(lessons=2)
    url = lessons[0].url
    lessons[0].unpublish()
    if signed_in:
        client.force_login(learner)
    assert client.get(url).status_code == 404
    outline = client.get(course.url).content.decode()
    assert lessons[0].title not in outline
    assert lessons[1].title in outline


def test_unknown_lesson_slug_is_404(client, make_course):
    course, _ = make_course(lessons=1)
    assert client.get(f"{course.url}no-such-lesson/").status_code == 404


def test_educator_edits_and_previews_a_lesson_in_the_wagtail_admin(make_course, educator, client):
    course, lessons = make_course(lessons=1, owner=educator)  # their own course
    client.force_login(educator)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[lessons[0].pk]))
    assert edit.status_code == 200
    add = client.get(reverse("wagtailadmin_pages:add", args=["learning", "lessonpage", course.pk]))
    assert add.status_code == 200
    explorer = client.get(reverse("wagtailadmin_explore", args=[course.pk]))
    assert lessons[0].title.encode() in explorer.content
