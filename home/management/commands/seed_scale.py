"""``manage.py seed_scale``: a catalogue, its learners and their progress at scale.

By default 100,000 learners, 50 courses × 40 lessons, 1,000,000 lesson completions with
their enrolments and certificates, and 500 comments on a few lessons: the data the
benchmarks (``bench/``) run against. Run ``seed_demo`` first; the courses join its
catalogue. The shape of the data (who enrols where, how far they get) is in
``home.scale_plan``; this command writes it.

Safe to run twice. What it made carries a marker: learners are ``scale-learner-NNNNNN``
(with an unusable password: nobody can log in as them), courses are ``scale-course-NNN``.
Missing pages and learners are added; the progress (enrolments, completions, certificates)
and the comments are each written in one transaction, so they are either all there and
skipped on the next run, or not there at all. Other sizes on a database that already has
scale progress change nothing: drop the database to start again.

Rows go in as multi-row INSERTs in batches (``home.bulk_load``: no model instances, no
per-row signals; none of these models has a handler). Pages are real Wagtail pages, added
with ``add_child`` so the tree stays right, and indexed for search in bulk per course.
"""

import random
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from community.models import Comment
from home import scale_plan
from home.bulk_load import insert_rows, pages_indexed_together
from home.progress_bar import ProgressBar
from learning.models import (
    Certificate,
    CourseIndexPage,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
)

COURSE_PREFIX = "scale-course-"
BATCH = 5_000
COMMENTED_COURSES = 4  # the busiest courses' first two lessons carry the comments


