"""The synthetic sizes of the cost-growth benchmark (``bench/cost_growth.py``), built in its
own database on top of ``seed_demo`` and a small ``seed_scale`` (50 courses × 40 lessons).

- Course size: courses ``growth-lessons-010``, ``-100``, ``-500`` with that many lessons,
  each with its own learner (``growth-lessons-NNN``) who has done half of them.
- Enrolments: learners ``growth-enrolments-NN`` enrolled in the first 1, 10, 50 scale
  courses, 10 lessons done in each.
- Comments: course ``growth-comments`` with three lessons carrying 0, 50 and 500 approved
  comments (a third of them replies) by 20 authors; its learner ``growth-comments``.

Idempotent: pages are added per course in one transaction (all its lessons or nothing);
users are fetched or created; progress and comments go in one transaction, skipped when
there. Rows go in through ``home.bulk_load.insert_rows``; pages through Wagtail's
``add_child``.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from community.models import Comment
from home.bulk_load import insert_rows, pages_indexed_together
from learning.models import CourseIndexPage, CoursePage, Enrollment, LessonCompletion, LessonPage

LESSON_SIZES = (10, 100, 500)
ENROLMENT_SIZES = (1, 10, 50)
COMMENT_SIZES = (0, 50, 500)
DONE_PER_ENROLMENT = 10
AUTHORS = 20


def lessons_course(size):
    return f"growth-lessons-{size:03d}"


def build():
    """Add what is missing; returns the course slugs' pages {slug: CoursePage}."""
    catalogue = CourseIndexPage.objects.order_by("path").first()
    wanted = {lessons_course(n): n for n in LESSON_SIZES} | {"growth-comments": 3}
    courses = {}
    for slug, size in wanted.items():
        course = CoursePage.objects.child_of(catalogue).filter(slug=slug).first()
        if course is None:
            course = add_course(catalogue, slug, size)
        courses[slug] = course
    users = {name: user(name) for name in learner_names()}
    authors = [user(f"growth-author-{n:02d}") for n in range(AUTHORS)]
    marker = users["growth-comments"]
    if not Enrollment.objects.filter(user=marker).exists():
        with transaction.atomic():
            add_progress(courses, users)
            add_comments(lessons_of(courses["growth-comments"]), authors)
    return courses


def learner_names():
    names = [lessons_course(n) for n in LESSON_SIZES]
    names += [f"growth-enrolments-{n:02d}" for n in ENROLMENT_SIZES]
    return [*names, "growth-comments"]


def add_course(catalogue, slug, size):
    now = timezone.now()
    with transaction.atomic(), pages_indexed_together(CoursePage, LessonPage) as added:
        course = catalogue.add_child(
            instance=CoursePage(
                title=f"Growth: {slug}",
                slug=slug,
                summary="A generated course for the cost-growth benchmark.",
                level="beginner",
                first_published_at=now,
                last_published_at=now,
            )
        )
        added.append(course)
        for n in range(size):
            lesson = LessonPage(
                title=f"Lesson {n + 1}",
                slug=f"lesson-{n + 1:03d}",
                estimated_minutes=10,
                body=[("paragraph", f"<p>Generated lesson {n + 1}.</p>")],
                first_published_at=now,
                last_published_at=now,
            )
            added.append(course.add_child(instance=lesson))
    print(f"    added {slug} with {size} lessons", flush=True)
    return course


def lessons_of(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def scale_courses():
    return list(CoursePage.objects.filter(slug__startswith="scale-course-").order_by("slug"))


def user(username):
    found, _ = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "display_name": username.replace("-", " ").title(),
            "email": f"{username}@example.com",
            "password": make_password(None),
        },
    )
    return found


def add_progress(courses, users):
    now = timezone.now()
    enrolments, completions = [], []
    for size in LESSON_SIZES:
        learner = users[lessons_course(size)].pk
        course = courses[lessons_course(size)]
        enrolments.append((learner, course.pk, now, now))
        completions += [(learner, lesson.pk, now) for lesson in lessons_of(course)[: size // 2]]
    scale = scale_courses()
    for size in ENROLMENT_SIZES:
        learner = users[f"growth-enrolments-{size:02d}"].pk
        for course in scale[:size]:
            enrolments.append((learner, course.pk, now, now))
            done = lessons_of(course)[:DONE_PER_ENROLMENT]
            completions += [(learner, lesson.pk, now) for lesson in done]
    enrolments.append((users["growth-comments"].pk, courses["growth-comments"].pk, now, now))
    fields = ["user", "course", "enrolled_at", "last_active_at"]
    insert_rows(Enrollment, fields, enrolments, 5_000)
    insert_rows(LessonCompletion, ["user", "lesson", "completed_at"], completions, 5_000)
    print(f"    added {len(enrolments)} enrolments, {len(completions)} completions", flush=True)


def add_comments(lessons, authors):
    """0, 50, 500 comments under the three lessons; two thirds top level, then replies."""
    now = timezone.now()
    fields = ["lesson", "author", "body", "status", "created_at"]
    for lesson, count in zip(lessons, COMMENT_SIZES, strict=True):
        top = count - count // 3
        insert_rows(
            Comment,
            fields,
            (
                (lesson.pk, authors[n % AUTHORS].pk, f"Question {n}.", "approved", now)
                for n in range(top)
            ),
            5_000,
        )
        parents = list(Comment.objects.filter(lesson=lesson).values_list("pk", flat=True))
        insert_rows(
            Comment,
            [*fields, "parent"],
            (
                (lesson.pk, authors[(n + 1) % AUTHORS].pk, f"Answer {n}.", "approved", now, p)
                for n, p in zip(range(count // 3), parents, strict=False)
            ),
            5_000,
        )
    print(f"    added {sum(COMMENT_SIZES)} comments", flush=True)
