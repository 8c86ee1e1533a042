"""The read API's errors and caching: JSON with a reason for every failure, nothing written,
nothing declared shareable (docs/API.md)."""

import pytest

from core.cache_policy import is_declared_shared
from learning.tests.api_pages import ROLES, courses_url, lessons_url

pytestmark = pytest.mark.django_db


# Errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("/api/v2/courses/abc/", "No public course has the id abc."),
        ("/api/v2/lessons/0/", "No public lesson has the id 0."),
        ("/api/v2/courses/99999999999999999999999/", None),
        ("/api/v2/pages/", "There is no API endpoint at /api/v2/pages/."),
        ("/api/", "There is no API endpoint at /api/."),
        ("/api/v2/courses/1/extra/", "There is no API endpoint at /api/v2/courses/1/extra/."),
    ],
)
def test_unknown_addresses_answer_json_404(client, home, address, message):
    response = client.get(address)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    if message:
        assert response.json()["message"].startswith(message)


def test_an_address_without_its_slash_is_redirected_like_every_other(client, home):
    response = client.get("/api/v2/courses")
    assert response.status_code == 301
    assert response["Location"] == "/api/v2/courses/"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"owner": "1"}, "query parameter is not an operation or a recognised field: owner"),
        ({"type": "learning.LessonPage"}, "query parameter is not an operation or a recognised"),
        ({"limit": "many"}, "limit must be a positive integer"),
        ({"limit": "500"}, "limit cannot be higher than 20"),
        ({"offset": "-1"}, "offset must be a positive integer"),
        ({"order": "body"}, "cannot order by 'body' (unknown field)"),
        ({"fields": "title,,"}, "fields error: unexpected char ','"),
        ({"fields": "secret"}, "unknown fields: secret"),
        ({"child_of": "x"}, "child_of must be a positive integer"),
        ({"id": "x"}, "field filter error. 'x' is not a valid value for id"),
        ({"estimated_hours": "many"}, "field filter error: “many” value must be a decimal"),
        ({"intro": "x"}, "query parameter is not an operation or a recognised field: intro"),
        ({"rich_text_format": "pdf"}, "rich_text_format"),
    ],
)
def test_bad_query_parameters_answer_400_with_the_reason(client, tree, query, message):
    response = client.get(courses_url(), query)
    assert response.status_code == 400
    assert response.json()["message"].startswith(message), response.json()


def test_a_detail_address_refuses_listing_parameters(client, tree):
    response = client.get(courses_url(tree[0].pk), {"limit": "5"})
    assert response.status_code == 400
    assert response.json() == {
        "message": "query parameter is not recognised on a detail address: limit"
    }


@pytest.mark.parametrize("role", ["anonymous", "learner"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_only_reads(role, method, client_as, tree):
    client = client_as(role)
    client.handler.enforce_csrf_checks = True  # as a browser would be checked
    for address in [courses_url(), courses_url(tree[0].pk), lessons_url()]:
        response = getattr(client, method)(address)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert response.json() == {
            "message": f'Method "{method.upper()}" not allowed: the API only reads '
            "(use GET or HEAD)."
        }


def test_any_accept_header_or_format_gets_json(client, tree):
    for response in [
        client.get(courses_url(), HTTP_ACCEPT="text/html"),
        client.get(courses_url(), {"format": "api"}),
    ]:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"


# Caching ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_no_content_answer_is_declared_shareable(role, client_as, tree):
    public, public_lessons, hidden_courses, _ = tree
    client = client_as(role)
    for address in [
        courses_url(),
        courses_url(public.pk),
        lessons_url(),
        lessons_url(public_lessons[0].pk),
        courses_url(hidden_courses[0].pk),
        "/api/v2/nothing/",
    ]:
        response = client.get(address)
        assert not is_declared_shared(response), address
        assert "public" not in response.get("Cache-Control", ""), address
        if role != "anonymous":
            assert "private" in response["Cache-Control"], address


def test_content_answers_are_checked_again_before_reuse(client, tree):
    assert client.get(courses_url())["Cache-Control"] == "no-cache"
