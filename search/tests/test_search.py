"""Site search: live courses and lessons by title, summary and body text, narrowed by
level and topic, a page of results at a time with the searched words marked.
Who sees what is in test_search_privacy.py."""

import re

import pytest
from django.urls import reverse

from learning.tests.factories import CoursePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")


def found(response):
    """The titles of the results shown, as plain text."""
    return [re.sub(r"<[^>]+>", "", str(result.title)) for result in response.context["results"]]


def lesson(course, title, *blocks):
    return LessonPageFactory(
        parent=course, title=title, **({"body": list(blocks)} if blocks else {})
    )


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


@pytest.fixture
def sql_course(catalogue):
    course = CoursePageFactory(
        parent=catalogue,
        title="Databases in depth",
        summary="Recursion in queries, and how indexes help.",
        level="advanced",
        tags=["SQL", "Data"],
    )
    lesson(course, "Window functions explained", paragraph("Rank rows within partitions."))
    return course


def test_search_finds_courses_and_lessons_by_title_summary_and_body(sql_course, client):
    lesson(
        sql_course,
        "Tuning",
        paragraph("Plans first."),
        ("code", {"language": "sql", "code": "EXPLAIN SELECT normalisation FROM t;"}),
        ("callout", {"kind": "tip", "title": "Mind", "text": "<p>Vacuum regularly.</p>"}),
    )
    assert found(client.get(SEARCH, {"query": "window"})) == ["Window functions explained"]
    assert found(client.get(SEARCH, {"query": "recursion"})) == ["Databases in depth"]
    assert found(client.get(SEARCH, {"query": "normalisation"})) == ["Tuning"]
    assert found(client.get(SEARCH, {"query": "vacuum"})) == ["Tuning"]


def test_only_courses_and_lessons_are_searched(sql_course, catalogue, client):
    catalogue.title = "Almanac"
    catalogue.save_revision().publish()
    sql_course.title = "Almanac of databases"
    sql_course.save_revision().publish()
    assert found(client.get(SEARCH, {"query": "almanac"})) == ["Almanac of databases"]


def test_a_lesson_shows_its_course_and_a_course_its_level_and_topics(sql_course, client):
    html = client.get(SEARCH, {"query": "window recursion"}).content.decode()
    items = re.findall(r'<li class="search-result">(.*?)</li>', html, re.S)
    lesson_item = next(item for item in items if "Window" in item)
    course_item = next(item for item in items if "Window" not in item)
    assert "Lesson" in lesson_item
    assert f'<a href="{sql_course.url}">Databases in depth</a>' in lesson_item
    assert "Course" in course_item and "Advanced" in course_item
    assert ">SQL</a>" in course_item and ">Data</a>" in course_item


def test_searched_words_are_marked_in_titles_and_snippets(sql_course, client):
    html = client.get(SEARCH, {"query": "window rank"}).content.decode()
    assert "<mark>Window</mark> functions explained" in html
    assert "<mark>Rank</mark> rows within partitions." in html


def test_the_snippet_is_the_passage_around_the_first_match(sql_course, client):
    filler = " ".join(f"filler{n}" for n in range(80))
    lesson(sql_course, "Long read", paragraph(f"{filler} the gist is here. {filler}"))
    response = client.get(SEARCH, {"query": "gist"})
    snippet = str(response.context["results"][0].snippet)
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "the <mark>gist</mark> is here." in snippet
    assert len(re.sub(r"<[^>]+>", "", snippet)) < 240


def test_snippets_leave_out_block_settings(sql_course, client):
    lesson(
        sql_course,
        "Headings",
        ("heading", {"text": "Joins", "level": "h2"}),
        ("callout", {"kind": "warning", "title": "", "text": "<p>Indexes cost writes.</p>"}),
    )
    snippet = str(client.get(SEARCH, {"query": "joins"}).context["results"][0].snippet)
    assert snippet == "<mark>Joins</mark> · Indexes cost writes."


