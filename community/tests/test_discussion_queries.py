"""The discussion under a lesson costs a fixed number of queries, however many comments
and replies it shows (the lesson page's own budget: learning/tests/test_query_budgets.py).

A reader without a stake in it (no comments of their own there, no flags, no mute) gets
it from the cache: no query. A reader with a stake gets it rendered for them alone: the
count of threads, the page of threads with their authors, their replies with their
authors, the count of comments, their mute and their flags (6).
"""

import pytest
from wagtail.models import Page

from accounts.tests.factories import UserFactory
from learning.tests.test_query_budgets import LESSON_PAGE_QUERIES

pytestmark = pytest.mark.django_db

DISCUSSION_FOR_ONE_QUERIES = 6


@pytest.fixture
def discussed(write, lesson):
    """discussed(threads) -> the lesson with that many threads of 2 replies each, by
    different people."""

    def make(threads):
        people = [UserFactory() for _ in range(5)]
        for number in range(threads):
            top = write(people[number % 5], f"Thread {number}")
            for reply in range(2):
                write(people[(number + reply + 1) % 5], f"Reply {number}.{reply}", parent=top)
        return Page.objects.get(pk=lesson.pk).specific

    return make


@pytest.mark.parametrize("threads", [1, 20])
def test_signed_in_lesson_with_comments(
    threads, discussed, learner_client, django_assert_num_queries
):
    lesson = discussed(threads)
    learner_client.get(lesson.url)
    with django_assert_num_queries(LESSON_PAGE_QUERIES):
        response = learner_client.get(lesson.url)
    assert response.content.decode().count('class="comment"') == threads * 3


@pytest.mark.parametrize("threads", [1, 19])  # with their own: one page of 20 threads
def test_signed_in_lesson_with_a_comment_of_ones_own(
    threads, discussed, write, learner, learner_client, django_assert_num_queries
):
    lesson = discussed(threads)
    write(learner, "My own question")
    learner_client.get(lesson.url)
    with django_assert_num_queries(LESSON_PAGE_QUERIES + DISCUSSION_FOR_ONE_QUERIES):
        response = learner_client.get(lesson.url)
    html = response.content.decode()
    assert html.count('<li id="comment-') == threads * 3 + 1
    assert ">Edit</a>" in html  # their own, still within the edit window


@pytest.mark.parametrize("threads", [1, 20])
def test_anonymous_lesson_with_comments(threads, discussed, client, django_assert_num_queries):
    lesson = discussed(threads)
    client.get(lesson.url)
    with django_assert_num_queries(0):
        response = client.get(lesson.url)
    assert f"{threads * 3} comments<" in response.content.decode()
