"""Reply e-mails go out from the background worker, never inside the request.

The task framework's database queue is real here: posting stores a task row; nothing is
sent until the worker (``db_worker``) runs.
"""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from community import moderation

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(write, other_learner):
    other_learner.email = "grace@example.com"
    other_learner.save()
    return write(other_learner, "What is a closure?")


def reply(client, user, comment, body, capture):
    client.force_login(user)
    with capture(execute=True):
        return client.post(reverse("community:reply", args=[comment.pk]), {"body": body})


def run_worker():
    call_command("db_worker", "--backend", "background", "--batch", "--no-startup-delay")


def test_the_reply_is_posted_while_no_worker_runs_and_the_mail_goes_out_when_it_does(
    client, learner, question, django_capture_on_commit_callbacks
):
    response = reply(
        client,
        learner,
        question,
        "A function <b>with</b> its scope.",
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 303
    assert mail.outbox == []  # nothing sent inside the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    run_worker()
    [message] = mail.outbox
    assert message.to == ["grace@example.com"]
    assert message.subject == "Ada Lovelace replied to your comment"
    assert "A function <b>with</b> its scope." in message.body  # as typed, in plain text
    assert message.alternatives == []  # no HTML part
    assert "#comment-" in message.body and "/accounts/profile/" in message.body
    run_worker()
    assert len(mail.outbox) == 1  # announced once


def test_no_mail_for_those_who_opted_out_or_reply_to_themselves(
    client, learner, other_learner, question, django_capture_on_commit_callbacks
):
    reply(client, other_learner, question, "Answering myself", django_capture_on_commit_callbacks)
    other_learner.notify_on_reply = False
    other_learner.save()
    reply(client, learner, question, "Unwanted mail", django_capture_on_commit_callbacks)
    run_worker()
    assert mail.outbox == []


def test_the_opt_out_is_in_the_profile(client, other_learner):
    client.force_login(other_learner)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "E-mail me when someone replies" in page
    client.post(
        reverse("accounts:profile"),
        {"display_name": "Grace Hopper", "email": "grace@example.com"},
    )
    other_learner.refresh_from_db()
    assert other_learner.notify_on_reply is False


def test_a_held_reply_is_announced_when_a_moderator_approves_it(
    learner, moderator, question, write, django_capture_on_commit_callbacks
):
    held = write(learner, "Held reply", parent=question, status="pending")
    run_worker()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(held, moderator)
    run_worker()
    assert [m.to for m in mail.outbox] == [["grace@example.com"]]
