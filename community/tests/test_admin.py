"""The moderation queue in the Wagtail admin: what a moderator sees, how the filters and
search narrow it, each decision one by one and in bulk, who is refused, mutes and the
dashboard panel."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.tests.factories import UserFactory
from community.models import Comment, Mute
from community.tests.factories import FlagFactory

pytestmark = pytest.mark.django_db
Status = Comment.Status
QUEUE = "/admin/community/comments/"


def listed(client, **params):
    response = client.get(QUEUE, params)
    assert response.status_code == 200
    return {comment.pk for comment in response.context["object_list"]}


def moderate_url(comment, decision):
    return reverse("community_comments:moderate", args=[comment.pk, decision])


def bulk_url(decision, *comments, **params):
    query = "&".join([f"id={c.pk}" for c in comments] + [f"{k}={v}" for k, v in params.items()])
    return reverse("wagtail_bulk_action", args=["community", "comment", decision]) + "?" + query


def logged(comment, action):
    return ModelLogEntry.objects.filter(object_id=str(comment.pk), action=action)


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


def test_the_queue_shows_text_author_lesson_course_status_and_open_flags(
    mod_client, write, lesson, learner
):
    comment = write(learner, "Why does the loop never end?", status=Status.PENDING)
    FlagFactory(comment=comment)
    FlagFactory(comment=comment)
    FlagFactory(comment=comment, resolved_at=comment.created_at)
    response = mod_client.get(QUEUE)
    page = response.content.decode()
    for text in ["Why does the loop never end?", "Ada Lovelace (learner)", lesson.title]:
        assert text in page
    assert lesson.get_parent().title in page
    assert "Awaiting review" in page
    (row,) = response.context["object_list"]
    assert (row.open_flags, row.course_title) == (2, lesson.get_parent().title)
    assert "Add comment" not in page
    assert 'data-bulk-action-button=""' in page  # Wagtail's bulk-action bar


def test_the_queue_takes_as_many_queries_for_thirty_comments_as_for_one(mod_client, write, learner):
    FlagFactory(comment=write(learner))
    with CaptureQueriesContext(connection) as one:
        mod_client.get(QUEUE)
    for number in range(29):
        FlagFactory(comment=write(UserFactory(), f"Comment {number}"))
    with CaptureQueriesContext(connection) as thirty:
        mod_client.get(QUEUE)
    assert len(thirty) == len(one)


def test_newest_comments_come_first(mod_client, write, learner):
    first, second = write(learner, "First"), write(learner, "Second")
    response = mod_client.get(QUEUE)
    assert [c.pk for c in response.context["object_list"]] == [second.pk, first.pk]


@pytest.mark.parametrize(
    "status, expected",
    [
        ("pending", {"pending"}),
        ("flagged", {"flagged"}),
        ("hidden", {"hidden"}),
        ("deleted", {"deleted_with_flag"}),
        ("approved", {"approved", "flagged"}),
        ("", {"pending", "flagged", "hidden", "deleted_with_flag", "approved"}),
    ],
)
def test_the_status_filter(mod_client, write, learner, status, expected):
    comments = {
        "pending": write(learner, status=Status.PENDING),
        "approved": write(learner),
        "flagged": write(learner),
        "hidden": write(learner, status=Status.HIDDEN),
        # A learner's own deletion leaves readers' flags open; it is not "flagged" any more.
        "deleted_with_flag": write(learner, status=Status.DELETED),
    }
    FlagFactory(comment=comments["flagged"])
    FlagFactory(comment=comments["deleted_with_flag"])
    assert listed(mod_client, status=status) == {comments[name].pk for name in expected}


def test_the_course_lesson_and_author_filters_and_the_search(
    mod_client, make_course, learner, other_learner
):
    (course_a, (a1, a2)), (course_b, (b1,)) = make_course(lessons=2), make_course(lessons=1)
    on_a1 = Comment.objects.create(lesson=a1, author=learner, body="Indentation matters")
    on_a2 = Comment.objects.create(lesson=a2, author=other_learner, body="Tabs or spaces?")
    on_b1 = Comment.objects.create(lesson=b1, author=learner, body="Great SQL example")
    assert listed(mod_client, course=course_a.pk) == {on_a1.pk, on_a2.pk}
    assert listed(mod_client, course=course_b.pk) == {on_b1.pk}
    assert listed(mod_client, lesson=a2.pk) == {on_a2.pk}
    assert listed(mod_client, author="grace") == {on_a2.pk}
    assert listed(mod_client, author="learner", course=course_a.pk) == {on_a1.pk}
    assert listed(mod_client, q="spaces") == {on_a2.pk}
    assert listed(mod_client, q="Grace Hop") == {on_a2.pk}  # display name
    assert listed(mod_client, q="learner") == {on_a1.pk, on_b1.pk}  # username


@pytest.mark.parametrize(
    "start, decision, reason, end",
    [
        (Status.PENDING, "approve", "", Status.APPROVED),
        (Status.APPROVED, "hide", "spam links", Status.HIDDEN),
        (Status.HIDDEN, "delete", "duplicate", Status.DELETED),
        (Status.DELETED, "restore", "deleted by mistake", Status.APPROVED),
    ],
)
def test_each_decision_from_its_confirmation_page(
    mod_client, moderator, write, learner, start, decision, reason, end
):
    comment = write(learner, "Buy cheap watches", status=start)
    page = mod_client.get(moderate_url(comment, decision) + f"?next={QUEUE}")
    assert page.status_code == 200
    assert "Buy cheap watches" in page.content.decode() and 'name="reason"' in page.content.decode()
    response = mod_client.post(moderate_url(comment, decision), {"reason": reason, "next": QUEUE})
    assert (response.status_code, response["Location"]) == (302, QUEUE)
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by, comment.moderation_reason) == (
        end,
        moderator,
        reason,
    )
    (entry,) = logged(comment, f"community.{decision}")
    assert (entry.user, entry.data["reason"]) == (moderator, reason)


def test_the_listing_and_inspect_page_offer_the_decisions_that_apply(mod_client, write, learner):
    comment = write(learner, status=Status.PENDING)
    listing = mod_client.get(QUEUE).content.decode()
    for decision in ("approve", "hide", "delete"):
        assert moderate_url(comment, decision) in listing
    assert moderate_url(comment, "restore") not in listing
    inspect = mod_client.get(reverse("community_comments:inspect", args=[comment.pk]))
    assert moderate_url(comment, "hide") in inspect.content.decode()


def test_hiding_without_a_reason_is_refused_and_changes_nothing(mod_client, write, learner):
    comment = write(learner)
    response = mod_client.post(moderate_url(comment, "hide"), {"reason": "  "})
    assert response.status_code == 200
    assert "Say why the comment is hidden" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED and not logged(comment, "community.hide")


def test_a_decision_that_does_not_apply_shows_why(mod_client, write, learner):
    comment = write(learner, status=Status.HIDDEN)
    response = mod_client.post(moderate_url(comment, "restore"), {"reason": "why not"})
    assert response.status_code == 409
    assert "cannot be restored" in response.content.decode()
    assert not logged(comment, "community.restore")


@pytest.mark.parametrize(
    "who, goes_to", [("learner", "/admin/login/"), ("educator", "/admin/"), ("reviewer", "/admin/")]
)
def test_people_who_do_not_moderate_are_refused_and_nothing_changes(
    client, request, write, other_learner, who, goes_to
):
    comment = write(other_learner, status=Status.PENDING)
    client.force_login(request.getfixturevalue(who))
    for url in (moderate_url(comment, "hide"), bulk_url("hide", comment)):
        response = client.post(url, {"reason": "I do not like it"})
        assert response.status_code == 302 and response["Location"].startswith(goes_to)
    assert client.get(QUEUE).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Status.PENDING and not logged(comment, "community.hide")


@pytest.mark.parametrize(
    "start, decision, end",
    [
        (Status.PENDING, "approve", Status.APPROVED),
        (Status.APPROVED, "hide", Status.HIDDEN),
        (Status.PENDING, "delete", Status.DELETED),
        (Status.DELETED, "restore", Status.APPROVED),
    ],
)
def test_each_bulk_action(mod_client, moderator, write, learner, start, decision, end):
    chosen = [write(learner, f"Chosen {n}", status=start) for n in range(2)]
    other = write(learner, "Not chosen", status=start)
    url = bulk_url(decision, *chosen, next=QUEUE)
    assert "Chosen 1" in mod_client.get(url).content.decode()
    response = mod_client.post(url, {"reason": "tidying up"})
    assert (response.status_code, response["Location"]) == (302, QUEUE)
    for comment in chosen:
        comment.refresh_from_db()
        assert comment.status == end
        (entry,) = logged(comment, f"community.{decision}")
        assert (entry.user, entry.data["reason"]) == (moderator, "tidying up")
    other.refresh_from_db()
    assert other.status == start


def test_bulk_hide_asks_for_a_reason(mod_client, write, learner):
    comment = write(learner)
    response = mod_client.post(bulk_url("hide", comment), {"reason": ""})
    assert response.status_code == 200
    assert "Say why the comment is hidden" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED


def test_bulk_select_all_keeps_to_the_listings_filters(mod_client, write, learner):
    pending = [write(learner, status=Status.PENDING) for _ in range(2)]
    hidden = write(learner, status=Status.HIDDEN)
    mod_client.post(bulk_url("approve", id="all", status="pending"), {"reason": ""})
    assert {c.status for c in Comment.objects.filter(pk__in=[c.pk for c in pending])} == {
        Status.APPROVED
    }
    hidden.refresh_from_db()
    assert hidden.status == Status.HIDDEN


def test_muting_someone_from_the_admin(mod_client, moderator, other_learner):
    form = mod_client.get(reverse("community_mutes:add"))
    assert 'name="username"' in form.content.decode()
    response = mod_client.post(
        reverse("community_mutes:add"),
        {"username": "grace", "duration": "7", "reason": "Insults in three lessons"},
    )
    assert response.status_code == 302
    (mute,) = Mute.objects.active().filter(user=other_learner)
    assert (mute.muted_by, mute.reason, mute.until is not None) == (
        moderator,
        "Insults in three lessons",
        True,
    )
    (entry,) = logged(mute, "community.mute")
    assert entry.data["reason"] == "Insults in three lessons"
    listing = mod_client.get(reverse("community_mutes:index")).content.decode()
    assert "Grace Hopper (grace)" in listing and "In force" in listing


@pytest.mark.parametrize(
    "username, message",
    [("nobody", "There is nobody with the username"), ("moderator", "cannot mute yourself")],
)
def test_a_mute_for_nobody_or_oneself_is_refused(mod_client, username, message):
    response = mod_client.post(
        reverse("community_mutes:add"), {"username": username, "duration": "", "reason": "x"}
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Mute.objects.exists()


def test_lifting_a_mute(mod_client, moderator, other_learner):
    mod_client.post(
        reverse("community_mutes:add"), {"username": "grace", "duration": "", "reason": "Spam"}
    )
    mute = Mute.objects.get(user=other_learner)
    assert mute.until is None  # for good
    url = reverse("community_mutes:lift", args=[mute.pk])
    assert "Lift mute" in mod_client.get(url).content.decode()
    assert mod_client.post(url, {"reason": "Appeal accepted"}).status_code == 302
    mute.refresh_from_db()
    assert (mute.is_active, mute.lifted_by) == (False, moderator)
    assert logged(mute, "community.unmute").get().data["reason"] == "Appeal accepted"


def test_the_dashboard_counts_what_waits_and_links_to_it(
    client, mod_client, educator, write, learner
):
    for _ in range(2):
        write(learner, status=Status.PENDING)
    FlagFactory(comment=write(learner))
    FlagFactory(comment=write(learner, status=Status.DELETED))  # out of sight already
    page = mod_client.get("/admin/").content.decode()
    assert "2 awaiting review" in page and "1 flagged by readers" in page
    assert f'href="{QUEUE}?status=pending"' in page and f'href="{QUEUE}?status=flagged"' in page
    client.force_login(educator)
    assert "awaiting review" not in client.get("/admin/").content.decode()
