"""``demo/discussions.yml`` → comments under the demo lessons (called by ``seed_demo``).

Content is data: the text lives in the YAML file, this module only loads it. A thread
may carry a ``status`` (a comment awaiting review) and ``flags`` (readers' reports), so
the demo moderator finds work in the queue. A lesson
that already has comments is skipped, so a second run adds nothing.
"""

from datetime import timedelta
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from community.models import Comment, Flag
from community.text import clean_comment_text
from learning.models import CoursePage, LessonPage

DISCUSSIONS = Path(settings.BASE_DIR) / "demo" / "discussions.yml"


def load_discussions(path=DISCUSSIONS):
    """Create the demo discussions; returns how many comments were added."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    User = get_user_model()
    for person in data.get("people", []):
        user, created = User.objects.get_or_create(
            username=person["username"], defaults={"display_name": person["display_name"]}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    users = {user.username: user for user in User.objects.all()}
    now = timezone.now()
    fresh = {}
    added = 0
    for thread in data.get("threads", []):
        lesson = _lesson(thread["lesson"])
        if lesson.pk not in fresh:
            fresh[lesson.pk] = not Comment.objects.filter(lesson=lesson).exists()
        if not fresh[lesson.pk]:
            continue
        top = _comment(lesson, users[thread["author"]], thread, now)
        for flag in thread.get("flags", []):
            Flag.objects.create(comment=top, user=users[flag["by"]], reason=flag["reason"])
        for reply in thread.get("replies", []):
            _comment(lesson, users[reply["author"]], reply, now, parent=top)
            added += 1
        added += 1
    return added


def _lesson(address):
    course_slug, lesson_slug = address.split("/")
    course = CoursePage.objects.get(slug=course_slug)
    return LessonPage.objects.child_of(course).get(slug=lesson_slug)


def _comment(lesson, author, data, now, parent=None):
    return Comment.objects.create(
        lesson=lesson,
        author=author,
        parent=parent,
        body=clean_comment_text(data["text"]),
        status=data.get("status", Comment.Status.APPROVED),
        created_at=now - timedelta(hours=data["hours_ago"]),
    )
