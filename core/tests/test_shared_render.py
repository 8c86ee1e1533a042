"""Pages rendered once for everyone (core.shared_render) stay personal where they must be:
no reader ever sees another's name, progress, messages or CSRF token, and a change shows at
once. The lesson page is the one that matters most: learners read it all day."""

import re

import pytest
from django.template import Template, TemplateSyntaxError
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from community.models import Comment, Mute
from learning import actions

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def course(make_course):
    return make_course(lessons=3)


def test_two_learners_of_one_cached_lesson_each_see_only_their_own(course, learner, other_learner):
    course_page, lessons = course
    actions.enroll(learner, course_page)
    actions.complete_lesson(learner, lessons[0], course_page)
    actions.complete_lesson(learner, lessons[1], course_page)
    ada, grace = signed_in(learner), signed_in(other_learner)

    first = ada.get(lessons[1].url).content.decode()
    second = grace.get(lessons[1].url).content.decode()  # the shared part from the cache

    assert "Ada Lovelace" in first and "Grace Hopper" not in first
    assert "Grace Hopper" in second and "Ada Lovelace" not in second
    assert "2 of 3 lessons done" in first and "Mark as not done" in first
    assert "0 of 3 lessons done" in second and "Mark as not done" not in second
    assert "Course progress: <strong>66%</strong>" in first
    assert "Course progress: <strong>0%</strong>" in second
    assert second.count("(completed)") == 0 and first.count("(completed)") == 2
    # Grace's page carries a token that is hers: her "Mark as complete" goes through.
    response = grace.post(
        reverse("learning:complete", args=[lessons[1].pk]),
        {"csrfmiddlewaretoken": TOKEN.search(second).group(1)},
    )
    assert response.status_code == 302
    assert "1 of 3 lessons done" in grace.get(lessons[1].url).content.decode()


def test_a_learners_messages_show_to_them_once_and_to_no_one_else(course, learner, other_learner):
    course_page, lessons = course
    ada, grace = signed_in(learner), signed_in(other_learner)
    grace.get(lessons[0].url)  # the lesson's shared part is cached before Ada's message
    ada.post(reverse("learning:complete", args=[lessons[0].pk]))
    notice = "is marked as complete."
    assert notice in ada.get(lessons[0].url).content.decode()
    assert notice not in grace.get(lessons[0].url).content.decode()
    assert notice not in ada.get(lessons[0].url).content.decode()  # shown once


def test_a_visitor_after_a_learner_gets_the_public_page(course, learner, client):
    course_page, lessons = course
    signed_in(learner).get(lessons[0].url)
    response = client.get(lessons[0].url)
    html = response.content.decode()
    assert "Ada Lovelace" not in html and "csrfmiddlewaretoken" not in html
    assert "to mark lessons complete" in html and "to join the discussion" in html
    assert "s-maxage" in response["Cache-Control"]  # still shareable by nginx


def test_the_admin_bar_shows_to_staff_only(course, learner, staff_admin):
    course_page, lessons = course
    admin = signed_in(staff_admin)
    assert "wagtail-userbar" in admin.get(lessons[0].url).content.decode()
    assert "wagtail-userbar" not in signed_in(learner).get(lessons[0].url).content.decode()
    assert "wagtail-userbar" in admin.get(lessons[0].url).content.decode()


def test_a_course_page_shows_each_learner_where_they_stand(course, learner, other_learner):
    course_page, lessons = course
    actions.enroll(learner, course_page)
    ada = signed_in(learner).get(course_page.url).content.decode()
    grace = signed_in(other_learner).get(course_page.url).content.decode()
    assert "Start the course" in ada and "Leave this course" in ada
    assert "Enroll and start" in grace and "Leave this course" not in grace
    assert "Grace Hopper" in grace and "Ada Lovelace" not in grace


def test_a_publish_shows_at_once(course, learner, django_capture_on_commit_callbacks):
    course_page, lessons = course
    ada = signed_in(learner)
    ada.get(lessons[1].url)
    lessons[0].title = "A renamed first lesson"
    with django_capture_on_commit_callbacks(execute=True):
        lessons[0].save_revision().publish()
    assert "A renamed first lesson" in ada.get(lessons[1].url).content.decode()  # outline


def test_an_unpublished_course_hides_its_cached_lessons_at_once(
    course, learner, django_capture_on_commit_callbacks
):
    course_page, lessons = course
    ada = signed_in(learner)
    assert ada.get(lessons[0].url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        course_page.unpublish()
    assert ada.get(lessons[0].url).status_code == 404


def test_members_only_takes_effect_at_once(course, client, django_capture_on_commit_callbacks):
    course_page, lessons = course
    assert client.get(lessons[0].url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=course_page, restriction_type=PageViewRestriction.LOGIN
        )
    assert client.get(lessons[0].url).status_code == 302  # to the log-in page


def test_a_moved_lesson_answers_at_its_new_address_only(
    make_course, course, client, django_capture_on_commit_callbacks
):
    course_page, lessons = course
    other_course, _ = make_course(lessons=1)
    old_url = lessons[0].url
    assert client.get(old_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        lessons[0].move(other_course, pos="last-child")
    lessons[0].refresh_from_db()
    moved = client.get(old_url)  # Wagtail's redirects app points the old address on
    assert moved.status_code == 301 and moved["Location"] == lessons[0].url
    assert client.get(lessons[0].url).status_code == 200


def test_a_new_comment_shows_to_other_readers_at_once(
    course, learner, other_learner, django_capture_on_commit_callbacks
):
    course_page, lessons = course
    grace = signed_in(other_learner)
    assert "No comments yet" in grace.get(lessons[0].url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(learner).post(
            reverse("community:post", args=[lessons[0].pk]), {"body": "Is this on the exam?"}
        )
    assert "Is this on the exam?" in grace.get(lessons[0].url).content.decode()


def test_the_author_of_a_comment_sees_their_own_view_of_the_discussion(
    course, learner, other_learner, django_capture_on_commit_callbacks
):
    course_page, lessons = course
    with django_capture_on_commit_callbacks(execute=True):
        Comment.objects.create(lesson=lessons[0], author=learner, body="My question")
    grace = signed_in(other_learner).get(lessons[0].url).content.decode()
    ada = signed_in(learner).get(lessons[0].url).content.decode()
    assert ">Edit</a>" in ada and ">Edit</a>" not in grace
    assert "/flag/" in grace and "/flag/" not in ada


def test_a_mute_takes_the_form_away_at_once(
    course, learner, moderator, django_capture_on_commit_callbacks
):
    course_page, lessons = course
    ada = signed_in(learner)
    assert "Post comment" in ada.get(lessons[0].url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Mute.objects.create(user=learner, reason="Spam links", muted_by=moderator)
    html = ada.get(lessons[0].url).content.decode()
    assert "Post comment" not in html and "Spam links" in html


def test_a_page_asked_for_with_an_unknown_parameter_is_rendered_whole(course, client):
    course_page, lessons = course
    plain = client.get(lessons[0].url).content.decode()
    tracked = client.get(lessons[0].url + "?utm_source=mail").content.decode()
    assert "%3Futm_source%3Dmail" in tracked  # in the log-in links' "next"
    assert "utm_source" not in plain
    assert "utm_source" not in client.get(lessons[0].url).content.decode()


def test_a_hole_needs_a_quoted_name():
    with pytest.raises(TemplateSyntaxError, match="hole"):
        Template("{% load shared_render %}{% hole personal %}x{% endhole %}")
