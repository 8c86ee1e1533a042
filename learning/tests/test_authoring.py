"""Who may write which course in the admin (learning.permissions, learning.admin.authoring).

The matrix: the course's owner, a co-author, another educator, a reviewer, a moderator and
a learner, each against a course and one of its lessons, each action sent as the admin's
own form or request would send it, a direct POST included. An action either happens (the
database shows it) or is refused without a trace and without an error page.
"""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageViewRestriction,
    Workflow,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from learning.models import CoursePage, LessonPage
from learning.tests.factories import CoursePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db

ROLES = ["owner", "co_author", "other_educator", "reviewer", "moderator", "learner"]
AUTHORS = {"owner", "co_author"}
WRITERS = AUTHORS | {"reviewer"}
# (action, target) -> the roles for whom it happens.
EXPECTED = {
    ("edit", "course"): WRITERS,
    ("edit", "lesson"): WRITERS,
    ("preview", "course"): WRITERS,
    ("preview", "lesson"): WRITERS,
    ("history", "course"): WRITERS,
    ("history", "lesson"): WRITERS,
    ("create", "course"): WRITERS | {"other_educator"},  # any educator starts a course
    ("create", "lesson"): WRITERS,
    ("reorder", "course"): {"reviewer"},  # the catalogue's order is the reviewers'
    ("reorder", "lesson"): WRITERS,
    ("publish", "course"): {"reviewer"},
    ("publish", "lesson"): {"reviewer"},
    ("unpublish", "course"): {"reviewer"},
    ("unpublish", "lesson"): {"reviewer"},
    ("set_privacy", "course"): {"reviewer"},
    ("set_privacy", "lesson"): {"reviewer"},
    ("delete", "course"): set(),  # live, with lessons: Wagtail's "bulk delete", nobody's
    ("delete", "lesson"): {"reviewer"},  # live: educators delete only their own drafts
}


def course_data(course, co_authors=None, **changes):
    data = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "level": course.level,
            "estimated_hours": "1.0",
            "tags": "",
            "learning_objectives": streamfield([]),
            "intro": streamfield([]),
            "comments": inline_formset([]),
            **changes,
        }
    )
    if co_authors is None:
        co_authors = [user.pk for user in course.co_authors.all()] if course.pk else []
    return {**data, "co_authors": co_authors}  # a list: one value per checked box


def lesson_data(lesson, **changes):
    return nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "estimated_minutes": lesson.estimated_minutes,
            "body": streamfield([("paragraph", rich_text("<p>Lesson text.</p>"))]),
            "comments": inline_formset([]),
            **changes,
        }
    )


def form_data(page, **changes):
    page = page.specific
    return (course_data if isinstance(page, CoursePage) else lesson_data)(page, **changes)


def draft_title(page):
    return Page.objects.get(pk=page.pk).get_latest_revision_as_object().title


def child_titles(parent):
    return [page.title for page in parent.get_children()]


@pytest.fixture
def world(
    catalogue, make_course, educator, co_author, other_educator, reviewer, moderator, learner
):
    """A live course owned by ``educator`` and co-written by ``co_author``, with three live
    lessons (one created by each author, one made by a script), after another educator's
    course in the catalogue."""
    theirs = CoursePageFactory(parent=catalogue, owner=other_educator, title="Their course")
    course = CoursePageFactory(
        parent=catalogue, owner=educator, co_authors=[co_author], title="Our course"
    )
    lessons = [
        LessonPageFactory(parent=course, owner=owner, title=f"Lesson {number}")
        for number, owner in enumerate([educator, co_author, None], start=1)
    ]
    users = {
        "owner": educator,
        "co_author": co_author,
        "other_educator": other_educator,
        "reviewer": reviewer,
        "moderator": moderator,
        "learner": learner,
    }
    return SimpleNamespace(
        catalogue=catalogue, course=course, lessons=lessons, theirs=theirs, users=users
    )


