"""Documents follow the privacy of the pages that use them (core.documents)."""

from urllib.parse import urlsplit

import pytest
import wagtail_factories
from wagtail.models import PageViewRestriction

from learning.tests.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def lesson_with(document, course, title="Worksheet lesson"):
    lesson = LessonPageFactory(
        parent=course, title=title, body=[("document", {"document": document, "title": ""})]
    )
    lesson.save_revision().publish()  # the reference index records what the page links
    return lesson


@pytest.fixture
def worksheet():
    return wagtail_factories.DocumentFactory(title="Worksheet")


def test_a_document_on_a_public_lesson_downloads_for_anyone(make_course, worksheet, client):
    course, _ = make_course(lessons=0)
    lesson_with(worksheet, course)
    assert client.get(worksheet.url).status_code == 200


def test_a_document_on_a_members_only_lesson_needs_a_log_in(
    make_course, worksheet, client, learner
):
    course, _ = make_course(lessons=0)
    PageViewRestriction.objects.create(page=course, restriction_type="login")
    lesson_with(worksheet, course)
    response = client.get(worksheet.url)  # a guessed, sequential URL
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/accounts/login/"
    login_page = client.get(response["Location"]).content.decode()
    assert "belongs to a members-only lesson" in login_page
    client.force_login(learner)
    response = client.get(worksheet.url)
    assert response.status_code == 200
    with worksheet.open_file() as stored:
        assert b"".join(response.streaming_content) == stored.read()


def test_a_document_of_a_group_only_course_is_refused_to_other_learners(
    make_course, worksheet, learner_client
):
    from django.contrib.auth.models import Group

    course, _ = make_course(lessons=0)
    restriction = PageViewRestriction.objects.create(page=course, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Cohort 7"))
    lesson_with(worksheet, course)
    assert learner_client.get(worksheet.url).status_code == 404


def test_one_public_page_using_it_is_enough(make_course, worksheet, client):
    private, _ = make_course(lessons=0)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    lesson_with(worksheet, private)
    public, _ = make_course(lessons=0)
    lesson_with(worksheet, public, title="Public copy")
    assert client.get(worksheet.url).status_code == 200


def test_a_document_no_live_page_uses_is_only_for_editors(
    make_course, worksheet, client, learner, educator
):
    course, _ = make_course(lessons=0)
    lesson = lesson_with(worksheet, course)
    lesson.unpublish()
    assert client.get(worksheet.url).status_code == 404
    client.force_login(learner)
    assert client.get(worksheet.url).status_code == 404
    client.force_login(educator)  # editors manage documents in the admin
    assert client.get(worksheet.url).status_code == 200


def test_a_document_of_an_unpublished_course_is_hidden_with_it(make_course, worksheet, client):
    course, _ = make_course(lessons=0)
    lesson_with(worksheet, course)
    course.unpublish()  # its lesson stays live in Wagtail's eyes
    assert client.get(worksheet.url).status_code == 404
