"""Who finds what: search shows a person exactly the courses and lessons they may open
(``core.visibility``). Anonymous visitors never find members-only, group-only, private or
draft content; a signed-in learner finds members-only content, a member of a group also
what is kept for that group, and nobody finds drafts or what lies below an unpublished
course. Run on MariaDB too (test_search_mariadb.py)."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from core.visibility import is_visible
from learning.models import CoursePage, LessonPage
from learning.tests.factories import CoursePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")
WORD = "kestrel"  # in the text of every page below, never in a title

PUBLIC = {"Public course", "Public lesson", "Tapir lesson"}
MEMBERS = {"Members course", "Members lesson"}
COHORT = {"Cohort course", "Cohort lesson"}
# Who finds what, by the word every page carries.
EXPECTED = {
    "anonymous": PUBLIC,
    "learner": PUBLIC | MEMBERS,
    "member": PUBLIC | MEMBERS | COHORT,
    "superuser": PUBLIC | MEMBERS | COHORT,
}
PEOPLE = list(EXPECTED)


def course(catalogue, title, **fields):
    return CoursePageFactory(parent=catalogue, title=title, summary=f"A {WORD} course.", **fields)


def lesson(parent, title, **fields):
    body = [("paragraph", f"<p>Watching the {WORD}.</p>")]
    return LessonPageFactory(parent=parent, title=title, body=body, **fields)


def build_world(catalogue, cohort):
    """A course and a lesson of each kind, titled by what they are."""
    public = course(catalogue, "Public course", tags=["Open"])
    lesson(public, "Public lesson")
    members = course(catalogue, "Members course", tags=["Insider"])
    lesson(members, "Members lesson")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    kept = course(catalogue, "Cohort course", tags=["Cohort topic"])
    lesson(kept, "Cohort lesson")
    restriction = PageViewRestriction.objects.create(page=kept, restriction_type="groups")
    restriction.groups.add(cohort)
    # Not offered on this site (WAGTAIL_PRIVACY_OPTIONS), but a row could exist: refused.
    locked = course(catalogue, "Password course")
    lesson(locked, "Password lesson")
    PageViewRestriction.objects.create(page=locked, restriction_type="password", password="x")
    lesson(public, "Draft lesson", live=False)
    withdrawn = course(catalogue, "Withdrawn course", tags=["Withdrawn topic"])
    lesson(withdrawn, "Withdrawn lesson")
    withdrawn.unpublish()  # its lesson stays live in Wagtail's eyes
    retitled = lesson(public, "Tapir lesson")
    retitled.title = "Quokka lesson"
    retitled.save_revision()  # a draft change, not published


@pytest.fixture
def world(catalogue, cohort):
    build_world(catalogue, cohort)


def search_as(client, user, **params):
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return response


def titles(response):
    return {re.sub(r"<[^>]+>", "", str(result.title)) for result in response.context["results"]}


@pytest.mark.parametrize("who", PEOPLE)
def test_each_person_finds_exactly_what_they_may_open(world, people, client, who):
    response = search_as(client, people[who], query=WORD)
    assert titles(response) == EXPECTED[who]
    count = len(EXPECTED[who])
    assert f"{count} results for “{WORD}”" in response.content.decode()


@pytest.mark.parametrize("who", PEOPLE)
def test_search_agrees_with_the_site_wide_visibility_rule(world, people, client, who):
    user = people[who]
    shown = titles(search_as(client, user, query=WORD))
    pages = Page.objects.type(CoursePage, LessonPage).live()
    assert shown == {page.title for page in pages if is_visible(user, page)}


@pytest.mark.parametrize("who", PEOPLE)
def test_a_draft_title_is_never_found(world, people, client, who):
    assert titles(search_as(client, people[who], query="quokka")) == set()
    assert titles(search_as(client, people[who], query="tapir")) == {"Tapir lesson"}


@pytest.mark.parametrize("who", PEOPLE)
def test_titles_of_hidden_pages_find_nothing(world, people, client, who):
    for word in ("members", "cohort", "password", "draft", "withdrawn"):
        found = titles(search_as(client, people[who], query=word))
        assert found <= EXPECTED[who], word


@pytest.mark.parametrize("who", PEOPLE)
def test_filters_alone_list_only_what_a_person_may_open(world, people, client, who):
    response = search_as(client, people[who], level="beginner")
    assert titles(response) == EXPECTED[who]


@pytest.mark.parametrize(
    "who, topics",
    [
        ("anonymous", ["Open"]),
        ("learner", ["Insider", "Open"]),
        ("member", ["Cohort topic", "Insider", "Open"]),
        ("superuser", ["Cohort topic", "Insider", "Open"]),
    ],
)
def test_topics_on_offer_name_only_courses_a_person_may_open(world, people, client, who, topics):
    response = search_as(client, people[who])
    assert [tag.name for tag in response.context["tags"]] == topics


def test_a_hidden_topic_given_by_hand_is_refused_like_an_unknown_one(world, client):
    response = client.get(SEARCH, {"query": WORD, "tag": "insider"})
    assert "There is no such topic, so all were searched." in response.content.decode()
    assert titles(response) == PUBLIC


def test_counts_and_pages_hold_only_what_the_visitor_may_open(world, catalogue, client):
    public = CoursePage.objects.get(title="Public course")
    members = CoursePage.objects.get(title="Members course")
    for n in range(9):
        lesson(public, f"Open {n}")
        lesson(members, f"Closed {n}")
    first = client.get(SEARCH, {"query": WORD})
    assert f"12 results for “{WORD}”, page 1 of 2." in first.content.decode()
    second = client.get(SEARCH, {"query": WORD, "page": 2})
    assert len(second.context["results"]) == 2
    assert not any(title.startswith("Closed") for title in titles(first) | titles(second))


def test_a_members_search_is_marked_private(world, people, client):
    response = search_as(client, people["member"], query=WORD)
    assert "private" in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]
