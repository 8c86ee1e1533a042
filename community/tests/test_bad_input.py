"""Bad input gets a clear 4xx with words a person understands, and nothing is stored."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from community.models import Comment

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.mark.parametrize(
    "body, message",
    [
        ("", "Write something before posting."),
        (" \n\t ", "Write something before posting."),
        ("x" * 100_000, "the limit is 5,000"),
        ("caf\ufffd", "not valid UTF-8"),
        ("Read \u202eevil\u202c", "invisible characters"),
    ],
)
def test_bad_text(learner_client, post_url, body, message):
    response = learner_client.post(post_url, {"body": body})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (
        learner_client.post(post_url, {"body": body}, **JSON)
        .json()["error"]
        .startswith(message.split(" the")[0][:10])
        or message in learner_client.post(post_url, {"body": body}, **JSON).json()["error"]
    )
    assert not Comment.objects.exists()


def test_invalid_utf8_bytes_on_the_wire(learner_client, post_url):
    response = learner_client.post(
        post_url, b"body=caf%C3%28%FF", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "not valid UTF-8" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_text_typed_is_kept_in_the_form_after_a_refusal(learner_client, post_url):
    page = learner_client.post(post_url, {"body": "y" * 5_001}).content.decode()
    assert "y" * 5_001 in page and 'name="body"' in page


def test_a_reply_to_a_reply_or_to_a_hidden_or_deleted_comment(learner_client, other_learner, write):
    top = write(other_learner, "Top")
    nested = write(other_learner, "Nested", parent=top)
    hidden = write(other_learner, "Hidden", status="hidden")
    deleted = write(other_learner, "Deleted", status="deleted")
    answers = {
        nested: (400, "Replies go one level deep"),
        hidden: (404, "There is no such comment."),
        deleted: (404, "There is no such comment."),
    }
    for comment, (status, message) in answers.items():
        response = learner_client.post(
            reverse("community:reply", args=[comment.pk]), {"body": "Hello"}
        )
        assert (response.status_code, message in response.content.decode()) == (status, True)
    assert Comment.objects.count() == 4


def test_a_reply_naming_a_comment_that_does_not_exist(learner_client):
    response = learner_client.post(reverse("community:reply", args=[999_999]), {"body": "Hi"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_a_comment_on_an_unpublished_lesson(learner_client, lesson, post_url):
    lesson.unpublish()
    response = learner_client.post(post_url, {"body": "Anyone?"})
    assert response.status_code == 404
    assert "There is no such lesson." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_comment_on_a_lesson_of_a_course_unpublished_above_it(learner_client, lesson, post_url):
    lesson.get_parent().unpublish()  # Wagtail leaves the lesson itself live
    assert learner_client.post(post_url, {"body": "Anyone?"}).status_code == 404
    assert not Comment.objects.exists()


def test_a_comment_on_a_members_only_lesson_for_a_group_the_learner_is_not_in(
    learner_client, lesson, post_url
):
    from django.contrib.auth.models import Group

    course = lesson.get_parent()
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Cohort 7"))
    response = learner_client.post(post_url, {"body": "Let me in"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_a_lesson_that_does_not_exist(learner_client):
    response = learner_client.post(reverse("community:post", args=[999_999]), {"body": "Hi"})
    assert response.status_code == 404


def test_a_get_to_the_posting_address_says_what_to_do(learner_client, post_url):
    response = learner_client.get(post_url)
    assert response.status_code == 405
    assert "only takes a form submission" in response.content.decode()


def test_an_unknown_order_or_page_falls_back_to_the_first_page(client, lesson, write, learner):
    write(learner, "Still here")
    for query in ({"order": "<script>"}, {"comments_page": "abc"}, {"comments_page": "99"}):
        response = client.get(lesson.url, query)
        assert response.status_code == 200
        assert "Still here" in response.content.decode()
