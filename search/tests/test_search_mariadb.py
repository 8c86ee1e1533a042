"""Search against MariaDB's full-text engine (marker ``mysql``): long and odd queries
answer with results or a clear message, never a 500."""

import pytest
from django.urls import reverse

from search.tests.test_search import QUERY_CORPUS

pytestmark = [pytest.mark.mysql, pytest.mark.django_db]


@pytest.mark.parametrize("query", QUERY_CORPUS)
def test_any_query_string_gets_an_answer_on_mariadb(make_course, client, query):
    make_course(lessons=2)
    response = client.get(reverse("search"), {"query": query})
    assert response.status_code == 200


def test_forty_words_still_find_the_lesson_on_mariadb(make_course, client):
    course, lessons = make_course(lessons=1)
    lessons[0].title = "Window functions explained"
    lessons[0].save_revision().publish()
    query = "window functions " + " ".join(f"extra{n}" for n in range(38))
    response = client.get(reverse("search"), {"query": query})
    assert response.status_code == 200
    assert "only “window functions" in response.content.decode()
