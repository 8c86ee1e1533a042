"""The learner's endpoint, /api/learner/me/ (docs/API.md): the signed-in person's own
enrollments, progress and certificates, the same as their "My learning" page."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.cache_policy import is_declared_shared
from learning import actions

pytestmark = pytest.mark.django_db

URL = "/api/learner/me/"


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def studies(make_course, learner, other_learner, educator):
    """The learner half-way through one course and finished with another; another learner
    and an educator with learning of their own."""
    started, started_lessons = make_course(lessons=4, title="Started")
    finished, finished_lessons = make_course(lessons=1, title="Finished")
    theirs, their_lessons = make_course(lessons=2, title="Theirs")
    actions.complete_lesson(learner, started_lessons[0], started)
    actions.complete_lesson(learner, started_lessons[1], started)
    actions.complete_lesson(learner, finished_lessons[0], finished)
    actions.enroll(other_learner, theirs)
    actions.enroll(educator, started)
    return started, started_lessons, finished, theirs


def enrolled_titles(data):
    return [row["course"]["title"] for row in data["enrollments"]]


def test_the_learner_gets_their_enrollments_progress_and_certificates(client, learner, studies):
    started, started_lessons, finished, _ = studies
    data = signed_in(learner).get(URL).json()
    assert data["user"] == {"username": "learner", "display_name": "Ada Lovelace"}
    assert enrolled_titles(data) == ["Finished", "Started"]  # most recently studied first
    row = data["enrollments"][1]
    enrollment = learner.enrollments.get(course=started)
    assert row == {
        "course": {
            "id": started.pk,
            "title": "Started",
            "html_url": "http://localhost/courses/started/",
        },
        "enrolled_at": enrollment.enrolled_at.isoformat().replace("+00:00", "Z"),
        "last_active_at": enrollment.last_active_at.isoformat().replace("+00:00", "Z"),
        "lessons_done": 2,
        "lessons_total": 4,
        "percent": 50,
        "next_lesson": {
            "id": started_lessons[2].pk,
            "title": started_lessons[2].title,
            "html_url": f"http://localhost{started_lessons[2].url}",
        },
        "certificate": None,
    }
    certificate = learner.certificates.get()
    assert data["enrollments"][0]["next_lesson"] is None
    assert data["enrollments"][0]["certificate"] == certificate.code
    assert data["certificates"] == [
        {
            "code": certificate.code,
            "course_title": "Finished",
            "course": {
                "id": finished.pk,
                "title": "Finished",
                "html_url": "http://localhost/courses/finished/",
            },
            "learner_name": "Ada Lovelace",
            "issued_at": certificate.issued_at.isoformat().replace("+00:00", "Z"),
            "valid": True,
            "revoked_at": None,
            "revocation_reason": "",
            "html_url": f"http://localhost{certificate.get_absolute_url()}",
            "pdf_url": f"http://localhost/learning/certificates/{certificate.code}/pdf/",
            "verification_url": f"http://localhost{certificate.get_verification_url()}",
        }
    ]
    # The addresses work for the learner.
    assert signed_in(learner).get(data["certificates"][0]["pdf_url"]).status_code == 200


def test_the_api_and_the_my_learning_page_agree(learner, studies):
    client = signed_in(learner)
    page = client.get(reverse("learning:dashboard")).context["dashboard"]
    data = client.get(URL).json()
    in_progress = [row for row in data["enrollments"] if row["certificate"] is None]
    assert [(r["course"]["id"], r["percent"]) for r in in_progress] == [
        (row.course.pk, row.summary.percent) for row in page.in_progress
    ]
    assert [c["code"] for c in data["certificates"]] == [c.code for c in page.certificates]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("learner", ["Finished", "Started"]),
        ("other_learner", ["Theirs"]),
        ("educator", ["Started"]),
        ("staff_admin", []),
    ],
)
def test_everyone_sees_only_their_own_learning(request, role, expected, studies):
    user = request.getfixturevalue(role)
    data = signed_in(user).get(URL).json()
    assert enrolled_titles(data) == expected
    assert data["user"]["username"] == user.username
    codes = {c["code"] for c in data["certificates"]}
    assert codes == set(user.certificates.values_list("code", flat=True))
    if role != "learner":
        assert codes.isdisjoint(studies[0].certificates.values_list("code", flat=True))
        assert not user.certificates.exists()


def test_a_revoked_certificate_says_so(learner, studies):
    certificate = learner.certificates.get()
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason = "Completed by someone else."
    certificate.save()
    entry = signed_in(learner).get(URL).json()["certificates"][0]
    assert entry["valid"] is False
    assert entry["revocation_reason"] == "Completed by someone else."
    assert entry["revoked_at"] is not None


def test_a_certificate_outlives_its_unpublished_course(learner, studies):
    _, _, finished, _ = studies
    finished.unpublish()
    data = signed_in(learner).get(URL).json()
    assert enrolled_titles(data) == ["Started"]
    assert data["certificates"][0]["course_title"] == "Finished"
    assert data["certificates"][0]["course"] is None


def test_a_members_only_course_is_in_its_learners_own_data(learner, studies):
    started = studies[0]
    PageViewRestriction.objects.create(page=started, restriction_type=PageViewRestriction.LOGIN)
    assert "Started" in enrolled_titles(signed_in(learner).get(URL).json())


# Errors -------------------------------------------------------------------------------------


def test_an_anonymous_visitor_gets_401_in_json_not_the_log_in_page(client, home):
    response = client.get(URL)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == 'Session realm="Elevate Learning"'
    assert response.json() == {
        "message": "Log in first: this endpoint shows the signed-in learner's own learning.",
        "login_url": "http://localhost/accounts/login/",
    }


def test_query_parameters_are_refused_rather_than_ignored(learner, studies):
    response = signed_in(learner).get(URL, {"user": "grace"})
    assert response.status_code == 400
    assert response.json() == {"message": "This endpoint takes no query parameters: user"}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_learner_endpoint_only_reads(method, learner, home):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = getattr(client, method)(URL)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["message"].startswith(f'Method "{method.upper()}" not allowed')


def test_head_answers_like_get(learner, studies):
    response = signed_in(learner).head(URL)
    assert response.status_code == 200
    assert response.content == b""


# Caching ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "learner", "staff_admin"])
def test_no_learner_answer_is_stored_by_any_cache(request, role, studies):
    client = Client() if role == "anonymous" else signed_in(request.getfixturevalue(role))
    for response in [client.get(URL), client.post(URL), client.get(URL, {"x": "1"})]:
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control
        assert not is_declared_shared(response)
        assert "public" not in cache_control
        assert "Cookie" in response["Vary"]


# Query counts -------------------------------------------------------------------------------

# The user (1); the dashboard: enrollments with their courses, completions, certificates (3);
# the outlines and the Site's root paths are cached. The Site for absolute addresses (1).
LEARNER_QUERIES = 1 + 3 + 1


@pytest.mark.parametrize("courses", [1, 6])
def test_learner_queries_do_not_grow_with_enrollments(
    courses, make_course, learner, django_assert_num_queries
):
    for _ in range(courses):
        course, lessons = make_course(lessons=3)
        actions.complete_lesson(learner, lessons[0], course)
    client = signed_in(learner)
    client.get(URL)
    with django_assert_num_queries(LEARNER_QUERIES):
        data = client.get(URL).json()
    assert [row["percent"] for row in data["enrollments"]] == [33] * courses
