"""At most COMMENT_RATE_PER_MINUTE comments a person a minute, counted in the shared cache
(tests/stack/test_discussion.py shows it across two replicas with Redis)."""

import pytest
from django.test import override_settings
from django.urls import reverse

from community.models import Comment

pytestmark = pytest.mark.django_db


@override_settings(COMMENT_RATE_PER_MINUTE=3)
def test_the_fourth_comment_in_a_minute_is_refused_with_429(
    learner_client, other_learner, write, post_url, client
):
    question = write(other_learner, "Question")
    urls = [post_url, reverse("community:reply", args=[question.pk]), post_url]
    for number, url in enumerate(urls):
        assert learner_client.post(url, {"body": f"Comment {number}"}).status_code == 303
    response = learner_client.post(post_url, {"body": "One too many"})
    assert response.status_code == 429
    assert "at most 3 comments a minute" in response.content.decode()
    json = learner_client.post(post_url, {"body": "Again"}, HTTP_ACCEPT="application/json")
    assert json.status_code == 429 and "wait a minute" in json.json()["error"]
    assert Comment.objects.filter(author__username="learner").count() == 3
    # The limit is per person: someone else posts freely.
    client.force_login(other_learner)
    assert client.post(post_url, {"body": "My turn"}).status_code == 303


@override_settings(COMMENT_RATE_PER_MINUTE=1)
def test_refused_text_does_not_use_up_the_allowance(learner_client, post_url):
    assert learner_client.post(post_url, {"body": "   "}).status_code == 400
    assert learner_client.post(post_url, {"body": "Real comment"}).status_code == 303