def act(client, world, action, target):
    """Do ``action`` on ``target`` through the admin as it does it; True if it happened."""
    page = world.course if target == "course" else world.lessons[0]
    url = lambda name, *args: reverse(f"wagtailadmin_pages:{name}", args=[*args])  # noqa: E731
    if action == "edit":
        response = client.post(url("edit", page.pk), form_data(page, title="Edited"))
        return response, draft_title(page) == "Edited"
    if action == "publish":
        data = form_data(page, title="Published", **{"action-publish": "action-publish"})
        response = client.post(url("edit", page.pk), data)
        return response, Page.objects.get(pk=page.pk).title == "Published"
    if action in ("preview", "history"):
        response = client.get(url("view_draft" if action == "preview" else "history", page.pk))
        return response, response.status_code == 200
    if action == "create":
        parent = world.catalogue if target == "course" else world.course
        if target == "course":
            model, new = CoursePage, CoursePage(title="Brand new", slug="brand-new", summary="New")
        else:
            model, new = LessonPage, LessonPage(title="Brand new", slug="brand-new")
        add = url("add", "learning", model._meta.model_name, parent.pk)
        response = client.post(add, form_data(new))
        return response, model.objects.filter(slug="brand-new").exists()
    if action == "reorder":
        parent = page.get_parent()
        before = child_titles(parent)
        position = 0 if target == "course" else 1  # our course is second, the lesson first
        response = client.post(url("set_page_position", page.pk) + f"?position={position}")
        return response, child_titles(parent) != before
    if action == "unpublish":
        response = client.post(url("unpublish", page.pk))
        return response, not Page.objects.get(pk=page.pk).live
    if action == "set_privacy":
        response = client.post(url("set_privacy", page.pk), {"restriction_type": "login"})
        return response, PageViewRestriction.objects.filter(page=page).exists()
    if action == "delete":
        response = client.post(url("delete", page.pk))
        return response, not Page.objects.filter(pk=page.pk).exists()
    raise AssertionError(action)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action, target", sorted(EXPECTED))
def test_the_permission_matrix(client, world, role, action, target):
    client.force_login(world.users[role])
    response, happened = act(client, world, action, target)
    assert happened == (role in EXPECTED[action, target])
    assert response.status_code < 500
    if not happened and role == "learner":
        assert response["Location"].startswith("/admin/login/")


def test_an_educator_deletes_their_own_draft_lessons_and_nobody_elses(
    client, world, educator, co_author, other_educator
):
    mine = LessonPageFactory(parent=world.course, owner=educator, live=False, title="My draft")
    theirs = LessonPageFactory(parent=world.course, owner=co_author, live=False)
    for who, page, deleted in [
        (other_educator, mine, False),
        (co_author, mine, False),
        (educator, theirs, False),
        (educator, mine, True),
    ]:
        client.force_login(who)
        client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        assert Page.objects.filter(pk=page.pk).exists() != deleted


def test_an_educator_cannot_move_a_lesson_into_a_course_they_do_not_write(client, world, educator):
    draft = LessonPageFactory(parent=world.course, owner=educator, live=False)
    client.force_login(educator)
    move = reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, world.theirs.pk])
    assert client.post(move).status_code == 302
    assert draft.get_parent().pk == world.course.pk


def test_bulk_actions_follow_the_same_rules(client, world, other_educator, reviewer):
    lesson = world.lessons[0]
    client.force_login(other_educator)
    for action in ("delete", "unpublish", "publish"):
        bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        client.post(f"{bulk}?id={lesson.pk}")
    lesson.refresh_from_db()
    assert lesson.live
    client.force_login(reviewer)
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"])
    client.post(f"{bulk}?id={lesson.pk}")
    lesson.refresh_from_db()
    assert not lesson.live


def test_the_explorer_lists_only_the_courses_an_educator_writes(client, world, other_educator):
    client.force_login(other_educator)
    html = client.get(reverse("wagtailadmin_explore", args=[world.catalogue.pk])).content
    assert b"Their course" in html and b"Our course" not in html
    html = client.get(reverse("wagtailadmin_explore", args=[world.course.pk])).content
    assert b"Lesson 1" not in html
    # A filter (courses with lessons) queries the catalogue instead of listing its children.
    LessonPageFactory(parent=world.theirs, owner=other_educator)
    explore = reverse("wagtailadmin_explore", args=[world.catalogue.pk])
    filtered = client.get(explore, {"has_child_pages": "true"})
    assert [page.title for page in filtered.context["pages"]] == ["Their course"]


def test_reordering_is_offered_only_where_the_server_accepts_it(client, world, educator):
    client.force_login(educator)
    lessons = client.get(reverse("wagtailadmin_explore", args=[world.course.pk]))
    assert b'data-controller="w-orderable"' in lessons.content  # the course's lessons
    courses = client.get(
        reverse("wagtailadmin_explore", args=[world.catalogue.pk]) + "?ordering=ord"
    )
    assert b'data-controller="w-orderable"' not in courses.content  # the catalogue's courses


