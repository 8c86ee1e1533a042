"""The course reports in the admin: who sees which, what they export, how many queries.

Staff (``learning.view_course_reports`` and ``learning.reset_progress``: the "Reviewers"
group, learning's migration 0004) see every course; an educator sees the courses they own
or co-author; moderators and learners see none.
"""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from accounts.tests.factories import UserFactory
from learning import actions
from learning.models import LessonCompletion

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(make_course, educator, co_author, learner):
    """A course owned by ``educator`` and co-written by ``co_author``; ``learner`` has
    done the first of its three lessons."""
    course, lessons = make_course(lessons=3, title="Python Basics")
    course.owner = educator
    course.co_authors.add(co_author)
    course.save()
    actions.complete_lesson(learner, lessons[0], course)
    course.lessons = lessons
    return course


@pytest.fixture
def other_course(make_course, other_educator):
    course, _ = make_course(lessons=1, title="Other course")
    course.owner = other_educator
    course.save()
    return course


def urls(course, learner):
    report = reverse("learning_reports:course", args=[course.pk])
    return {
        "courses": reverse("learning_reports:courses"),
        "course": report,
        "csv": f"{report}?export=csv",
        "xlsx": f"{report}?export=xlsx",
        "reset": reverse("learning_reports:reset", args=[course.pk, learner.pk]),
    }


def as_user(client, request, role):
    if role == "anonymous":
        return None
    user = request.getfixturevalue(role)
    client.force_login(user)
    return user


ALLOWED = {"courses": 200, "course": 200, "csv": 200, "xlsx": 200, "reset": 200}
REFUSED = {"courses": 403, "course": 403, "csv": 403, "xlsx": 403, "reset": 403}


@pytest.mark.parametrize(
    "role, expected, resets",
    [
        ("educator", ALLOWED, True),
        ("co_author", ALLOWED, True),
        # Sees the courses report (their own course), not this course.
        ("other_educator", {**REFUSED, "courses": 200}, False),
        ("reviewer", ALLOWED, True),
        ("moderator", REFUSED, False),
        ("learner", None, False),  # no admin access: sent to the login page
        ("anonymous", None, False),
    ],
)
def test_access_matrix(client, request, course, other_course, learner, role, expected, resets):
    as_user(client, request, role)
    answers = {name: client.get(url) for name, url in urls(course, learner).items()}
    if expected is None:
        for name, response in answers.items():
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("wagtailadmin_login")), name
    else:
        assert {name: response.status_code for name, response in answers.items()} == expected
    post = client.post(urls(course, learner)["reset"], {"reason": "Asked to start over"})
    done = LessonCompletion.objects.filter(user=learner).count()
    if resets:
        assert post.status_code == 302
        assert post["Location"] == urls(course, learner)["course"]
        assert done == 0
    else:
        assert post.status_code in (302, 403)
        assert done == 1


def test_the_courses_report_lists_only_the_educators_own_courses(
    client, educator, course, other_course, make_course
):
    make_course(lessons=1, title="Nobody's course")
    client.force_login(educator)
    html = client.get(reverse("learning_reports:courses")).content.decode()
    assert "Python Basics" in html
    assert "Other course" not in html and "Nobody&#x27;s course" not in html


def test_reviewers_see_every_course(client, reviewer, course, other_course):
    client.force_login(reviewer)
    html = client.get(reverse("learning_reports:courses")).content.decode()
    assert "Python Basics" in html and "Other course" in html


def test_an_unknown_course_is_a_404(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("learning_reports:course", args=[999_999])).status_code == 404


def test_the_reports_menu_shows_courses_only_to_who_may_see_a_report(
    client, educator, moderator, other_educator, course
):
    """``other_educator`` writes no course here."""
    report = reverse("learning_reports:courses")
    client.force_login(educator)
    assert report in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(moderator)
    assert report not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(other_educator)
    assert report not in client.get(reverse("wagtailadmin_home")).content.decode()


# --- What the pages and exports say -----------------------------------------------------


def test_the_course_report_shows_figures_funnel_and_learners(
    client, educator, course, learner, other_learner
):
    actions.enroll(other_learner, course)
    client.force_login(educator)
    response = client.get(reverse("learning_reports:course", args=[course.pk]))
    html = response.content.decode()
    assert response.context["figures"].enrolled == 2
    steps = [(step.title, step.completed, step.percent) for step in response.context["object_list"]]
    assert steps == [
        (course.lessons[0].title, 1, 50.0),
        (course.lessons[1].title, 0, 0.0),
        (course.lessons[2].title, 0, 0.0),
    ]
    assert "Ada Lovelace (learner)" in html and "Grace Hopper (grace)" in html
    assert "1 of 3" in html and "0 of 3" in html
    assert "50 %" in html
    assert html.count("Reset progress") == 2
    assert reverse("learning_reports:reset", args=[course.pk, learner.pk]) in html


def test_no_reset_links_for_who_may_only_read_reports(client, course):
    reader = UserFactory(username="reader", is_staff=True)
    reader.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_course_reports"),
    )
    client.force_login(reader)
    response = client.get(reverse("learning_reports:course", args=[course.pk]))
    assert response.status_code == 200
    assert "Reset progress" not in response.content.decode()
    reset = reverse("learning_reports:reset", args=[course.pk, course.lessons[0].pk])
    assert client.get(reset).status_code == 403


def test_csv_export_of_the_funnel(client, educator, course, other_learner):
    actions.enroll(other_learner, course)
    client.force_login(educator)
    response = client.get(reverse("learning_reports:course", args=[course.pk]) + "?export=csv")
    assert response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [
        [
            "Position",
            "Lesson",
            "Learners who completed it",
            "Share of enrolled (%)",
            "Approved comments",
        ],
        ["1", course.lessons[0].title, "1", "50.0", "0"],
        ["2", course.lessons[1].title, "0", "0.0", "0"],
        ["3", course.lessons[2].title, "0", "0.0", "0"],
    ]


