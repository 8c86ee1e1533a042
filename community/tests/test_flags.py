"""Readers flag a comment once, with a reason; enough distinct flags hide it until a
moderator decides."""

import pytest
from django.test import override_settings
from django.urls import reverse

from accounts.tests.factories import UserFactory
from community import moderation
from community.models import Flag

pytestmark = pytest.mark.django_db


def flag_as(client, user, comment, reason="spam", note=""):
    client.force_login(user)
    return client.post(
        reverse("community:flag", args=[comment.pk]), {"reason": reason, "note": note}
    )


def test_a_reader_flags_once_with_a_reason(client, other_learner, learner, write, lesson):
    comment = write(learner, "Buy cheap watches")
    page = client.get(reverse("community:flag", args=[comment.pk]))
    assert page.status_code == 302  # anonymous: log in first
    response = flag_as(client, other_learner, comment, "spam", "Third time today")
    assert response.status_code == 303
    flag = Flag.objects.get()
    assert (flag.user, flag.reason, flag.note) == (other_learner, "spam", "Third time today")
    again = flag_as(client, other_learner, comment, "abuse")
    assert again.status_code == 409
    assert "already flagged" in again.content.decode()
    assert Flag.objects.count() == 1
    assert "You flagged this" in client.get(lesson.url).content.decode()


def test_a_flag_needs_a_reason(client, other_learner, learner, write):
    comment = write(learner)
    response = flag_as(client, other_learner, comment, reason="")
    assert response.status_code == 400
    assert "Choose why" in response.content.decode()
    assert not Flag.objects.exists()


@override_settings(COMMENT_FLAGS_TO_HIDE=3)
def test_three_distinct_flags_hide_a_comment_until_a_moderator_approves_it(
    client, learner, moderator, write, lesson, django_capture_on_commit_callbacks, purged
):
    comment = write(learner, "Borderline remark")
    readers = [UserFactory() for _ in range(3)]
    for reader in readers[:2]:
        assert flag_as(client, reader, comment).status_code == 303
    comment.refresh_from_db()
    assert comment.status == "approved"
    with django_capture_on_commit_callbacks(execute=True):
        assert flag_as(client, readers[2], comment).status_code == 303
    comment.refresh_from_db()
    assert comment.status == "hidden"
    assert comment.moderation_reason == "Hidden automatically after 3 readers flagged it."
    assert lesson.get_full_url() in purged
    client.logout()
    assert "Borderline remark" not in client.get(lesson.url).content.decode()
    client.force_login(learner)  # its author still sees it, marked
    page = client.get(lesson.url).content.decode()
    assert "Hidden by a moderator" in page
    assert "Why: Hidden automatically after 3 readers flagged it." in page

    moderation.approve(comment, moderator, "Fine on a second reading")
    assert comment.status == "approved"
    assert not Flag.objects.filter(comment=comment, resolved_at=None).exists()
    # Earlier flags were answered; a new reader's flag alone does not hide it again.
    assert flag_as(client, UserFactory(), comment).status_code == 303
    comment.refresh_from_db()
    assert comment.status == "approved"


def test_only_shown_comments_can_be_flagged(client, other_learner, learner, write):
    comment = write(learner, "Held back", status="pending")
    response = flag_as(client, other_learner, comment)
    assert response.status_code == 404
    assert not Flag.objects.exists()