def test_block_settings_are_not_searched(sql_course, client):
    """A heading's level ("Section") and a callout's kind ("Warning") are not lesson text."""
    lesson(
        sql_course,
        "Headings",
        ("heading", {"text": "Joins", "level": "h2"}),
        ("callout", {"kind": "warning", "title": "", "text": "<p>Indexes cost writes.</p>"}),
    )
    assert found(client.get(SEARCH, {"query": "section"})) == []
    assert found(client.get(SEARCH, {"query": "warning"})) == []
    assert found(client.get(SEARCH, {"query": "joins"})) == ["Headings"]


def test_markup_in_lessons_and_queries_is_shown_as_text(sql_course, client):
    lesson(
        sql_course,
        "Escaping <b>bold</b>",
        paragraph("&lt;script&gt;alert('body')&lt;/script&gt; scripted"),
        ("code", {"language": "html", "code": "<script>alert('code')</script> scripted"}),
    )
    html = client.get(SEARCH, {"query": "<script>alert(1)</script> scripted"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;<mark>script</mark>&gt;<mark>alert</mark>(&#x27;body&#x27;)" in html
    assert "Escaping &lt;b&gt;bold&lt;/b&gt;" in html
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt; scripted"' in html


def test_filters_narrow_courses_and_their_lessons(sql_course, catalogue, client):
    intro = CoursePageFactory(parent=catalogue, title="Window shopping", tags=["Data"])
    lesson(intro, "Window boxes", paragraph("Flowers."))
    assert sorted(found(client.get(SEARCH, {"query": "window", "level": "advanced"}))) == [
        "Window functions explained"
    ]
    assert sorted(found(client.get(SEARCH, {"query": "window", "level": "beginner"}))) == [
        "Window boxes",
        "Window shopping",
    ]
    assert sorted(found(client.get(SEARCH, {"query": "window", "tag": "sql"}))) == [
        "Window functions explained"
    ]
    assert len(found(client.get(SEARCH, {"query": "window", "tag": "data"}))) == 3
    both = client.get(SEARCH, {"query": "window", "tag": "data", "level": "beginner"})
    assert sorted(found(both)) == ["Window boxes", "Window shopping"]
    assert "2 results for “window” in Beginner courses on Data." in both.content.decode()


def test_a_filter_alone_lists_its_courses_and_lessons_in_order(sql_course, client):
    response = client.get(SEARCH, {"tag": "sql"})
    assert found(response) == ["Databases in depth", "Window functions explained"]
    assert "2 results in courses on SQL." in response.content.decode()


def test_topics_on_offer_are_those_of_live_courses(sql_course, catalogue, client):
    draft = CoursePageFactory(parent=catalogue, title="Unfinished", tags=["Secret topic"])
    draft.unpublish()
    tags = [tag.name for tag in client.get(SEARCH).context["tags"]]
    assert tags == ["Data", "SQL"]


@pytest.mark.parametrize(
    "params, notice",
    [
        ({"level": "expert"}, "There is no such level, so all were searched."),
        ({"tag": "cobol"}, "There is no such topic, so all were searched."),
        ({"level": "x", "tag": "y"}, "There is no such level or topic, so all were searched."),
    ],
)
def test_unknown_filters_are_ignored_and_said_so(sql_course, client, params, notice):
    response = client.get(SEARCH, {"query": "window", **params})
    assert response.status_code == 200
    assert notice in response.content.decode()
    assert found(response) == ["Window functions explained"]


@pytest.fixture
def twelve_lessons(sql_course):
    return [lesson(sql_course, f"Kestrel {n}", paragraph("Birds.")) for n in range(12)]


def test_results_come_ten_a_page_with_the_filters_kept(twelve_lessons, client):
    first = client.get(SEARCH, {"query": "kestrel", "tag": "sql", "level": "advanced"})
    html = first.content.decode()
    assert len(found(first)) == 10
    assert "12 results for “kestrel” in Advanced courses on SQL, page 1 of 2." in html
    assert (
        '<a href="?query=kestrel&amp;level=advanced&amp;tag=sql&amp;page=1" aria-current="page">'
        in html
    )
    assert 'href="?query=kestrel&amp;level=advanced&amp;tag=sql&amp;page=2" rel="next"' in html
    second = client.get(SEARCH, {"query": "kestrel", "tag": "sql", "level": "advanced", "page": 2})
    assert len(found(second)) == 2
    assert set(found(first)).isdisjoint(found(second))
    assert '<ol class="search-results" start="11"' in second.content.decode()


@pytest.mark.parametrize(
    "page, shown", [("99", 2), ("-1", 2), ("abc", 10), ("", 10), ("1.5", 10), ("9" * 40, 2)]
)
def test_a_bad_page_number_shows_a_page_of_results(twelve_lessons, client, page, shown):
    response = client.get(SEARCH, {"query": "kestrel", "page": page})
    assert response.status_code == 200
    assert len(found(response)) == shown


def test_an_empty_query_shows_the_form_without_results(client, home):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert response.context["results"] == []
    assert "result" not in response.content.decode().split("</form>")[1]


def test_a_long_query_is_shortened_and_says_so(sql_course, client):
    words = "window functions " + " ".join(f"extra{n}" for n in range(60))
    response = client.get(SEARCH, {"query": words})
    assert response.status_code == 200
    assert "Your search was long, so only “window functions extra0" in response.content.decode()
    assert len(response.context["query"].split()) == 12
    assert found(response) == ["Window functions explained"]


# Where the queries of a results page go (10): pages below unpublished pages and the view
# restrictions with the visitor's groups (2), the topics on offer (1), the count and the
# page of results (2), the results as courses and as lessons (2), the lessons' courses (1),
# the courses' topics (1) and the Site for the results' links (1). The site root paths
# come from the cache; so does a signed-in visitor's session (``cached_db``), whose user
# is one more query.
RESULTS_PAGE_QUERIES = 10


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("lessons", [2, 9])
def test_a_results_page_costs_the_same_queries_however_many_it_shows(
    sql_course, client, learner, lessons, signed_in, django_assert_num_queries
):
    for n in range(lessons):
        lesson(sql_course, f"Kestrel {n}", paragraph("Birds."))
    sql_course.summary = "Kestrel watching."
    sql_course.save_revision().publish()
    if signed_in:
        client.force_login(learner)
    client.get(SEARCH, {"query": "kestrel"})  # warms the site-root-paths cache
    with django_assert_num_queries(RESULTS_PAGE_QUERIES + signed_in):
        response = client.get(SEARCH, {"query": "kestrel"})
    assert len(found(response)) == lessons + 1


def test_search_results_are_never_declared_shareable(sql_course, client, learner):
    anonymous = client.get(SEARCH, {"query": "window"})
    assert "public" not in anonymous.get("Cache-Control", "")
    assert "s-maxage" not in anonymous.get("Cache-Control", "")
    client.force_login(learner)
    personal = client.get(SEARCH, {"query": "window"})
    assert "private" in personal["Cache-Control"]


# Whatever arrives in the query string: results or a clear message, never a 500. Run on
# MariaDB too (test_search_mariadb.py), whose full-text engine is the fragile one.
QUERY_CORPUS = [
    " ".join(f"word{n}" for n in range(34)),  # over MariaDB's ~33-term limit
    " ".join(["python"] * 500),
    "x" * 5000,
    '"unbalanced quote',
    '""',
    "+must -not >more <less (group) ~tilde *star @distance",
    "'; DROP TABLE wagtailcore_page; --",
    "%_\\",
    "\x00\x01 nul and controls \x7f",
    "emoji 🐍🎓 and 漢字 and العربية",
    "\u202e reversed",
    "live:false tag:sql",
    "a",
    "   ",
]
# The other parameters, as badly: each with a query from the corpus.
PARAMS_CORPUS = [
    {"page": "99"},
    {"page": "-5"},
    {"page": "9" * 400},
    {"page": "\x00"},
    {"level": "<script>", "tag": "%"},
    {"level": "advanced", "tag": "sql", "page": "2"},
    {"tag": "\x00' OR 1=1 --"},
    {"level": "advanced" * 200},
]


@pytest.mark.parametrize("query", QUERY_CORPUS)
@pytest.mark.parametrize("params", PARAMS_CORPUS)
def test_any_query_string_gets_an_answer(sql_course, client, query, params):
    response = client.get(SEARCH, {"query": query, **params})
    assert response.status_code == 200
