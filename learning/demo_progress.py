"""``demo/progress.yml`` → demo learners' enrolments, completions and certificates (called by
``seed_demo``), dated in the past so the course reports show a believable course.

Content is data: who got how far lives in the YAML file. Progress goes through the same
actions as a learner's clicks (``learning.actions``), then the dates are moved back. A
learner already enrolled in a course is skipped, so a second run adds nothing.
"""

from datetime import timedelta
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from learning import actions
from learning.models import Certificate, CoursePage, Enrollment, LessonCompletion
from learning.outline import live_lessons

PROGRESS = Path(settings.BASE_DIR) / "demo" / "progress.yml"


def load_progress(path=PROGRESS):
    """Give the demo learners their progress; returns how many enrolments were added."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    now = timezone.now()
    added = 0
    for learner in data["learners"]:
        user = _user(learner)
        for entry in learner["courses"]:
            course = CoursePage.objects.get(slug=entry["course"])
            if Enrollment.objects.filter(user=user, course=course).exists():
                continue
            _study(user, course, entry, now)
            added += 1
    return added


def _user(learner):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=learner["username"],
        defaults={"display_name": learner.get("display_name", learner["username"])},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _study(user, course, entry, now):
    lessons = list(live_lessons(course))
    count = len(lessons) if entry["lessons"] == "all" else entry["lessons"]
    actions.enroll(user, course)
    for lesson in lessons[:count]:
        actions.complete_lesson(user, lesson, course)
    enrolled = now - timedelta(days=entry["enrolled_days_ago"])
    active = now - timedelta(days=entry["active_days_ago"])
    finished = enrolled + timedelta(days=entry.get("finished_in_days", 0))
    last_lesson = finished if entry["lessons"] == "all" else active
    Enrollment.objects.filter(user=user, course=course).update(
        enrolled_at=enrolled, last_active_at=active
    )
    # Lessons done one after another between enrolling and the last one.
    done = LessonCompletion.objects.filter(user=user, lesson_id__in=[p.pk for p in lessons])
    for position, completion in enumerate(done.order_by("lesson__path"), start=1):
        completion.completed_at = enrolled + (last_lesson - enrolled) * position / count
        completion.save(update_fields=["completed_at"])
    if entry["lessons"] == "all":
        Certificate.objects.filter(user=user, course=course).update(issued_at=finished)
