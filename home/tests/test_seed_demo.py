"""``seed_demo`` builds the demo site from demo/courses/, and seeding twice changes nothing."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site

from community.models import Comment
from home.models import HomePage
from learning import demo_loader, progress
from learning.models import (
    Certificate,
    CourseIndexPage,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
)


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", "live")),
        "users": sorted(get_user_model().objects.values_list("username", "is_staff")),
        "owners": sorted(CoursePage.objects.values_list("slug", "owner__username")),
        "enrollments": Enrollment.objects.count(),
        "completions": LessonCompletion.objects.count(),
        "certificates": sorted(Certificate.objects.values_list("code", flat=True)),
        "restrictions": PageViewRestriction.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "comments": sorted(Comment.objects.values_list("author__username", "body")),
    }


def seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_builds_the_catalogue_and_users():
    output = seed()
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    courses = CoursePage.objects.live()
    assert courses.count() == 4
    assert LessonPage.objects.live().count() == 20
    assert {course.level for course in courses} >= {"beginner", "intermediate"}
    assert all(course.tags.exists() for course in courses)
    body_text = " ".join(str(lesson.body) for lesson in LessonPage.objects.all())
    assert "lorem" not in body_text.lower()
    for username, password in [
        ("admin", "elevate-admin"),
        ("educator", "elevate-educator"),
        ("educator2", "elevate-educator2"),
        ("reviewer", "elevate-reviewer"),
        ("moderator", "elevate-moderator"),
        ("learner", "elevate-learner"),
    ]:
        assert authenticate(username=username, password=password), username
        assert f"{username:<10} {password}" in output
    groups = {
        user.username: [group.name for group in user.groups.all()]
        for user in get_user_model().objects.prefetch_related("groups")
    }
    assert groups["reviewer"] == ["Reviewers"]  # reviews and publishes pages
    assert groups["moderator"] == ["Moderators"]  # moderates comments
    assert groups["educator"] == groups["educator2"] == ["Educators"]
    # The demo educator writes every demo course; educator2 writes none, to try both sides.
    educator, educator2 = (
        get_user_model().objects.get(username=n) for n in ("educator", "educator2")
    )
    assert {course.owner for course in courses} == {educator}
    lesson = LessonPage.objects.live().first()
    assert lesson.permissions_for_user(educator).can_edit()
    assert not lesson.permissions_for_user(educator2).can_edit()
    catalogue = CourseIndexPage.objects.get()
    assert catalogue.permissions_for_user(educator2).can_add_subpage()  # a course of their own
    assert courses.first().get_workflow().name == "Course review"
    learner = get_user_model().objects.get(username="learner")
    assert learner.certificates.count() == 1
    in_progress = [
        summary
        for summary in progress.progress_in(learner, courses).values()
        if 0 < summary.percent < 100
    ]
    assert len(in_progress) == 1
    assert PageViewRestriction.objects.filter(page__in=courses).count() == 1
    # demo/discussions.yml: threads with replies under two Python lessons
    functions = LessonPage.objects.get(slug="functions")
    question = Comment.objects.get(lesson=functions, author=learner)
    assert question.body.startswith("Why does my function return None")
    assert [reply.author.username for reply in question.replies.all()] == ["amara"]
    assert Comment.objects.filter(status="approved").count() == 8
    assert Comment.objects.filter(status="pending").count() == 1
    assert Comment.objects.filter(flags__isnull=False).distinct().count() == 1


@pytest.mark.django_db
def test_seeded_lessons_show_the_markdown_pictures_and_downloads():
    seed()
    lesson = LessonPage.objects.get(slug="values-and-variables")
    image = next(block.value for block in lesson.body if block.block_type == "image")
    assert image["image"].title == "Names pointing at values"
    assert image["caption"].startswith("A variable is a name that points at a value.")
    course = CoursePage.objects.get(slug="python-foundations")
    download = next(block.value for block in course.intro if block.block_type == "document")
    sheet = Path(
        demo_loader.COURSES_DIR, "python-foundations", "python-foundations-cheat-sheet.txt"
    )
    with download["document"].file.open("rb") as stored:
        assert stored.read() == sheet.read_bytes()


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_data():
    seed()
    first = snapshot()
    output = seed()
    assert snapshot() == first
    assert "Created" not in output  # nothing was missing the second time


@pytest.mark.django_db
def test_a_broken_content_file_stops_seed_demo_before_it_writes(tmp_path, monkeypatch):
    course = tmp_path / "broken"
    course.mkdir()
    (tmp_path / "catalogue.yml").write_text("courses: [broken]\n", encoding="utf-8")
    (course / "course.md").write_text("---\ntitle: Broken\n---\n", encoding="utf-8")
    monkeypatch.setattr(demo_loader, "COURSES_DIR", tmp_path)
    pages = Page.objects.count()
    with pytest.raises(CommandError) as error:
        seed()
    assert str(error.value).startswith(f"{course / 'course.md'}: front matter is missing")
    assert Page.objects.count() == pages
