"""Who may do what in a discussion on the site: every role against every action, with the
exact status and what is stored afterwards. (The admin's moderation actions have their
matrix in test_admin.py.)"""

import pytest
from django.urls import reverse

from community.models import Comment, Flag

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "author", "other_learner", "moderator", "reviewer", "educator", "superuser"]
SIGNED_IN = ROLES[1:]


@pytest.fixture
def as_role(client, learner, request):
    """as_role(name) -> a client signed in as that person (the author is ``learner``)."""

    def sign_in(role):
        people = {
            "author": learner,
            "other_learner": "other_learner",
            "moderator": "moderator",
            "reviewer": "reviewer",
            "educator": "educator",
            "superuser": "staff_admin",
        }
        if role != "anonymous":
            person = people[role]
            client.force_login(
                person if not isinstance(person, str) else request.getfixturevalue(person)
            )
        return client

    return sign_in


@pytest.fixture
def authored(write, learner):
    return write(learner, "The author's own words")


def expected(role, when_signed_in, anonymous=403):
    return anonymous if role == "anonymous" else when_signed_in


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_the_discussion(role, as_role, authored, lesson):
    response = as_role(role).get(lesson.url)
    assert response.status_code == 200
    assert "The author&#x27;s own words" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_posting(role, as_role, authored, post_url):
    response = as_role(role).post(post_url, {"body": f"Posted as {role}"})
    assert response.status_code == expected(role, 303)
    assert Comment.objects.filter(body=f"Posted as {role}").count() == (role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_replying(role, as_role, authored):
    response = as_role(role).post(
        reverse("community:reply", args=[authored.pk]), {"body": f"Reply as {role}"}
    )
    assert response.status_code == expected(role, 303)
    assert authored.replies.filter(body=f"Reply as {role}").count() == (role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_editing_is_for_the_author_alone(role, as_role, authored):
    response = as_role(role).post(
        reverse("community:edit", args=[authored.pk]), {"body": "Rewritten"}
    )
    assert response.status_code == (303 if role == "author" else 403)
    authored.refresh_from_db()
    assert (authored.body == "Rewritten") == (role == "author")


@pytest.mark.parametrize("role", ROLES)
def test_deleting_on_the_site_is_for_the_author_alone(role, as_role, authored):
    """Moderators delete from the moderation queue in the admin, with a reason."""
    response = as_role(role).post(reverse("community:delete", args=[authored.pk]))
    assert response.status_code == (303 if role == "author" else 403)
    authored.refresh_from_db()
    assert authored.status == ("deleted" if role == "author" else "approved")


@pytest.mark.parametrize("role", ROLES)
def test_flagging_is_for_everyone_signed_in_but_the_author(role, as_role, authored):
    response = as_role(role).post(reverse("community:flag", args=[authored.pk]), {"reason": "spam"})
    statuses = {"anonymous": 403, "author": 400}
    assert response.status_code == statuses.get(role, 303)
    assert Flag.objects.filter(comment=authored).count() == (role in SIGNED_IN[1:])


@pytest.mark.parametrize("role", ["anonymous", "other_learner"])
def test_the_form_pages_send_visitors_to_log_in_and_strangers_away(role, as_role, authored):
    client = as_role(role)
    for name in ("reply", "edit", "delete", "flag"):
        response = client.get(reverse(f"community:{name}", args=[authored.pk]))
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        elif name in ("edit", "delete"):
            assert response.status_code == 403
        else:
            assert response.status_code == 200


# The admin half: every role against each moderation decision (one by one and in bulk)
# and muting. Wagtail sends a person without admin access to its log-in page and a member
# of staff without the permission to the admin's home with "Sorry, you do not have
# permission"; the decision is not taken either way.
ADMIN_REFUSAL = {
    "anonymous": "/admin/login/",
    "author": "/admin/login/",
    "other_learner": "/admin/login/",
    "reviewer": "/admin/",
    "educator": "/admin/",
}
DECISIONS = [
    ("approve", "pending", "approved"),
    ("hide", "approved", "hidden"),
    ("delete", "approved", "deleted"),
    ("restore", "deleted", "approved"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("decision, start, end", DECISIONS)
@pytest.mark.parametrize("way", ["one", "bulk"])
def test_moderation_decisions(role, decision, start, end, way, as_role, write, other_learner):
    comment = write(other_learner, "Judged", status=start)
    if way == "one":
        url = reverse("community_comments:moderate", args=[comment.pk, decision])
    else:
        url = reverse("wagtail_bulk_action", args=["community", "comment", decision])
        url += f"?id={comment.pk}"
    response = as_role(role).post(url, {"reason": "A reason", "next": "/admin/community/comments/"})
    assert response.status_code == 302
    comment.refresh_from_db()
    if role in ADMIN_REFUSAL:
        assert response["Location"].split("?")[0] == ADMIN_REFUSAL[role]
        assert comment.status == start
    else:
        assert response["Location"] == "/admin/community/comments/"
        assert comment.status == end


@pytest.mark.parametrize("role", ROLES)
def test_muting(role, as_role, other_learner):
    response = as_role(role).post(
        "/admin/community/mutes/new/",
        {"username": other_learner.username, "duration": "7", "reason": "Insults"},
    )
    assert response.status_code == 302
    if role in ADMIN_REFUSAL:
        assert response["Location"].split("?")[0] == ADMIN_REFUSAL[role]
    assert other_learner.mutes.exists() == (role not in ADMIN_REFUSAL)
