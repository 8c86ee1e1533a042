"""Addresses and readers shared by the read API's tests (test_api_content, test_api_errors)."""

from django.urls import reverse

ROLES = ["anonymous", "learner", "other_learner", "educator", "staff_admin"]


def courses_url(pk=None):
    return reverse("api_v2:courses:detail", args=[pk]) if pk else reverse("api_v2:courses:listing")


def lessons_url(pk=None):
    return reverse("api_v2:lessons:detail", args=[pk]) if pk else reverse("api_v2:lessons:listing")


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]
