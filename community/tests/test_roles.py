"""Who does what: Reviewers review and publish pages (what Wagtail's default "Moderators"
group did); Moderators moderate comments and mute people, and nothing else
(community/migrations/0002_roles.py)."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse
from wagtail.models import GroupApprovalTask, GroupCollectionPermission, GroupPagePermission

from community.models import Comment, CommunitySettings, Mute, Premoderation

pytestmark = pytest.mark.django_db
QUEUE = "/admin/community/comments/"
roles = import_module("community.migrations.0002_roles")


def refused_to_admin_home(response):
    """Wagtail's answer to a person in the admin without the permission: back to the
    dashboard, with a message."""
    return response.redirect_chain == [("/admin/", 302)] and (
        "Sorry, you do not have permission to access this area." in response.content.decode()
    )


def group_state(name):
    group = Group.objects.get(name=name)
    return (
        sorted(f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()),
        sorted(
            GroupPagePermission.objects.filter(group=group).values_list(
                "page_id", "permission__codename"
            )
        ),
        sorted(
            GroupCollectionPermission.objects.filter(group=group).values_list(
                "collection_id", "permission__codename"
            )
        ),
        sorted(GroupApprovalTask.objects.filter(groups=group).values_list("name", flat=True)),
    )


def test_moderators_moderate_comments_and_nothing_else():
    permissions, pages, collections, tasks = group_state("Moderators")
    assert permissions == [
        "community.add_mute",
        "community.change_communitysettings",
        "community.change_mute",
        "community.moderate_comment",
        "community.view_comment",
        "community.view_mute",
        "wagtailadmin.access_admin",
    ]
    assert (pages, collections, tasks) == ([], [], [])


def test_reviewers_have_what_wagtails_moderators_had():
    permissions, pages, collections, tasks = group_state("Reviewers")
    assert {codename for _, codename in pages} == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    assert {codename for _, codename in collections} >= {"add_image", "choose_document"}
    assert "wagtailadmin.access_admin" in permissions
    assert not any(name.startswith("community.") for name in permissions)
    assert tasks == ["Reviewers approval"]  # the default workflow's approval step


def test_the_roles_migration_runs_twice_and_reverses():
    migration_state = SimpleNamespace(connection=connection)
    before = {name: group_state(name) for name in ("Moderators", "Reviewers")}
    roles.forwards(apps, migration_state)
    assert {name: group_state(name) for name in before} == before
    roles.backwards(apps, migration_state)
    assert not Group.objects.filter(name="Reviewers").exists()
    permissions, pages, collections, tasks = group_state("Moderators")
    assert (pages, collections) == (before["Reviewers"][1], before["Reviewers"][2])
    assert tasks == ["Moderators approval"]
    assert not any(name.startswith("community.") for name in permissions)
    roles.forwards(apps, migration_state)
    assert {name: group_state(name) for name in before} == before


def test_a_moderator_opens_the_queue_but_cannot_edit_or_publish_pages(
    client, moderator, make_course
):
    course, (lesson,) = make_course(lessons=1)
    client.force_login(moderator)
    assert client.get(QUEUE).status_code == 200
    assert refused_to_admin_home(
        client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]), follow=True)
    )
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[lesson.pk]), follow=True)
    assert refused_to_admin_home(response)
    lesson.refresh_from_db()
    assert lesson.live
    assert not lesson.permissions_for_user(moderator).can_publish()


def test_a_reviewer_approves_a_page_in_the_workflow_and_publishes(
    client, reviewer, moderator, educator, make_course
):
    # Courses go through "Course review" with their lessons (learning/tests/test_course_review.py).
    course, _ = make_course(lessons=1, owner=educator)
    course.title = "Loops, revised"
    revision = course.save_revision(user=educator)
    workflow_state = course.get_workflow().start(course, educator)
    task_state = workflow_state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[course.pk, "approve", task_state.pk]
    )
    client.force_login(moderator)
    assert refused_to_admin_home(client.post(approve, {"comment": ""}, follow=True))
    course.refresh_from_db()
    assert course.live_revision_id != revision.pk
    client.force_login(reviewer)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).status_code == 200
    assert client.post(approve, {"comment": "Good"}).status_code == 302
    course.refresh_from_db()
    assert (course.live_revision_id, course.title) == (revision.pk, "Loops, revised")


@pytest.mark.parametrize(
    "who, goes_to",
    [("educator", "/admin/"), ("reviewer", "/admin/"), ("learner", "/admin/login/?next=")],
)
def test_only_moderators_open_the_queue_and_mutes(client, request, who, goes_to):
    client.force_login(request.getfixturevalue(who))
    for url in (QUEUE, "/admin/community/mutes/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(goes_to)


def test_an_educator_cannot_mute(client, educator, other_learner):
    client.force_login(educator)
    data = {"username": "grace", "duration": "", "reason": "x"}
    assert refused_to_admin_home(client.post(reverse("community_mutes:add"), data, follow=True))
    assert not Mute.objects.exists()


def test_a_moderator_sets_pre_moderation_and_an_educator_cannot(client, moderator, educator):
    settings = CommunitySettings.load()
    url = reverse("wagtailsettings:edit", args=["community", "communitysettings", settings.pk])
    client.force_login(educator)
    assert refused_to_admin_home(
        client.post(url, {"premoderation": Premoderation.ALL}, follow=True)
    )
    assert CommunitySettings.load().premoderation == Premoderation.OFF
    client.force_login(moderator)
    assert client.post(url, {"premoderation": Premoderation.ALL}).status_code == 302
    assert CommunitySettings.load().premoderation == Premoderation.ALL


def test_nobody_adds_or_edits_a_comment_in_the_admin(client, staff_admin, learner, make_course):
    course, (lesson,) = make_course(lessons=1)
    comment = Comment.objects.create(lesson=lesson, author=learner, body="My own words")
    client.force_login(staff_admin)  # not even a superuser
    assert "Add comment" not in client.get(QUEUE).content.decode()
    for name, args in [("add", []), ("edit", [comment.pk]), ("delete", [comment.pk])]:
        url = reverse(f"community_comments:{name}", args=args)
        assert refused_to_admin_home(client.post(url, {"body": "Rewritten"}, follow=True))
    comment.refresh_from_db()
    assert comment.body == "My own words"