def test_the_admin_lists_a_courses_lessons_in_course_order(client, world, educator):
    client.force_login(educator)
    client.post(  # the most recently edited lesson is the last one
        reverse("wagtailadmin_pages:edit", args=[world.lessons[2].pk]),
        lesson_data(world.lessons[2]),
    )
    listing = client.get(reverse("wagtailadmin_explore", args=[world.course.pk]))
    assert [page.title for page in listing.context["pages"]] == ["Lesson 1", "Lesson 2", "Lesson 3"]


def test_reordering_moves_the_lesson_where_it_was_dropped_or_says_why_not(client, world, educator):
    client.force_login(educator)
    set_position = reverse("wagtailadmin_pages:set_page_position", args=[world.lessons[2].pk])
    assert client.post(set_position + "?position=0").status_code == 200
    assert child_titles(world.course) == ["Lesson 3", "Lesson 1", "Lesson 2"]
    for bad in ("3", "-1", "first"):
        response = client.post(f"{set_position}?position={bad}")
        assert response.status_code == 400
        assert response.content == b"The position must be a whole number from 0 to 2."
    assert client.post(set_position).status_code == 200  # no position: to the end
    assert child_titles(world.course) == ["Lesson 1", "Lesson 2", "Lesson 3"]


def test_a_co_author_added_in_a_draft_writes_the_course_once_it_is_published(
    client, world, educator, other_educator, reviewer
):
    edit = reverse("wagtailadmin_pages:edit", args=[world.course.pk])
    client.force_login(educator)
    co_authors = [world.users["co_author"].pk, other_educator.pk]
    client.post(edit, course_data(world.course, co_authors=co_authors))
    assert not world.course.permissions_for_user(other_educator).can_edit()
    client.force_login(reviewer)
    client.post(edit, course_data(world.course, co_authors=co_authors, **{"action-publish": "1"}))
    other_educator = type(other_educator).objects.get(pk=other_educator.pk)
    assert world.lessons[0].permissions_for_user(other_educator).can_edit()


def test_only_educators_can_be_co_authors(client, world, educator, learner):
    client.force_login(educator)
    edit = reverse("wagtailadmin_pages:edit", args=[world.course.pk])
    form = client.get(edit).content.decode()
    assert f'value="{world.users["co_author"].pk}"' in form
    assert f'name="co_authors" value="{learner.pk}"' not in form
    response = client.post(edit, course_data(world.course, co_authors=[learner.pk]))
    assert response.status_code == 200  # the form again, with the error
    assert not world.course.get_latest_revision_as_object().co_authors.filter(pk=learner.pk)


def test_a_lesson_editor_offers_submitting_the_course_not_publishing(client, world, educator):
    client.force_login(educator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[world.lessons[0].pk])).content
    assert b"Submit course for review" in html
    assert b'name="action-publish"' not in html


def roles_state():
    def group(name):
        found = Group.objects.filter(name=name).first()
        if found is None:
            return None
        return (
            sorted(found.permissions.values_list("codename", flat=True)),
            sorted(
                GroupPagePermission.objects.filter(group=found).values_list(
                    "page_id", "permission__codename"
                )
            ),
            sorted(
                GroupCollectionPermission.objects.filter(group=found).values_list(
                    "permission__codename", flat=True
                )
            ),
            sorted(found.user_set.values_list("username", flat=True)),
        )

    workflows = Workflow.objects.filter(name="Course review")
    return {
        "Educators": group("Educators"),
        "Editors": group("Editors"),
        "Reviewers": group("Reviewers"),
        "workflow": sorted(
            workflows.values_list("workflow_pages__page_id", "workflow_tasks__task__name")
        ),
    }


def test_the_roles_migration_runs_twice_and_reverses(world, educator):
    migration = import_module("learning.migrations.0004_educators_and_course_review")
    state = SimpleNamespace(connection=connection)
    before = roles_state()
    assert before["Editors"] is None  # gone; Educators add on the catalogue, nothing more
    assert before["Educators"][:3] == (
        ["access_admin"],
        [(world.catalogue.pk, "add_page")],
        ["add_document", "add_image", "choose_document", "choose_image"],
    )
    assert {"view_course_reports", "reset_progress"} <= set(before["Reviewers"][0])
    assert before["workflow"] == [(world.catalogue.pk, "Course review")]
    migration.forwards(apps, state)
    assert roles_state() == before
    migration.backwards(apps, state)
    after = roles_state()
    assert after["Educators"] is None and after["workflow"] == []
    assert educator.username in after["Editors"][3]  # nobody loses the admin
    assert "view_course_reports" not in after["Reviewers"][0]
    migration.forwards(apps, state)
    migration.forwards(apps, state)
    assert roles_state() == before
