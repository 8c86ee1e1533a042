"""Five wrong passwords lock an account for a while, on the site's log-in and the Wagtail
admin's; the lock lives in the database, so every replica sees it."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory

PASSWORD = "correct-horse-battery"  # UserFactory's
LOCKED = "Too many failed log-ins for this account"


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True


def log_in(client, username, password, url=None):
    return client.post(url or reverse("login"), {"username": username, "password": password})


def fail(client, username, times, url=None):
    """``times`` wrong passwords; returns the last answer."""
    for attempt in range(1, times + 1):
        response = log_in(client, username, "wrong password", url)
        if attempt < 5:
            assert response.status_code == 200  # the form again, with an error
            assert LOCKED not in response.content.decode()
    return response


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client):
    UserFactory(username="ada")
    fifth = fail(client, "ada", 5)
    assert fifth.status_code == 429  # the fifth failure already says why
    assert LOCKED in fifth.content.decode()
    response = log_in(client, "ada", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert "Try again in 15 minutes" in page
    assert reverse("password_reset") in page
    assert "_auth_user_id" not in client.session  # not logged in


@pytest.mark.django_db
def test_four_wrong_passwords_do_not_lock_and_a_success_starts_the_count_again(client):
    UserFactory(username="ada")
    fail(client, "ada", 4)
    assert log_in(client, "ada", PASSWORD).status_code == 302  # logged in
    client.post(reverse("logout"))
    fail(client, "ada", 4)
    assert log_in(client, "ada", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_locked_account_leaves_other_accounts_alone(client):
    UserFactory(username="ada")
    UserFactory(username="grace")
    fail(client, "ada", 5)
    # Same browser, same address: another account still logs in.
    assert log_in(client, "grace", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_wagtail_admin_log_in_is_locked_too(client):
    UserFactory(username="editor", is_staff=True, is_superuser=True)
    admin_login = reverse("wagtailadmin_login")
    assert fail(client, "editor", 5, admin_login).status_code == 429
    response = log_in(client, "editor", PASSWORD, admin_login)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    # ...and the lock counts failures on either form: the site's log-in refuses too.
    assert log_in(Client(), "editor", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_the_lock_ends_after_the_cool_off(client, settings):
    from datetime import timedelta

    settings.AXES_COOLOFF_TIME = timedelta(seconds=0)
    UserFactory(username="ada")
    fail(client, "ada", 5)
    assert log_in(client, "ada", PASSWORD).status_code == 302


@pytest.mark.mysql
# Committed for real, so that other connections see it; serialized_rollback puts back the
# rows migrations made (content types...) for the transactional tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_failures_through_separate_connections_add_up_to_one_lock():
    """Two replicas are two processes with their own database connections: failures made
    through either count towards the same lock."""
    UserFactory(username="ada")

    def replica(failures, results):
        try:
            client = Client()
            for _ in range(failures):
                results.append(log_in(client, "ada", "wrong password").status_code)
            results.append(connection.connection.thread_id())  # this thread's own session
        finally:
            connection.close()

    first, second = [], []
    for failures, results in ((3, first), (2, second)):
        thread = threading.Thread(target=replica, args=(failures, results))
        thread.start()
        thread.join()
    assert first[-1] != second[-1]  # two different MariaDB sessions
    # Three failures on one, two on the other: the fifth overall locks the account...
    assert first[:3] == [200, 200, 200]
    assert second[:2] == [200, 429]
    # ...for everyone, the right password included.
    assert log_in(Client(), "ada", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_a_password_reset_lifts_the_lock(client, mailoutbox):
    import re

    UserFactory(username="ada", email="ada@example.com")
    fail(client, "ada", 5)
    client.post(reverse("password_reset"), {"email": "ada@example.com"})
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mailoutbox[0].body).group(1)
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-passphrase-7", "new_password2": "a-brand-new-passphrase-7"},
    )
    assert log_in(client, "ada", "a-brand-new-passphrase-7").status_code == 302


@pytest.mark.django_db
def test_saving_a_profile_does_not_lift_the_lock(client):
    ada = UserFactory(username="ada")
    fail(client, "ada", 5)
    ada.display_name = "Ada L."
    ada.save()
    assert log_in(client, "ada", PASSWORD).status_code == 429
