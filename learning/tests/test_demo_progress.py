"""demo/progress.yml gives the demo's course reports a believable course to show."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone

from learning import analytics
from learning.models import Certificate, CoursePage, Enrollment

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=io.StringIO())


def test_the_sql_course_report_falls_lesson_by_lesson(seeded):
    course = CoursePage.objects.get(slug="sql-for-data-analysis")
    figures = analytics.figures_for(course)
    # progress.yml: 9 enrolled; Priya and Lucía finished it, in 11 and 6 days.
    assert (figures.enrolled, figures.completed, figures.certificates_issued) == (9, 2, 2)
    assert figures.median_days_to_complete == 8.5
    completed = [step.completed for step in analytics.funnel(course, figures.enrolled)]
    assert completed == [8, 6, 4, 3, 2]


def test_demo_dates_lie_in_the_past(seeded):
    now = timezone.now()
    assert not Enrollment.objects.filter(enrolled_at__gt=now).exists()
    for certificate in Certificate.objects.select_related("course"):
        enrollment = Enrollment.objects.get(user=certificate.user, course=certificate.course)
        assert enrollment.enrolled_at < certificate.issued_at < now


def test_seeding_again_adds_no_progress_and_the_new_people_cannot_log_in(seeded):
    enrollments = list(Enrollment.objects.values_list("pk", "enrolled_at", "last_active_at"))
    call_command("seed_demo", stdout=io.StringIO())
    assert list(Enrollment.objects.values_list("pk", "enrolled_at", "last_active_at")) == (
        enrollments
    )
    assert authenticate(username="lucia", password="") is None
