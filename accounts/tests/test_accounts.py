"""Accounts: sign up, log in and out, passwords and the profile page, as a visitor uses them."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY, authenticate
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # UserFactory's password
NEW_PASSWORD = "a-fresh-Passphrase-42"


def signup_data(**overrides):
    data = {
        "username": "newbie",
        "display_name": "Katherine Johnson",
        "email": "katherine@example.com",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    data.update(overrides)
    return data


def logged_in_user_id(client):
    return client.session.get(SESSION_KEY)


# Sign up


def test_signup_page_shows_the_form_and_carries_next(client):
    response = client.get(reverse("accounts:signup"), {"next": "/courses/"})
    assert response.status_code == 200
    assert b"Create your account" in response.content
    assert b'name="display_name"' in response.content
    assert b'<input type="hidden" name="next" value="/courses/">' in response.content


def test_signup_creates_the_user_logs_them_in_and_goes_to_next(client, catalogue):
    response = client.post(reverse("accounts:signup"), signup_data(next="/courses/"), follow=True)
    user = User.objects.get(username="newbie")
    assert user.display_name == "Katherine Johnson"
    assert user.email == "katherine@example.com"
    assert user.check_password(NEW_PASSWORD)
    assert response.redirect_chain == [("/courses/", 302)]
    assert str(logged_in_user_id(client)) == str(user.pk)
    assert "Welcome, Katherine Johnson! Your account is ready." in response.content.decode()


def test_signup_without_next_goes_to_the_dashboard(client):
    response = client.post(reverse("accounts:signup"), signup_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:dashboard")
    assert User.objects.filter(username="newbie").exists()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_signup_ignores_an_off_site_next_and_goes_to_the_dashboard(client, next_url):
    response = client.post(reverse("accounts:signup"), signup_data(next=next_url))
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:dashboard")
    assert User.objects.filter(username="newbie").exists()


def test_signup_page_does_not_echo_an_off_site_next(client):
    response = client.get(reverse("accounts:signup"), {"next": "https://evil.example/"})
    assert response.status_code == 200
    assert b'<input type="hidden" name="next" value="">' in response.content


def test_signup_with_a_bare_word_next_does_not_crash(client):
    """A bare word is a relative URL, never taken for a URL pattern name."""
    response = client.post(reverse("accounts:signup"), signup_data(next="courses"))
    assert response.status_code == 302
    assert response["Location"] == "courses"


def test_signup_with_mismatched_passwords_shows_a_readable_error_and_creates_nothing(client):
    users_before = User.objects.count()
    response = client.post(
        reverse("accounts:signup"),
        signup_data(password2="something-else-entirely", next="/courses/"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="error" role="alert">The two password fields didn’t match.</p>' in html
    # What the person typed is kept, and so is where they were going.
    assert 'value="Katherine Johnson"' in html
    assert '<input type="hidden" name="next" value="/courses/">' in html
    assert User.objects.count() == users_before
    assert logged_in_user_id(client) is None


def test_signup_with_a_taken_username_is_refused(client, learner):
    response = client.post(reverse("accounts:signup"), signup_data(username="learner"))
    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    assert User.objects.filter(username="learner").count() == 1
    assert logged_in_user_id(client) is None


def test_signup_when_already_logged_in_goes_to_next(learner_client):
    response = learner_client.get(reverse("accounts:signup"), {"next": "/courses/"})
    assert response.status_code == 302
    assert response["Location"] == "/courses/"


# Log in and log out


def test_login_redirects_back_to_the_lesson_in_next(client, make_course, learner):
    _, lessons = make_course(lessons=1)
    lesson_url = lessons[0].url
    form = client.get(reverse("login"), {"next": lesson_url})
    assert f'<input type="hidden" name="next" value="{lesson_url}">' in form.content.decode()

    response = client.post(
        reverse("login"),
        {"username": "learner", "password": PASSWORD, "next": lesson_url},
        follow=True,
    )
    assert response.redirect_chain == [(lesson_url, 302)]
    assert str(logged_in_user_id(client)) == str(learner.pk)
    assert b"Mark as complete" in response.content


def test_login_ignores_an_off_site_next(client, learner):
    response = client.post(
        reverse("login"),
        {"username": "learner", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:dashboard")


def test_login_with_a_wrong_password_shows_an_error(client, learner):
    response = client.post(reverse("login"), {"username": "learner", "password": "nope"})
    assert response.status_code == 200
    assert b"Please enter a correct username and password." in response.content
    assert logged_in_user_id(client) is None


def test_logout_is_a_post_and_ends_the_session(learner_client):
    assert learner_client.get(reverse("logout")).status_code == 405
    assert logged_in_user_id(learner_client) is not None

    response = learner_client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_user_id(learner_client) is None
    after = learner_client.get(reverse("accounts:profile"))
    assert after.status_code == 302
    assert after["Location"].startswith(reverse("login"))


# Passwords


def test_password_change_with_the_old_password(learner_client, learner):
    response = learner_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("password_change_done"), 302)]
    assert b"Your password was changed." in response.content
    assert authenticate(username="learner", password=NEW_PASSWORD) == learner
    assert authenticate(username="learner", password=PASSWORD) is None
    # Changing the password keeps this session signed in.
    assert learner_client.get(reverse("accounts:profile")).status_code == 200


def test_password_change_with_a_wrong_old_password_is_refused(learner_client):
    response = learner_client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "Your old password was entered incorrectly." in response.content.decode()
    assert authenticate(username="learner", password=PASSWORD) is not None


def test_password_reset_mail_link_sets_a_new_password_that_logs_in(client, learner):
    response = client.post(reverse("password_reset"), {"email": "learner@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["learner@example.com"]
    link = re.search(r"https?://testserver(/accounts/reset/\S+/\S+/)", message.body)
    assert link, message.body

    # The link swaps its token for a session and lands on the "set password" form.
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    assert b"Choose a new password" in form_page.content
    set_password_url = form_page.redirect_chain[-1][0]

    done = client.post(
        set_password_url,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert done.redirect_chain == [(reverse("password_reset_complete"), 302)]
    assert b"Your new password is set." in done.content

    login = client.post(reverse("login"), {"username": "learner", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert str(logged_in_user_id(client)) == str(learner.pk)

    # The link works once only.
    client.post(reverse("logout"))
    reused = client.get(link.group(1), follow=True)
    assert b"This reset link is invalid or was already used." in reused.content


def test_password_reset_for_an_unknown_address_sends_nothing_but_looks_the_same(client, learner):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


# Profile


def test_profile_requires_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("login")
    assert parse_qs(location.query)["next"] == [reverse("accounts:profile")]


def test_profile_edits_the_display_name(learner_client, learner):
    page = learner_client.get(reverse("accounts:profile"))
    assert page.status_code == 200
    assert b'value="Ada Lovelace"' in page.content

    response = learner_client.post(
        reverse("accounts:profile"),
        {"display_name": "Countess of Lovelace", "email": "ada@example.com"},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("accounts:profile"), 302)]
    html = response.content.decode()
    assert "Your profile was saved." in html
    assert "Countess of Lovelace" in html  # in the navigation bar
    learner.refresh_from_db()
    assert learner.display_name == "Countess of Lovelace"
    assert learner.email == "ada@example.com"


def test_profile_refuses_an_invalid_email(learner_client, learner):
    response = learner_client.post(
        reverse("accounts:profile"), {"display_name": "Ada", "email": "not-an-address"}
    )
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    learner.refresh_from_db()
    assert learner.display_name == "Ada Lovelace"


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"display_name": "Ada L.", "first_name": "Ada", "last_name": "Byron"}, "Ada L."),
        ({"display_name": "", "first_name": "Ada", "last_name": "Byron"}, "Ada Byron"),
        ({"display_name": "", "first_name": "", "last_name": ""}, "ada42"),
    ],
    ids=["display-name", "full-name", "username"],
)
def test_display_name_falls_back_to_full_name_then_username(client, fields, shown):
    user = UserFactory(username="ada42", **fields)
    assert user.get_display_name() == shown
    assert str(user) == shown
    client.force_login(user)
    nav = client.get(reverse("accounts:profile")).content.decode()
    assert f'<a href="{reverse("accounts:profile")}">{shown}</a>' in nav
