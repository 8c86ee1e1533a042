"""`manage.py seed_demo` builds a believable catalogue, and running it twice changes nothing."""

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction, Site

from home.models import HomePage
from learning import progress
from learning.models import Certificate, CoursePage, Enrollment, LessonCompletion, LessonPage

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", "live")),
        "users": sorted(get_user_model().objects.values_list("username", "is_staff")),
        "enrollments": Enrollment.objects.count(),
        "completions": LessonCompletion.objects.count(),
        "certificates": sorted(Certificate.objects.values_list("code", flat=True)),
        "restrictions": PageViewRestriction.objects.count(),
    }


def seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_builds_the_catalogue_and_users():
    output = seed()
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    courses = CoursePage.objects.live()
    assert courses.count() >= 3
    assert LessonPage.objects.live().count() >= 15
    assert {course.level for course in courses} >= {"beginner", "intermediate"}
    assert all(course.tags.exists() for course in courses)
    body_text = " ".join(str(lesson.body) for lesson in LessonPage.objects.all())
    assert "lorem" not in body_text.lower()
    for username, password in [
        ("admin", "elevate-admin"),
        ("educator", "elevate-educator"),
        ("moderator", "elevate-moderator"),
        ("learner", "elevate-learner"),
    ]:
        assert authenticate(username=username, password=password), username
        assert f"{username:<10} {password}" in output
    learner = get_user_model().objects.get(username="learner")
    assert learner.certificates.count() == 1
    in_progress = [
        summary
        for summary in progress.summaries(learner, courses).values()
        if 0 < summary.percent < 100
    ]
    assert len(in_progress) == 1
    assert PageViewRestriction.objects.filter(page__in=courses).count() == 1


def test_seed_demo_twice_gives_the_same_data():
    seed()
    first = snapshot()
    output = seed()
    assert snapshot() == first
    assert "Created" not in output  # nothing was missing the second time