class Command(BaseCommand):
    help = "Add learners, courses and progress at scale for benchmarks (idempotent)."

    def add_arguments(self, parser):
        for name, default in [
            ("learners", 100_000),
            ("courses", 50),
            ("lessons", 40),
            ("completions", 1_000_000),
            ("comments", 500),
        ]:
            parser.add_argument(
                f"--{name}", type=int, default=default, help=f"(default {default:,})"
            )
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")

    def handle(self, *args, **options):
        sizes = {k: options[k] for k in ("learners", "courses", "lessons", "completions")}
        if min(sizes.values()) < 1 or options["comments"] < 0:
            raise CommandError("Sizes must be at least 1 (comments at least 0).")
        if sizes["completions"] > scale_plan.enrolment_count(**sizes) * sizes["lessons"]:
            raise CommandError(
                f"{sizes['completions']:,} completions do not fit in {sizes['learners']:,} "
                f"learners × {sizes['courses']} courses × {sizes['lessons']} lessons."
            )
        catalogue = CourseIndexPage.objects.order_by("path").first()
        if catalogue is None:
            raise CommandError("No course catalogue yet: run `manage.py seed_demo` first.")
        started = time.monotonic()
        self.rng = random.Random(options["seed"])  # noqa: S311 - test data, no secret
        self.now = timezone.now()
        courses = self.pages(catalogue, sizes["courses"], sizes["lessons"])
        learners = self.learners(sizes["learners"])
        self.progress(courses, learners, sizes)
        self.comments(courses, learners, options["comments"])
        self.stdout.write(
            self.style.SUCCESS(f"Scale data is ready ({time.monotonic() - started:.1f} s).")
        )

    # Pages ---------------------------------------------------------------------------------

    def pages(self, catalogue, course_count, lesson_count):
        """[(course, [lesson ids in order])] for course 0, 1, ...; missing pages added."""
        slugs = [f"{COURSE_PREFIX}{n + 1:03d}" for n in range(course_count)]
        lesson_slugs = [f"lesson-{n + 1:02d}" for n in range(lesson_count)]
        courses = {c.slug: c for c in CoursePage.objects.child_of(catalogue).filter(slug__in=slugs)}
        lessons = self.lessons_by_course(catalogue, courses)
        missing = {
            slug: [
                n for n, lesson in enumerate(lesson_slugs) if lesson not in lessons.get(slug, {})
            ]
            for slug in slugs
        }
        todo = sum(len(numbers) for numbers in missing.values()) + len(slugs) - len(courses)
        bar = ProgressBar(self.stderr, "pages", todo)
        for number, slug in enumerate(slugs):
            if slug in courses and not missing[slug]:
                continue
            # A course with all its lessons, or nothing; they reference nothing, so the
            # reference index has nothing to learn from them.
            with transaction.atomic(), pages_indexed_together(CoursePage, LessonPage) as added:
                if slug not in courses:
                    courses[slug] = catalogue.add_child(instance=self.course_page(number, slug))
                    added.append(courses[slug])
                    bar.advance(1)
                for lesson in missing[slug]:
                    added.append(courses[slug].add_child(instance=self.lesson_page(lesson)))
                    bar.advance(1)
        bar.finish()
        if todo:
            lessons = self.lessons_by_course(catalogue, courses)
            self.stdout.write(f"Added {todo:,} pages (courses and lessons).")
        return [(courses[slug], [lessons[slug][s] for s in lesson_slugs]) for slug in slugs]

    def lessons_by_course(self, catalogue, courses):
        """{course slug: {lesson slug: lesson id}} for ``courses`` ({slug: course})."""
        slug_of = {course.path: slug for slug, course in courses.items()}
        result = {}
        for path, slug, pk in LessonPage.objects.filter(
            path__startswith=catalogue.path, depth=catalogue.depth + 2
        ).values_list("path", "slug", "pk"):
            course = slug_of.get(path[: -Page.steplen])
            if course:
                result.setdefault(course, {})[slug] = pk
        return result

    def course_page(self, number, slug):
        topic = scale_plan.TOPICS[number % len(scale_plan.TOPICS)]
        return CoursePage(
            title=f"{topic} {number // len(scale_plan.TOPICS) + 1} (scale)",
            slug=slug,
            summary=f"A generated course about {topic.lower()}, for benchmarks at scale.",
            level=("beginner", "intermediate", "advanced")[number % 3],
            first_published_at=self.now,
            last_published_at=self.now,
        )

    def lesson_page(self, number):
        return LessonPage(
            title=f"Lesson {number + 1}",
            slug=f"lesson-{number + 1:02d}",
            estimated_minutes=5 + number % 4 * 5,
            body=[("paragraph", f"<p>Generated lesson {number + 1} of a scale course.</p>")],
            first_published_at=self.now,
            last_published_at=self.now,
        )

    # Learners ------------------------------------------------------------------------------

    def learners(self, count):
        """Database ids of learner 0, 1, ...; missing learners added."""
        ids = self.learner_ids()
        missing = [n for n in range(count) if scale_plan.learner_username(n) not in ids]
        # One unusable password for all: hashing 100,000 real ones would take an hour.
        password = make_password(None)
        joined = self.now - timedelta(days=scale_plan.ACTIVE_DAYS + scale_plan.STUDY_DAYS)
        names = ((scale_plan.learner_username(n), scale_plan.learner_name(n)) for n in missing)
        self.load(
            get_user_model(),
            "learners",
            len(missing),
            ["username", "display_name", "email", "password", "date_joined"],
            ((user, name, f"{user}@example.com", password, joined) for user, name in names),
        )
        if missing:
            self.stdout.write(f"Added {len(missing):,} learners.")
            ids = self.learner_ids()
        return [ids[scale_plan.learner_username(n)] for n in range(count)]

    def learner_ids(self):
        prefix = scale_plan.LEARNER_PREFIX
        users = get_user_model().objects.filter(username__startswith=prefix)
        return dict(users.values_list("username", "pk"))

    # Progress ------------------------------------------------------------------------------

    def progress(self, courses, learners, sizes):
        """Enrolments, completions and certificates, in one transaction."""
        course_ids = [course.pk for course, _ in courses]
        if Enrollment.objects.filter(course_id__in=course_ids).exists():
            self.stdout.write("Progress is there already: enrolments, completions, certificates.")
            return
        enrolments = scale_plan.plan(self.rng, self.now, **sizes)
        finishers = [e for e in enrolments if e.completed == sizes["lessons"]]
        revoked = scale_plan.revoked(self.rng, len(finishers))
        with transaction.atomic():
            self.load(
                Enrollment,
                "enrolments",
                len(enrolments),
                ["user", "course", "enrolled_at", "last_active_at"],
                (
                    (learners[e.learner], course_ids[e.course], e.enrolled_at, e.last_active_at)
                    for e in enrolments
                ),
            )
            self.load(
                LessonCompletion,
                "completions",
                sizes["completions"],
                ["user", "lesson", "completed_at"],
                (
                    (learners[e.learner], lesson, at)
                    for e in enrolments
                    for lesson, at in zip(courses[e.course][1], e.completion_times(), strict=False)
                ),
            )
            self.load(
                Certificate,
                "certificates",
                len(finishers),
                [
                    "user",
                    "course",
                    "learner_name",
                    "course_title",
                    "issued_at",
                    "revoked_at",
                    "revocation_reason",
                ],
                (
                    (
                        learners[e.learner],
                        course_ids[e.course],
                        scale_plan.learner_name(e.learner),
                        courses[e.course][0].title,
                        e.last_active_at,
                        self.now if n in revoked else None,
                        "Copied the final project." if n in revoked else "",
                    )
                    for n, e in enumerate(finishers)
                ),
            )
        self.stdout.write(
            f"Added {len(enrolments):,} enrolments, {sizes['completions']:,} completions and "
            f"{len(finishers):,} certificates ({len(revoked):,} revoked)."
        )

    def load(self, model, label, total, fields, rows):
        bar = ProgressBar(self.stderr, label, total)
        insert_rows(model, fields, rows, BATCH, bar.advance)
        bar.finish()

    # Comments ------------------------------------------------------------------------------

    def comments(self, courses, learners, count):
        """``count`` comments under the first two lessons of the busiest courses, about a
        third of them replies; most approved, a few awaiting review, hidden or deleted."""
        lessons = [pk for _, pks in courses[:COMMENTED_COURSES] for pk in pks[:2]]
        if not count:
            return
        if Comment.objects.filter(
            lesson_id__in=lessons, author__username__startswith=scale_plan.LEARNER_PREFIX
        ).exists():
            self.stdout.write("Comments are there already.")
            return
        authors = {
            pk: list(
                LessonCompletion.objects.filter(lesson_id=pk)
                .order_by("user_id")
                .values_list("user_id", flat=True)[:200]
            )
            or learners[:200]
            for pk in lessons
        }
        bar = ProgressBar(self.stderr, "comments", count)
        made, replies = [], []
        with transaction.atomic():
            for planned in scale_plan.comments(self.rng, self.now, len(lessons), count):
                lesson = lessons[planned.lesson]
                hidden = planned.status in ("hidden", "deleted")
                comment = Comment(
                    lesson_id=lesson,
                    author_id=self.rng.choice(authors[lesson]),
                    parent=None if planned.parent is None else made[planned.parent],
                    body=planned.body,
                    status=planned.status,
                    created_at=planned.created_at,
                    moderated_at=planned.created_at if hidden else None,
                    moderation_reason="Off topic." if hidden else "",
                )
                if planned.parent is None:
                    comment.save()  # its replies need its id: one insert each, a few hundred
                else:
                    replies.append(comment)
                made.append(comment)
                bar.advance(1)
            Comment.objects.bulk_create(replies, batch_size=BATCH)
        bar.finish()
        self.stdout.write(f"Added {count:,} comments ({len(replies):,} of them replies).")
