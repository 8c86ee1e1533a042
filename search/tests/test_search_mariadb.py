"""Search against MariaDB's full-text engine (marker ``mysql``): long and odd queries
answer with results or a clear message, never a 500, and each person finds exactly what
they may open, as on SQLite.

InnoDB reads its full-text index as of the last commit: rows written inside a test's
open transaction are never found. The tests that expect results therefore commit for
real (``transaction=True``; ``serialized_rollback`` puts back the rows that migrations
create after each flush). Pages reach the index by Wagtail's save signal, as they do in
the admin; a copied database needs ``manage.py update_index`` once.
"""

import pytest
from django.urls import reverse

from learning.tests.factories import CoursePageFactory, LessonPageFactory
from search.tests.test_search import PARAMS_CORPUS, QUERY_CORPUS, found
from search.tests.test_search_privacy import (
    EXPECTED,
    PEOPLE,
    PUBLIC,
    WORD,
    build_world,
    search_as,
    titles,
)

pytestmark = pytest.mark.mysql
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SEARCH = reverse("search")


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERY_CORPUS)
def test_any_query_string_gets_an_answer_on_mariadb(make_course, client, query):
    make_course(lessons=2)
    response = client.get(SEARCH, {"query": query})
    assert response.status_code == 200


@committed
def test_every_odd_query_with_odd_parameters_answers_over_a_filled_index(catalogue, client):
    course = CoursePageFactory(parent=catalogue, title="Python basics", tags=["SQL"])
    LessonPageFactory(parent=course, title="Python word0 lists")
    failures = [
        (query[:40], params)
        for query in QUERY_CORPUS
        for params in PARAMS_CORPUS
        if client.get(SEARCH, {"query": query, **params}).status_code != 200
    ]
    assert failures == []
    assert found(client.get(SEARCH, {"query": "python"})) != []


@committed
def test_forty_words_still_find_the_lesson_on_mariadb(make_course, client):
    course, lessons = make_course(lessons=1)
    lessons[0].title = "Window functions explained"
    lessons[0].save_revision().publish()
    query = "window functions " + " ".join(f"extra{n}" for n in range(38))
    response = client.get(SEARCH, {"query": query})
    assert "only “window functions" in response.content.decode()
    assert found(response) == ["Window functions explained"]


@committed
def test_filters_and_snippets_on_mariadb(catalogue, client):
    advanced = CoursePageFactory(parent=catalogue, title="Deep SQL", level="advanced", tags=["SQL"])
    LessonPageFactory(
        parent=advanced,
        title="Window functions",
        body=[("paragraph", "<p>Rank rows &lt;script&gt; within partitions.</p>")],
    )
    easy = CoursePageFactory(parent=catalogue, title="Window shopping", tags=["Retail"])
    LessonPageFactory(parent=easy, title="Window boxes")
    response = client.get(SEARCH, {"query": "window", "tag": "sql", "level": "advanced"})
    assert found(response) == ["Window functions"]
    response = client.get(SEARCH, {"query": "partitions"})
    assert "Rank rows &lt;script&gt; within <mark>partitions</mark>." in response.content.decode()
    assert sorted(found(client.get(SEARCH, {"query": "window", "level": "beginner"}))) == [
        "Window boxes",
        "Window shopping",
    ]


@committed
@pytest.mark.parametrize("who", PEOPLE)
def test_each_person_finds_exactly_what_they_may_open_on_mariadb(
    catalogue, cohort, people, client, who
):
    build_world(catalogue, cohort)
    assert titles(search_as(client, people[who], query=WORD)) == EXPECTED[who]
    assert titles(search_as(client, people[who], query="quokka")) == set()
    assert titles(search_as(client, people[who], level="beginner")) == EXPECTED[who]


@committed
def test_counts_hold_only_what_an_anonymous_visitor_may_open_on_mariadb(catalogue, cohort, client):
    build_world(catalogue, cohort)
    response = client.get(SEARCH, {"query": WORD})
    assert titles(response) == PUBLIC
    assert f"{len(PUBLIC)} results for “{WORD}”." in response.content.decode()
