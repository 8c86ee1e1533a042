"""A course and its changed lessons go through "Course review" as one unit
(learning.review), and a preview shows the course as it will be once they are approved."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import rich_text, streamfield

from learning import outline
from learning import review as review_module
from learning.models import LessonPage
from learning.tests.factories import LessonPageFactory
from learning.tests.test_authoring import course_data, draft_title, lesson_data

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"wagtailadmin_pages:{name}", args=args)


def live_title(page):
    return Page.objects.get(pk=page.pk).title


@pytest.fixture
def course(make_course, educator):
    course, _ = make_course(lessons=2, owner=educator, title="Python Foundations")
    return course


def lessons_of(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def review_form(client, course, action):
    """The review form a reviewer opens from the course (a modal, sent as JSON)."""
    task_state = course.current_workflow_task_state
    response = client.get(url("workflow_action", course.pk, action, task_state.pk))
    return response, response.json()["html"] if response.status_code == 200 else ""


def review(client, course, action, comment=""):
    task_state = course.current_workflow_task_state
    return client.post(
        url("workflow_action", course.pk, action, task_state.pk), {"comment": comment}
    )


def test_a_course_and_its_changed_lessons_are_reviewed_and_published_as_one(
    client, course, educator, reviewer, learner
):
    first, second = lessons_of(course)
    # The educator changes the course and one lesson, then writes a new lesson and submits
    # everything from the new lesson's editor, in one step.
    client.force_login(educator)
    client.post(url("edit", course.pk), course_data(course, summary="Now with loops."))
    client.post(url("edit", first.pk), lesson_data(first, title="Variables, revised"))
    add = url("add", "learning", "lessonpage", course.pk)
    new = LessonPage(title="Loops", slug="loops")
    response = client.post(add, {**lesson_data(new), "action-submit": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_explore", args=[course.pk])
    assert (
        "“Python Foundations” was submitted for review with 2 changed lessons: "
        "“Variables, revised”, “Loops”." in response.content.decode()
    )
    loops = LessonPage.objects.get(slug="loops")
    assert WorkflowState.objects.filter(status="in_progress").count() == 1  # the course's
    assert course.workflow_in_progress
    for lesson in (first, loops):
        entry = PageLogEntry.objects.get(page=lesson, action="learning.review.submit")
        assert entry.data["course"]["title"] == "Python Foundations"

    # In review, the educator can change none of it.
    client.post(url("edit", first.pk), lesson_data(first, title="Sneaky edit"))
    assert draft_title(first) == "Variables, revised"
    client.post(add, lesson_data(LessonPage(title="Late", slug="late")))
    assert not LessonPage.objects.filter(slug="late").exists()

    # The reviewer sees the unit on the review form, and asks for changes on all of it.
    client.force_login(reviewer)
    response, form = review_form(client, course, "reject")
    assert "Variables, revised" in form and "Loops" in form
    assert second.title not in form  # unchanged: not part of the review
    review(client, course, "reject", "Loops needs an example.")
    course.refresh_from_db()
    assert course.current_workflow_state.status == "needs_changes"
    assert not Page.objects.get(pk=loops.pk).live and live_title(first) != "Variables, revised"

    # The educator fixes the lesson and resubmits from the course's own editor.
    client.force_login(educator)
    assert b"Resubmit course for review" in client.get(url("edit", loops.pk)).content
    client.post(url("edit", loops.pk), lesson_data(loops, title="Loops, with examples"))
    draft = course.get_latest_revision_as_object()
    client.post(url("edit", course.pk), {**course_data(draft), "action-submit": "1"})
    course.refresh_from_db()
    assert course.current_workflow_state.status == "in_progress"

    # The reviewer approves: the course and both lessons are live, by the reviewer.
    client.force_login(reviewer)
    response, form = review_form(client, course, "approve")
    assert "Loops, with examples" in form
    assert review(client, course, "approve").status_code == 302
    assert Page.objects.get(pk=course.pk).specific.summary == "Now with loops."
    assert live_title(first) == "Variables, revised"
    assert live_title(loops) == "Loops, with examples"
    assert not Page.objects.filter(pk__in=[first.pk, loops.pk], has_unpublished_changes=True)
    assert set(
        PageLogEntry.objects.filter(action="wagtail.publish", user=reviewer).values_list(
            "page_id", flat=True
        )
    ) == {course.pk, first.pk, loops.pk}
    assert list(
        PageLogEntry.objects.filter(page=course, action__startswith="wagtail.workflow")
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    ) == [
        "wagtail.workflow.start",
        "wagtail.workflow.reject",
        "wagtail.workflow.resume",
        "wagtail.workflow.approve",
    ]

    # A learner sees the new lesson in the course.
    client.force_login(learner)
    page = client.get(course.url).content.decode()
    assert "Loops, with examples" in page and "3 lessons" in page


def test_only_reviewers_decide_and_only_authors_submit(
    client, course, educator, other_educator, moderator, reviewer
):
    first, _ = lessons_of(course)
    client.force_login(other_educator)  # someone else's course, through a lesson
    client.post(url("edit", first.pk), {**lesson_data(first), "action-submit": "1"})
    assert not course.workflow_in_progress
    client.force_login(educator)
    client.post(url("edit", first.pk), {**lesson_data(first, title="New"), "action-submit": "1"})
    assert course.workflow_in_progress
    for who in (educator, other_educator, moderator):
        client.force_login(who)
        response, _ = review_form(client, course, "approve")
        assert response.status_code == 302
        review(client, course, "approve")
        assert course.workflow_in_progress and live_title(first) != "New"
    client.force_login(reviewer)
    review(client, course, "approve")
    assert not course.workflow_in_progress and live_title(first) == "New"


def test_a_lesson_is_never_reviewed_on_its_own(course, educator):
    lesson = lessons_of(course)[0]
    assert lesson.get_workflow() is None
    assert course.get_workflow().name == "Course review"
    assert not lesson.permissions_for_user(educator).can_submit_for_moderation()


def test_the_catalogue_goes_through_the_same_task_alone(client, course, catalogue, reviewer):
    catalogue.save_revision(user=reviewer)
    catalogue.get_workflow().start(catalogue, reviewer)  # as "Submit to Course review" does
    client.force_login(reviewer)
    response, form = review_form(client, catalogue, "approve")
    assert "No lesson has changes" in form
    assert review(client, catalogue, "approve").status_code == 302
    assert not catalogue.workflow_in_progress


# Previews ---------------------------------------------------------------------------------


@pytest.fixture
def drafts(course, educator):
    """The course with one live lesson edited in a draft and one new lesson never published."""
    first, second = lessons_of(course)
    first.title = "Variables, revised"
    first.save_revision(user=educator)
    new = LessonPageFactory(parent=course, owner=educator, live=False, title="Loops (draft)")
    new.save_revision(user=educator)
    return first, second, new


def test_a_draft_lesson_previews_inside_the_course_as_learners_will_see_it(
    client, course, drafts, educator, learner
):
    first, second, new = drafts
    live_titles = [live_title(first), second.title]
    client.force_login(educator)
    preview = client.get(url("view_draft", new.pk))
    html = preview.content.decode()
    assert "0 of 3 lessons done" in html
    assert "Variables, revised" in html and "Loops (draft)" in html
    assert "public" not in preview.get("Cache-Control", "")
    # The shared outline cache never holds a draft; learners still see the live course.
    cached = cache.get(outline.cache_key(course.pk))
    assert cached is None or [entry.title for entry in cached[1]] == live_titles
    client.force_login(learner)
    html = client.get(second.url).content.decode()
    assert "0 of 2 lessons done" in html and "Loops (draft)" not in html
    assert [entry.title for entry in outline.course_outline(course)] == live_titles


def test_a_draft_course_previews_with_its_draft_lessons(client, course, drafts, educator):
    client.force_login(educator)
    html = client.get(url("view_draft", course.pk)).content.decode()
    assert "3 lessons" in html and "Loops (draft)" in html and "Variables, revised" in html


def test_a_lesson_not_saved_yet_previews_in_its_course(client, course, drafts, educator):
    client.force_login(educator)
    preview = url("preview_on_add", "learning", "lessonpage", course.pk)
    client.post(preview, lesson_data(LessonPage(title="Functions", slug="functions")))
    html = client.get(preview).content.decode()
    assert "0 of 4 lessons done" in html and "Functions" in html


def test_the_draft_outline_is_one_query(course, drafts, django_assert_num_queries):
    with django_assert_num_queries(1):
        titles = [entry.title for entry in outline.draft_outline(course)]
    assert titles == ["Variables, revised", drafts[1].title, "Loops (draft)"]


def test_the_course_editor_lists_the_lessons_that_go_to_review_with_it(
    client, course, drafts, educator
):
    client.force_login(educator)
    html = client.get(url("edit", course.pk)).content.decode()
    panel = html[html.index("Submitting this course for review sends") :]
    assert "Variables, revised" in panel and "(changed)" in panel
    assert "Loops (draft)" in panel and "(new)" in panel
    assert drafts[1].title not in panel


# Nothing invalid goes live -----------------------------------------------------------------


def test_a_unit_with_an_empty_lesson_is_not_approved_until_it_is_fixed(
    client, course, educator, reviewer
):
    first, _ = lessons_of(course)
    live_body = first.body.get_prep_value()
    # Drafts are saved with deferred validation: an empty paragraph, a lesson with no blocks.
    client.force_login(educator)
    client.post(url("edit", course.pk), course_data(course, summary="Now with loops."))
    empty_paragraph = streamfield([("paragraph", rich_text("<p></p>"))])
    client.post(url("edit", first.pk), lesson_data(first, title="Variables", body=empty_paragraph))
    add = url("add", "learning", "lessonpage", course.pk)
    client.post(add, lesson_data(LessonPage(title="Loops", slug="loops"), body=streamfield([])))
    loops = LessonPage.objects.get(slug="loops")
    assert {draft_title(first), draft_title(loops)} == {"Variables", "Loops"}
    course.refresh_from_db()
    problems = review_module.unit_problems(course)
    assert [(draft.pk, message) for draft, message in problems] == [
        (first.pk, "Body, block 1 (Paragraph): it has no text."),
        (loops.pk, "Body: This field is required."),
    ]

    # Submitting from a lesson refuses, naming them; the course's own editor submits anyway.
    with pytest.raises(PermissionDenied, match="“Variables”, “Loops”"):
        review_module.submit_course(course, educator)
    assert not course.workflow_in_progress
    draft = course.get_latest_revision_as_object()
    client.post(url("edit", course.pk), {**course_data(draft), "action-submit": "1"})
    assert course.workflow_in_progress

    # The reviewer sees the problems with a link to each lesson, and no way to approve.
    client.force_login(reviewer)
    _, form = review_form(client, course, "approve")
    problems = form[form.index("Not ready to publish") :]
    assert "it has no text" in problems and "This field is required" in problems
    assert url("edit", first.pk) in problems and url("edit", loops.pk) in problems
    assert 'type="submit"' not in form
    _, form = review_form(client, course, "reject")
    assert 'type="submit"' in form and "Not ready to publish" in form

    # Approving anyway is refused before anything is approved or published: a 403 to the
    # modal's request, Wagtail's "no permission" redirect to a plain POST.
    task_state = course.current_workflow_task_state
    approve = url("workflow_action", course.pk, "approve", task_state.pk)
    response = client.post(approve, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 403
    assert review(client, course, "approve").status_code == 302
    course.refresh_from_db()
    assert course.current_workflow_state.status == "in_progress"
    assert course.current_workflow_task_state.status == "in_progress"
    assert Page.objects.get(pk=course.pk).specific.summary != "Now with loops."
    assert not Page.objects.get(pk=loops.pk).live
    assert Page.objects.get(pk=first.pk).specific.body.get_prep_value() == live_body
    assert not PageLogEntry.objects.filter(action="wagtail.publish", user=reviewer).exists()

    # Sent back, fixed, resubmitted from a lesson: approval publishes the whole unit.
    review(client, course, "reject", "Two lessons are empty.")
    client.force_login(educator)
    client.post(url("edit", first.pk), lesson_data(first, title="Variables"))
    client.post(url("edit", loops.pk), {**lesson_data(loops, title="Loops"), "action-submit": "1"})
    course.refresh_from_db()
    assert course.current_workflow_state.status == "in_progress"
    assert review_module.unit_problems(course) == []
    client.force_login(reviewer)
    _, form = review_form(client, course, "approve")
    assert "Not ready to publish" not in form and 'type="submit"' in form
    assert review(client, course, "approve").status_code == 302
    assert Page.objects.get(pk=course.pk).specific.summary == "Now with loops."
    assert Page.objects.get(pk=loops.pk).live and live_title(first) == "Variables"
    assert "Lesson text." in str(Page.objects.get(pk=first.pk).specific.body)
