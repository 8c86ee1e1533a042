"""Fixtures of the learning app's tests: the read API's users and its tree of hidden pages."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from learning.tests.factories import LessonPageFactory


@pytest.fixture
def client_as(request):
    """client_as(role) -> a Client signed in as that role's user (or anonymous)."""

    def make(role):
        client = Client()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return make


@pytest.fixture
def tree(make_course, educator):
    """One public course among every way a page can be hidden; the educator belongs to
    the group that may see one of them."""
    public, public_lessons = make_course(lessons=3, title="Public course")
    members_only_lesson = LessonPageFactory(parent=public, title="Members-only lesson")
    PageViewRestriction.objects.create(
        page=members_only_lesson, restriction_type=PageViewRestriction.LOGIN
    )
    draft_lesson = LessonPageFactory(parent=public, title="Draft lesson", live=False)

    members, members_lessons = make_course(lessons=2, title="Members course")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)

    team, team_lessons = make_course(lessons=1, title="Course team's course")
    restriction = PageViewRestriction.objects.create(
        page=team, restriction_type=PageViewRestriction.GROUPS
    )
    course_team = Group.objects.create(name="Course team")
    restriction.groups.add(course_team)
    educator.groups.add(course_team)

    unpublished, unpublished_lessons = make_course(lessons=2, title="Unpublished course")
    unpublished.unpublish()  # its lessons stay live, as Wagtail leaves them

    draft, _ = make_course(lessons=0, title="Draft course", live=False)

    hidden_courses = [members, team, unpublished, draft]
    hidden_lessons = [
        members_only_lesson,
        draft_lesson,
        *members_lessons,
        *team_lessons,
        *unpublished_lessons,
    ]
    return public, public_lessons, hidden_courses, hidden_lessons
