"""Reply notifications: when someone replies, the comment's author gets an e-mail.

Sent by a background task (Django's task framework, the "background" backend: a queue in
the database and its worker, ``manage.py db_worker --backend background``), never inside
the request: a slow or failing mail server cannot slow or fail a post. The task is
enqueued when the reply's transaction commits and is idempotent: a reply is announced at
most once, even when it is approved, hidden and approved again.

The e-mail is plain text only; the reply's text goes in as the characters it is.
"""

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from community.models import Comment


def notify_parent_author(reply):
    """Queue the e-mail to the author of the comment ``reply`` answers."""
    reply_id = reply.pk
    transaction.on_commit(lambda: send_reply_notification.enqueue(reply_id))


@task(backend="background")
def send_reply_notification(reply_id):
    with transaction.atomic():
        reply = (
            Comment.objects.select_for_update()
            .filter(pk=reply_id, status=Comment.Status.APPROVED, reply_notified_at=None)
            .first()
        )
        if reply is None or reply.parent is None:
            return "nothing to send"
        reply.reply_notified_at = timezone.now()
        reply.save(update_fields=["reply_notified_at"])
        recipient = reply.parent.author
        if (
            recipient.pk == reply.author_id
            or not recipient.notify_on_reply
            or not recipient.email
            or not recipient.is_active
        ):
            return "not wanted"
        # Sent inside the transaction: if the mail server refuses, the reply stays
        # unannounced and the task fails visibly in the queue.
        send_mail(
            subject=f"{reply.author.get_display_name()} replied to your comment",
            message=_message(reply),
            from_email=None,
            recipient_list=[recipient.email],
        )
    return "sent"


def _message(reply):
    site = reply.lesson.get_site()
    root = site.root_url if site else ""
    lesson_url = reply.lesson.get_full_url() or ""
    profile_url = root + reverse("accounts:profile")
    return (
        f"{reply.author.get_display_name()} replied to your comment on "
        f"“{reply.lesson.title}”:\n\n"
        f"{reply.body}\n\n"
        f"Read the discussion: {lesson_url}#comment-{reply.pk}\n\n"
        "You get this e-mail because someone answered you. To stop these e-mails, "
        f"untick “E-mail me when someone replies” in your profile: {profile_url}\n"
    )