def test_xlsx_export_of_the_courses_report(client, reviewer, course, other_course, learner):
    client.force_login(reviewer)
    response = client.get(reverse("learning_reports:courses") + "?export=xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["Course", "Enrolled", "Active in the last 7 days"]
    by_title = {row[0]: row for row in rows[1:]}
    assert set(by_title) == {"Python Basics", "Other course"}
    # Enrolled 1, active 1 and 1, completed 0, rate 0 %, no median, no certificates.
    assert by_title["Python Basics"][1:] == [1, 1, 1, 0, 0, None, 0, 0]
    assert by_title["Other course"][1:] == [0, 0, 0, 0, None, None, 0, 0]


# --- Query counts ---------------------------------------------------------------------


def populate(course, lessons, learners):
    """``learners`` learners enrolled; each completes the first lessons, one more than
    the learner before (wrapping round), so every lesson has completions."""
    for number in range(learners):
        learner = UserFactory(username=f"l{course.pk}-{number}")
        actions.enroll(learner, course)
        for lesson in lessons[: number % len(lessons) + 1]:
            actions.complete_lesson(learner, lesson, course)


# The user, their permissions (user's and groups') and Wagtail profile (4); the course and
# its authorship (2); the figures (3); the funnel (1); the learners' page: its ids, then
# its rows (2); the "Reports" menu's check (1); the rest of the admin's chrome: locales,
# page and collection permissions, the explorer's start page, the user's courses' paths
# (5). The session is in the cache.
COURSE_REPORT_QUERIES = 18
# The user, permissions and profile (4); may they see a report (1, shared with the
# menu); their courses counted and one page of them (2); the figures of that page's
# courses (3); the admin's chrome as above (5).
COURSES_REPORT_QUERIES = 15
# Wagtail's dashboard for an educator, with the panel of their courses: the count, the
# first ten, and their figures (enrolments, certificates, completed learners) (5).
DASHBOARD_QUERIES = 30


@pytest.mark.parametrize("lessons, learners", [(3, 1), (12, 30)])
def test_course_report_queries_do_not_grow(
    client, educator, make_course, lessons, learners, django_assert_num_queries
):
    course, pages = make_course(lessons=lessons)
    course.owner = educator
    course.save()
    populate(course, pages, learners)
    client.force_login(educator)
    url = reverse("learning_reports:course", args=[course.pk])
    client.get(url)  # warms the caches any earlier page would have warmed
    with django_assert_num_queries(COURSE_REPORT_QUERIES):
        response = client.get(url)
    assert response.context["figures"].enrolled == learners
    assert len(response.context["object_list"]) == lessons


@pytest.mark.parametrize("lessons, learners", [(3, 1), (12, 30)])
def test_courses_report_queries_do_not_grow(
    client, educator, make_course, lessons, learners, django_assert_num_queries
):
    for _ in range(2):
        course, pages = make_course(lessons=lessons)
        course.owner = educator
        course.save()
        populate(course, pages, learners)
    client.force_login(educator)
    url = reverse("learning_reports:courses")
    client.get(url)
    with django_assert_num_queries(COURSES_REPORT_QUERIES):
        response = client.get(url)
    assert [course.figures.enrolled for course in response.context["object_list"]] == [
        learners,
        learners,
    ]


# --- Dashboard panels -----------------------------------------------------------------


def panel_texts(client, html=None):
    """The text of each of our dashboard panels (None where it is not shown)."""
    html = html or client.get(reverse("wagtailadmin_home")).content.decode()
    return {
        name: " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else None
        for name in ("learning-educator-courses", "learning-site-week")
        for found in [re.search(rf'id="{name}-section"(.*?)</section>', html, flags=re.S)]
    }


def test_the_educator_sees_their_courses_on_the_dashboard(
    client, educator, course, other_course, other_learner
):
    actions.enroll(other_learner, course)  # 2 enrolled, nobody finished
    client.force_login(educator)
    panels = panel_texts(client)
    assert "Python Basics 2 0.0 %" in panels["learning-educator-courses"]
    assert "Other course" not in panels["learning-educator-courses"]
    assert panels["learning-site-week"] is None


def test_reviewers_see_this_week_on_the_site(client, reviewer, course, learner):
    client.force_login(reviewer)
    panels = panel_texts(client)
    # The course fixture: one enrolment, one lesson completed, no certificate.
    assert "1 enrolment 1 lesson completion 0 certificates issued" in panels["learning-site-week"]
    assert panels["learning-educator-courses"] is None  # writes no course


def test_moderators_get_neither_panel(client, moderator, course):
    client.force_login(moderator)
    assert panel_texts(client) == {"learning-educator-courses": None, "learning-site-week": None}


@pytest.mark.parametrize("courses", [1, 12])
def test_dashboard_panel_queries_do_not_grow(
    client, educator, make_course, courses, django_assert_num_queries
):
    for _ in range(courses):
        course, pages = make_course(lessons=1)
        course.owner = educator
        course.save()
        populate(course, pages, 2)
    client.force_login(educator)
    client.get(reverse("wagtailadmin_home"))
    with django_assert_num_queries(DASHBOARD_QUERIES):
        html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = panel_texts(client, html)["learning-educator-courses"]
    assert panel.count(" 2 100.0 %") == min(courses, 10)  # ten at most, then a link to all
    assert ("All 12 courses" in panel) == (courses == 12)
