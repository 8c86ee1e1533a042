"""The anonymous lesson page stays cacheable and shows approved comments; every change to
what visitors see purges it; comment addresses and personal pages are never cached."""

import pytest
from django.urls import reverse

from community import moderation

pytestmark = pytest.mark.django_db


def test_the_anonymous_lesson_page_with_comments_is_declared_shareable(
    client, learner, write, lesson
):
    write(learner, "Cached with the page")
    response = client.get(lesson.url)
    assert "Cached with the page" in response.content.decode()
    assert "s-maxage=" in response["Cache-Control"] and "public" in response["Cache-Control"]


def test_a_signed_in_lesson_page_and_comment_answers_are_private(
    learner_client, learner, write, lesson, post_url
):
    comment = write(learner)
    assert "private" in learner_client.get(lesson.url)["Cache-Control"]
    for response in (
        learner_client.post(post_url, {"body": "New"}),
        learner_client.get(reverse("community:edit", args=[comment.pk])),
        learner_client.get(reverse("community:flag", args=[comment.pk])),
    ):
        assert "s-maxage" not in response.get("Cache-Control", "")
        assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("decision", ["approve", "hide", "delete", "restore"])
def test_each_moderation_decision_purges_the_lesson(
    decision, learner, moderator, write, lesson, purged, django_capture_on_commit_callbacks
):
    status = {"approve": "pending", "hide": "approved", "delete": "approved", "restore": "deleted"}
    comment = write(learner, status=status[decision])
    with django_capture_on_commit_callbacks(execute=True):
        assert moderation.decide(decision, comment, moderator, "Reason given") is True
    assert purged == [lesson.get_full_url()]


def test_posting_editing_and_deleting_purge_the_lesson_but_a_held_comment_does_not(
    learner_client, learner, lesson, post_url, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        learner_client.post(post_url, {"body": "Shown at once"})
    assert purged == [lesson.get_full_url()]
    comment = learner.comments.get()
    for name, data in (("edit", {"body": "Edited"}), ("delete", {})):
        purged.clear()
        with django_capture_on_commit_callbacks(execute=True):
            learner_client.post(reverse(f"community:{name}", args=[comment.pk]), data)
        assert purged == [lesson.get_full_url()]
