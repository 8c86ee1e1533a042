"""Every moderation action is in the audit log, worded for people: the comment's (or the
mute's) history page and the admin's "Site history" report say who did what and why."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.tests.factories import UserFactory
from community import comments, moderation
from community.models import Comment, Flag

pytestmark = pytest.mark.django_db
Status = Comment.Status
SITE_HISTORY = "/admin/reports/site-history/"


def rows(client, url):
    """The listing's rows as text, one string per row."""
    html = client.get(url).content.decode()
    found = re.findall(r"<tr[^>]*>(.*?)</tr>", html, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in found]


def history(client, instance):
    name = "community_comments" if isinstance(instance, Comment) else "community_mutes"
    return rows(client, reverse(f"{name}:history", args=[instance.pk]))


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.mark.parametrize(
    "start, decision, reason, message",
    [
        (Status.PENDING, "approve", "", "Approved"),
        (Status.APPROVED, "hide", "spam links", "Hidden: spam links"),
        (Status.APPROVED, "delete", "off topic", "Deleted: off topic"),
        (Status.DELETED, "restore", "deleted by mistake", "Restored: deleted by mistake"),
    ],
)
def test_each_decision_is_in_the_history_and_the_site_history(
    mod_client, write, learner, start, decision, reason, message
):
    comment = write(learner, "Cheap watches here", status=start)
    url = reverse("community_comments:moderate", args=[comment.pk, decision])
    mod_client.post(url, {"reason": reason})
    assert any(message in row and "moderator" in row for row in history(mod_client, comment))
    # Another moderator reads the same line in the site history, with the comment named.
    other = UserFactory(username="second_mod")
    other.groups.add(Group.objects.get(name="Moderators"))
    mod_client.force_login(other)
    site = rows(mod_client, SITE_HISTORY)
    assert any(
        "Cheap watches here" in row and "Comment" in row and message in row and "moderator" in row
        for row in site
    )


def test_readers_flags_and_the_automatic_hiding_are_in_the_history(
    mod_client, write, learner, settings
):
    settings.COMMENT_FLAGS_TO_HIDE = 2
    comment = write(learner, "Visit my shop")
    moderation.flag(comment, UserFactory(username="reader1"), Flag.Reason.SPAM, "a link farm")
    moderation.flag(comment, UserFactory(username="reader2"), Flag.Reason.ABUSE)
    lines = history(mod_client, comment)
    assert any("Flagged: Spam or advertising (a link farm)" in r and "reader1" in r for r in lines)
    assert any("Flagged: Harassment or hate" in row and "reader2" in row for row in lines)
    assert any("Hidden automatically after 2 readers flagged it" in row for row in lines)


def test_an_authors_own_edit_and_deletion_are_in_the_history(mod_client, write, learner):
    comment = write(learner, "Frist post")
    comments.edit_comment(learner, comment, "First post")
    comments.delete_own_comment(learner, comment)
    lines = history(mod_client, comment)
    assert any("Edited by its author" in row and "learner" in row for row in lines)
    assert any("Deleted: Deleted by its author." in row for row in lines)


def test_comments_decided_in_bulk_each_keep_their_entry(mod_client, write, learner):
    chosen = [write(learner, f"Spam {n}") for n in range(3)]
    ids = "&".join(f"id={c.pk}" for c in chosen)
    url = reverse("wagtail_bulk_action", args=["community", "comment", "hide"]) + f"?{ids}"
    mod_client.post(url, {"reason": "a spam wave"})
    for comment in chosen:
        assert any("Hidden: a spam wave" in row for row in history(mod_client, comment))


def test_mutes_and_lifting_them_are_in_the_history_and_the_site_history(mod_client, other_learner):
    mod_client.post(
        reverse("community_mutes:add"),
        {"username": "grace", "duration": "", "reason": "Insults"},
    )
    mute = other_learner.mutes.get()
    mod_client.post(reverse("community_mutes:lift", args=[mute.pk]), {"reason": "Apologised"})
    lines = history(mod_client, mute)
    assert any("Muted for good: Insults" in row and "moderator" in row for row in lines)
    assert any("Mute lifted: Apologised" in row and "moderator" in row for row in lines)
    site = rows(mod_client, SITE_HISTORY)
    assert any("Grace Hopper muted" in row and "Muted for good: Insults" in row for row in site)


def test_the_site_history_links_a_comment_to_its_inspect_page(
    mod_client, moderator, write, learner
):
    comment = write(learner, "Hello")
    moderation.hide(comment, moderator, "rude")
    html = mod_client.get(SITE_HISTORY).content.decode()
    assert reverse("community_comments:inspect", args=[comment.pk]) in html


def test_people_without_comment_permissions_do_not_read_its_history(
    client, educator, moderator, write, learner
):
    comment = write(learner, "Private matter")
    moderation.hide(comment, moderator, "personal data")
    client.force_login(educator)
    assert not any("personal data" in row for row in rows(client, SITE_HISTORY))
    response = client.get(reverse("community_comments:history", args=[comment.pk]))
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_moderators_find_the_site_history_in_the_community_menu(mod_client):
    # Wagtail lists "Site history" under Reports only for people who edit pages.
    assert f'"url": "{SITE_HISTORY}"' in mod_client.get("/admin/").content.decode()
