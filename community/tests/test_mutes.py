"""A moderator mutes a person for a while or for good: they read a clear message in place
of the form, and whatever they post is refused with 403."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community import moderation
from community.models import Comment
from community.moderation import Refused

pytestmark = pytest.mark.django_db


def test_a_muted_person_sees_why_instead_of_the_form_and_cannot_post(
    learner_client, learner, moderator, write, lesson, post_url, other_learner
):
    other = write(other_learner, "Open for replies")
    until = timezone.now() + timedelta(days=7)
    moderation.mute(learner, moderator, "Repeated insults", until=until)
    page = learner_client.get(lesson.url).content.decode()
    assert "A moderator has muted you until" in page and "Repeated insults" in page
    assert "data-comment-form" not in page
    assert ">Reply</a>" not in page
    for url in (post_url, reverse("community:reply", args=[other.pk])):
        response = learner_client.post(url, {"body": "Let me in"})
        assert response.status_code == 403
        assert "Repeated insults" in response.content.decode()
    json = learner_client.post(post_url, {"body": "x"}, HTTP_ACCEPT="application/json")
    assert json.status_code == 403 and "muted you" in json.json()["error"]
    assert Comment.objects.count() == 1


def test_a_mute_ends_when_its_time_is_up_or_a_moderator_lifts_it(
    learner_client, learner, moderator, post_url
):
    lapsed = moderation.mute(
        learner, moderator, "Cool off", until=timezone.now() + timedelta(days=1)
    )
    lapsed.until = timezone.now() - timedelta(seconds=1)
    lapsed.save()
    assert learner_client.post(post_url, {"body": "Back again"}).status_code == 303
    for_good = moderation.mute(learner, moderator, "Spam account")
    assert "for good" in str(for_good)
    assert learner_client.post(post_url, {"body": "Spam"}).status_code == 403
    assert moderation.unmute(for_good, moderator, "Appeal accepted") is True
    assert moderation.unmute(for_good, moderator) is False  # lifting twice changes nothing
    assert learner_client.post(post_url, {"body": "Thank you"}).status_code == 303


@pytest.mark.parametrize(
    "reason, until, message",
    [
        ("  ", None, "Say why"),
        ("Spam", timezone.now() - timedelta(hours=1), "must be in the future"),
    ],
)
def test_a_mute_needs_a_reason_and_a_future_end(learner, moderator, reason, until, message):
    with pytest.raises(Refused, match=message):
        moderation.mute(learner, moderator, reason, until=until)
    assert not learner.mutes.exists()
