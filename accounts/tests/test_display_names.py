"""A display name reads as it is stored: no bidirectional controls on the site, on a
certificate or on its public verification page (accounts.display_names)."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from learning import actions

pytestmark = pytest.mark.django_db

# Stored as "Ada ‮ecalevoL‬", it shows as "Ada Lovelace" spelled backwards-forwards: the
# U+202E override flips the rest of the line.
SPOOFED = "Ada \u202eecalevoL\u202c"
NASTY = [SPOOFED, "Ada\u2066 Lovelace\u2069", "Ada\u200f Lovelace", "Ada\nLovelace"]


@pytest.mark.parametrize("name", NASTY)
def test_sign_up_refuses_a_name_with_direction_controls(client, name):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "ada",
            "display_name": name,
            "email": "ada@example.com",
            "password1": "correct-horse-battery-9",
            "password2": "correct-horse-battery-9",
        },
    )
    assert response.status_code == 200
    assert "invisible characters that change the direction" in response.content.decode()
    assert not response.context["form"].is_valid()


def test_the_profile_refuses_them_too(learner_client, learner):
    response = learner_client.post(
        reverse("accounts:profile"), {"display_name": SPOOFED, "email": "ada@example.com"}
    )
    assert "invisible characters" in response.content.decode()
    learner.refresh_from_db()
    assert learner.display_name == "Ada Lovelace"


@pytest.mark.parametrize("name", ["Zoë Ångström", "محمد‌رضا", "김민준", "👩‍🔬 Marie Curie"])
def test_names_in_every_script_are_welcome(client, name):
    """Letters of any script, and the zero-width joiners Persian and emoji need, are kept."""
    user = UserFactory(display_name=name)
    user.full_clean()
    assert user.get_display_name() == name


def test_an_old_name_with_controls_never_reaches_a_certificate(make_course, client):
    course, lessons = make_course(lessons=1)
    learner = UserFactory(display_name=SPOOFED)  # stored before names were checked
    certificate, _ = actions.complete_lesson(learner, lessons[0], course)
    assert certificate.learner_name == "Ada ecalevoL"
    page = client.get(certificate.get_verification_url()).content.decode()
    assert "\u202e" not in page and "Ada ecalevoL" in page
