"""A failing server answers a page of its own: 503 with Retry-After while the database is
unreachable, 500 for anything else."""

import pytest
from django.db import OperationalError

from learning.models import CourseIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing(monkeypatch, client, catalogue):
    client.raise_request_exception = False

    def fail_with(error):
        def get_context(*args, **kwargs):
            raise error

        monkeypatch.setattr(CourseIndexPage, "get_context", get_context)
        return client.get(catalogue.url)

    return fail_with


def test_an_unreachable_database_gives_503_with_retry_after(failing):
    response = failing(OperationalError(2002, "Can't connect to MySQL server"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"The site is briefly unavailable" in response.content


def test_any_other_failure_gives_500(failing):
    response = failing(ZeroDivisionError("a bug"))
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert not response.has_header("Retry-After")
