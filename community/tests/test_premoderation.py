"""Pre-moderation, a site setting: off, each new person's first comment, or every comment.
Held comments are shown to their author only, marked "awaiting review"."""

import pytest

from community import moderation
from community.models import Comment, CommunitySettings, Premoderation

pytestmark = pytest.mark.django_db


def set_mode(mode):
    settings = CommunitySettings.load()
    settings.premoderation = mode
    settings.save()


def post(client, user, url, body):
    client.force_login(user)
    return client.post(url, {"body": body})


def test_off_shows_comments_at_once(client, learner, post_url, lesson):
    set_mode(Premoderation.OFF)
    post(client, learner, post_url, "Straight in")
    assert Comment.objects.get().status == "approved"


def test_first_comment_mode_holds_a_new_persons_first_comment_only(
    client, learner, other_learner, moderator, post_url, lesson
):
    set_mode(Premoderation.FIRST_COMMENT)
    post(client, learner, post_url, "My very first words")
    first = Comment.objects.get()
    assert first.status == "pending"
    page = client.get(lesson.url).content.decode()
    assert "My very first words" in page and "Awaiting review" in page
    post(client, other_learner, post_url, "Another newcomer")
    assert "My very first words" not in client.get(lesson.url).content.decode()
    client.logout()
    assert "My very first words" not in client.get(lesson.url).content.decode()

    post(client, learner, post_url, "Still new, still held")
    assert Comment.objects.get(body="Still new, still held").status == "pending"
    moderation.approve(first, moderator)
    post(client, learner, post_url, "Trusted now")
    assert Comment.objects.get(body="Trusted now").status == "approved"


def test_all_mode_holds_every_comment_but_a_moderators(client, learner, moderator, write, post_url):
    set_mode(Premoderation.ALL)
    write(learner, "Approved long ago")
    post(client, learner, post_url, "Held anyway")
    assert Comment.objects.get(body="Held anyway").status == "pending"
    post(client, moderator, post_url, "From a moderator")
    assert Comment.objects.get(body="From a moderator").status == "approved"


def test_the_json_answer_says_the_comment_awaits_review(client, learner, post_url):
    set_mode(Premoderation.ALL)
    client.force_login(learner)
    answer = client.post(post_url, {"body": "Held"}, HTTP_ACCEPT="application/json").json()
    assert answer["message"] == "Your comment is posted and awaits a moderator's review."
    assert "Awaiting review" in answer["html"] and answer["count"] == 0


def test_a_held_comment_cannot_be_replied_to(client, learner, other_learner, write):
    from django.urls import reverse

    held = write(learner, "Waiting", status="pending")
    client.force_login(other_learner)
    response = client.post(reverse("community:reply", args=[held.pk]), {"body": "Hi"})
    assert response.status_code == 404
    assert not held.replies.exists()
