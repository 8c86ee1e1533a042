"""Moderators and readers acting at once, as on two replicas: each thread has its own
database connection against a real MariaDB (marker ``mysql``). Every transition locks
the comment's row, so the outcome is one consistent state and one audit entry per change.
"""

import pytest
from django.test import override_settings
from wagtail.models import ModelLogEntry

from accounts.tests.factories import UserFactory
from community import moderation
from community.models import Comment, Flag
from community.moderation import Refused
from learning.tests.test_concurrency import run_at_once

pytestmark = [
    pytest.mark.mysql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ROUNDS = 6


def entries(comment, action):
    return ModelLogEntry.objects.filter(object_id=str(comment.pk), action=action)


def on(pk, action, *args):
    """A call of ``action`` on a fresh copy of comment ``pk``: its result, or the status
    of its refusal."""

    def call():
        try:
            return action(Comment.objects.get(pk=pk), *args)
        except Refused as refusal:
            return refusal.status

    return call


def test_two_moderators_hiding_at_once_leave_one_decision(write, learner, moderator):
    second = UserFactory(username="second-moderator")
    second.groups.add(*moderator.groups.all())
    for round_ in range(ROUNDS):
        comment = write(learner, f"Round {round_}")
        results = run_at_once(
            [on(comment.pk, moderation.hide, who, "Rude") for who in (moderator, second)]
        )
        assert sorted(results) == [False, True]
        assert entries(comment, "community.hide").count() == 1


def test_approve_and_hide_at_once_end_in_the_state_the_log_ends_with(write, learner, moderator):
    for round_ in range(ROUNDS):
        comment = write(learner, f"Round {round_}", status="pending")
        run_at_once(
            [
                on(comment.pk, moderation.approve, moderator),
                on(comment.pk, moderation.hide, moderator, "No"),
            ]
        )
        comment.refresh_from_db()
        last = ModelLogEntry.objects.filter(object_id=str(comment.pk)).order_by("pk").last()
        assert (
            last.action
            == {"approved": "community.approve", "hidden": "community.hide"}[comment.status]
        )


@override_settings(COMMENT_FLAGS_TO_HIDE=3)
def test_readers_flagging_at_once_hide_the_comment_exactly_once(write, learner):
    for round_ in range(ROUNDS):
        comment = write(learner, f"Round {round_}")
        readers = [UserFactory() for _ in range(4)]
        results = run_at_once(
            [on(comment.pk, moderation.flag, reader, "spam") for reader in readers]
        )
        comment.refresh_from_db()
        assert comment.status == "hidden"
        assert entries(comment, "community.auto_hide").count() == 1
        # A reader whose flag came after the hiding finds the comment gone (404).
        assert Flag.objects.filter(comment=comment).count() == sum(
            isinstance(result, Flag) for result in results
        )
        assert Flag.objects.filter(comment=comment).count() >= 3


def test_one_reader_flagging_twice_at_once_counts_once(write, learner, other_learner):
    for round_ in range(ROUNDS):
        comment = write(learner, f"Round {round_}")
        results = run_at_once([on(comment.pk, moderation.flag, other_learner, "spam")] * 2)
        assert sorted(map(type, results), key=str) == sorted([Flag, int], key=str)
        assert 409 in results
        assert Flag.objects.filter(comment=comment).count() == 1
