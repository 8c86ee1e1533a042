"""Learners discuss a lesson: post, reply one level deep, edit and delete their own words
within the window, read in either order, page by page."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from community.models import Comment

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def discussion_of(client, lesson, **query):
    response = client.get(lesson.url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_learner_posts_with_the_plain_form_and_lands_on_their_comment(
    learner_client, learner, lesson, post_url
):
    response = learner_client.post(post_url, {"body": "Why does the loop stop early?"})
    comment = Comment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{lesson.url}#comment-{comment.pk}"
    assert (comment.author, comment.status, comment.parent) == (learner, "approved", None)
    page = discussion_of(learner_client, lesson)
    assert "Why does the loop stop early?" in page
    assert "Ada Lovelace" in page and "just now" in page and "1 comment<" in page


def test_with_javascript_the_answer_is_the_new_comments_html(learner_client, post_url):
    response = learner_client.post(post_url, {"body": "First!"}, **JSON)
    assert response.status_code == 201
    answer = response.json()
    assert answer["count"] == 1 and answer["parent"] is None
    assert f'id="comment-{answer["id"]}"' in answer["html"] and "First!" in answer["html"]
    assert answer["message"] == "Your comment is posted."


def test_replies_go_one_level_deep(learner_client, other_learner, write, lesson):
    question = write(other_learner, "How do I start?")
    response = learner_client.post(
        reverse("community:reply", args=[question.pk]), {"body": "Read lesson one."}
    )
    reply = Comment.objects.get(parent=question)
    assert response.status_code == 303
    assert response["Location"] == f"{lesson.url}#comment-{reply.pk}"
    refused = learner_client.post(reverse("community:reply", args=[reply.pk]), {"body": "Deeper"})
    assert refused.status_code == 400
    assert "Replies go one level deep" in refused.content.decode()
    assert Comment.objects.count() == 2
    page = discussion_of(learner_client, lesson)
    assert page.index("How do I start?") < page.index("Read lesson one.")
    assert f'data-replies-of="{question.pk}"' in page


def test_the_reply_page_works_without_javascript(learner_client, other_learner, write):
    question = write(other_learner, "Is recursion needed?")
    page = learner_client.get(reverse("community:reply", args=[question.pk])).content.decode()
    assert (
        "Is recursion needed?" in page and 'name="body"' in page and "csrfmiddlewaretoken" in page
    )


def test_authors_edit_within_the_window_and_the_comment_says_edited(
    learner_client, learner, write, lesson
):
    comment = write(learner, "Teh typo")
    edit_url = reverse("community:edit", args=[comment.pk])
    assert "Teh typo" in learner_client.get(edit_url).content.decode()
    response = learner_client.post(edit_url, {"body": "The typo, fixed"})
    assert response.status_code == 303
    comment.refresh_from_db()
    assert comment.body == "The typo, fixed" and comment.edited_at is not None
    page = discussion_of(learner_client, lesson)
    assert "The typo, fixed" in page and ">edited</span>" in page


@override_settings(COMMENT_EDIT_MINUTES=15)
def test_after_the_window_the_author_can_no_longer_edit_or_delete(learner_client, learner, write):
    comment = write(learner, "Old words", created_at=timezone.now() - timedelta(minutes=16))
    for name, data in [("edit", {"body": "New words"}), ("delete", {})]:
        response = learner_client.post(reverse(f"community:{name}", args=[comment.pk]), data)
        assert response.status_code == 403
        assert "15 minutes after posting" in response.content.decode()
    comment.refresh_from_db()
    assert (comment.body, comment.status) == ("Old words", "approved")


def test_a_deleted_comment_with_replies_keeps_its_place_as_deleted(
    learner_client, learner, other_learner, write, lesson
):
    lonely = write(learner, "Nobody answered this")
    answered = write(learner, "Someone answered this")
    write(other_learner, "Here is an answer", parent=answered)
    delete = reverse("community:delete", args=[answered.pk])
    assert "Delete your comment?" in learner_client.get(delete).content.decode()
    assert learner_client.post(delete).status_code == 303
    assert learner_client.post(reverse("community:delete", args=[lonely.pk])).status_code == 303
    page = discussion_of(learner_client, lesson)
    assert "This comment was deleted." in page and "Here is an answer" in page
    assert "Someone answered this" not in page and "Nobody answered this" not in page
    assert page.count("comment-removed") == 1
    assert "1 comment<" in page  # only the reply is still shown


def test_newest_or_oldest_first(client, learner, write, lesson):
    now = timezone.now()
    write(learner, "Earlier remark", created_at=now - timedelta(hours=2))
    write(learner, "Later remark", created_at=now - timedelta(minutes=5))
    oldest = discussion_of(client, lesson)
    newest = discussion_of(client, lesson, order="newest")
    assert oldest.index("Earlier remark") < oldest.index("Later remark")
    assert newest.index("Later remark") < newest.index("Earlier remark")
    assert "2\xa0hours ago" in oldest and "5\xa0minutes ago" in oldest


@override_settings(COMMENTS_PER_PAGE=3)
def test_comments_are_paginated_and_a_new_one_lands_on_its_page(
    learner_client, learner, write, lesson, post_url
):
    start = timezone.now() - timedelta(hours=1)
    for number in range(7):
        write(learner, f"Remark number {number}", created_at=start + timedelta(minutes=number))
    first = discussion_of(learner_client, lesson)
    third = discussion_of(learner_client, lesson, comments_page=3)
    assert "Remark number 0" in first and "Remark number 3" not in first
    assert "Page 1 of 3" in first and "Remark number 6" in third
    response = learner_client.post(post_url, {"body": "Remark number 7"})
    assert response["Location"].startswith(f"{lesson.url}?comments_page=3#comment-")


def test_anonymous_visitors_read_but_are_asked_to_log_in(client, learner, write, lesson, post_url):
    write(learner, "Visible to everyone")
    page = discussion_of(client, lesson)
    assert "Visible to everyone" in page and "to join the discussion" in page
    assert "data-comment-form" not in page and "csrfmiddlewaretoken" not in page
    response = client.post(post_url, {"body": "Drive-by"})
    assert response.status_code == 403 and Comment.objects.count() == 1


def test_the_preview_of_a_lesson_not_saved_yet_has_no_discussion(rf, learner):
    from django.template import Context, Template

    from learning.models import LessonPage

    request = rf.get("/")
    request.user = learner
    html = Template("{% load discussion_tags %}{% lesson_discussion page %}").render(
        Context({"request": request, "page": LessonPage(title="Draft")})
    )
    assert html.strip() == ""


def test_what_an_author_deleted_stays_deleted(learner_client, learner, moderator, write):
    from community import moderation
    from community.moderation import Refused

    comment = write(learner, "Second thoughts")
    learner_client.post(reverse("community:delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert not moderation.applies("restore", comment, open_flags=False)  # not offered
    with pytest.raises(Refused, match="Its author deleted this comment"):
        moderation.restore(comment, moderator)
    comment.refresh_from_db()
    assert comment.status == "deleted"
