"""Shared fixtures: the site root, the catalogue, users in each role and a temporary MEDIA_ROOT.

Tests that need a real service carry a marker (``mysql``). They skip with a reason on a
laptop without the service, and fail instead when ``CI=true``: CI may not skip them.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from wagtail.models import Page, Site

from accounts.tests.factories import UserFactory
from core.frontend_cache import RecordingBackend
from home.tests.factories import HomePageFactory
from learning.tests.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory
from tests.needs import skip_or_fail


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if item.get_closest_marker("mysql") and connection.vendor != "mysql":
        reason = (
            "needs MariaDB/MySQL: run with DATABASE_URL=mysql://root@127.0.0.1:3306/elevate "
            "(`make test` does this in its second pass)"
        )
        skip_or_fail(reason)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: database ids are reused after a rollback, so
    a cached outline from an earlier test could otherwise match a new course."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def purged():
    """The URLs purged from the shared cache during the test (settings.test records them)."""
    RecordingBackend.purged.clear()
    yield RecordingBackend.purged
    RecordingBackend.purged.clear()


@pytest.fixture
def home(db):
    """A HomePage as the default site's root, as `seed_demo` sets it up."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-test")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture
def catalogue(home):
    return CourseIndexPageFactory(parent=home)


@pytest.fixture
def make_course(catalogue):
    """make_course(lessons=3, **fields) -> (course, [lessons in order])."""

    def make(lessons=3, **fields):
        course = CoursePageFactory(parent=catalogue, **fields)
        return course, [LessonPageFactory(parent=course) for _ in range(lessons)]

    return make


@pytest.fixture
def learner(db):
    return UserFactory(username="learner", display_name="Ada Lovelace")


@pytest.fixture
def other_learner(db):
    return UserFactory(username="grace", display_name="Grace Hopper")


def make_educator(username):
    """Writes courses: creates them in the catalogue, edits the ones they own or co-author
    (learning/migrations/0004_educators_and_course_review.py, learning.permissions)."""
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name="Educators"))
    return user


@pytest.fixture
def educator(db):
    return make_educator("educator")


@pytest.fixture
def other_educator(db):
    """An educator who writes none of the tests' courses unless a test says so."""
    return make_educator("other_educator")


@pytest.fixture
def co_author(db):
    """An educator; a test adds them to a course's co-authors."""
    return make_educator("co_author")


@pytest.fixture
def moderator(db):
    """Moderates comments and mutes people (community/migrations/0002_roles.py)."""
    user = UserFactory(username="moderator", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def reviewer(db):
    """Reviews and publishes pages: what Wagtail's default "Moderators" group did."""
    user = UserFactory(username="reviewer", is_staff=True)
    user.groups.add(Group.objects.get(name="Reviewers"))
    return user


@pytest.fixture
def staff_admin(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client
