"""Progress = completed live lessons / live lessons of the course, whatever happens to the tree."""

import pytest
from django.urls import reverse

from learning import actions, progress
from learning.models import Enrollment, LessonCompletion
from learning.tests.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def standing(user, course):
    result = progress.course_progress(user, course)
    return result.done, result.total, result.percent


def test_completing_lessons_fills_the_progress(make_course, learner):
    course, lessons = make_course(lessons=3)
    assert standing(learner, course) == (0, 3, 0)
    actions.complete_lesson(learner, lessons[0], course)
    assert standing(learner, course) == (1, 3, 33)
    actions.complete_lesson(learner, lessons[0], course)  # twice is still once
    assert standing(learner, course) == (1, 3, 33)
    assert LessonCompletion.objects.filter(user=learner).count() == 1


def test_completing_a_lesson_enrolls_the_learner(make_course, learner):
    course, lessons = make_course(lessons=2)
    actions.complete_lesson(learner, lessons[0], course)
    assert Enrollment.objects.filter(user=learner, course=course).exists()


def test_percent_is_rounded_down_so_it_never_shows_100_too_early(make_course, learner):
    course, lessons = make_course(lessons=3)
    for lesson in lessons[:2]:
        actions.complete_lesson(learner, lesson, course)
    assert standing(learner, course) == (2, 3, 66)


def test_unpublished_lessons_do_not_count(make_course, learner):
    course, lessons = make_course(lessons=3)
    actions.complete_lesson(learner, lessons[0], course)
    lessons[2].unpublish()
    assert standing(learner, course) == (1, 2, 50)
    lessons[0].unpublish()  # a completed lesson that is unpublished stops counting too
    assert standing(learner, course) == (0, 1, 0)


def test_a_lesson_added_later_counts_as_not_done(make_course, learner):
    course, lessons = make_course(lessons=2)
    for lesson in lessons:
        actions.complete_lesson(learner, lesson, course)
    assert standing(learner, course) == (2, 2, 100)
    LessonPageFactory(parent=course)
    assert standing(learner, course) == (2, 3, 66)


def test_a_deleted_lesson_leaves_the_course_and_takes_its_completion(make_course, learner):
    course, lessons = make_course(lessons=3)
    actions.complete_lesson(learner, lessons[0], course)
    lessons[0].delete()
    assert standing(learner, course) == (0, 2, 0)
    assert not LessonCompletion.objects.filter(user=learner).exists()


def test_a_moved_lesson_counts_in_its_new_course(make_course, learner):
    first, first_lessons = make_course(lessons=2)
    second, second_lessons = make_course(lessons=2)
    actions.complete_lesson(learner, first_lessons[0], first)
    first_lessons[0].move(second, pos="last-child")
    assert standing(learner, first) == (0, 1, 0)
    assert standing(learner, second) == (1, 3, 33)


def test_outline_follows_the_tree_order_educators_set(make_course, learner):
    course, lessons = make_course(lessons=3)
    lessons[2].move(lessons[0], pos="left")  # the admin's reorder moves pages like this
    outline = [item.lesson.pk for item in progress.course_progress(learner, course).outline]
    assert outline == [lessons[2].pk, lessons[0].pk, lessons[1].pk]


def test_resume_goes_to_the_first_lesson_not_done(make_course, learner_client, learner):
    course, lessons = make_course(lessons=3)
    actions.complete_lesson(learner, lessons[0], course)
    response = learner_client.get(reverse("learning:resume", args=[course.pk]))
    assert response.status_code == 302
    assert response["Location"] == lessons[1].url
    actions.complete_lesson(learner, lessons[2], course)
    assert learner_client.get(reverse("learning:resume", args=[course.pk]))["Location"] == (
        lessons[1].url
    )


def test_resume_for_a_finished_course_starts_at_the_beginning(make_course, learner_client, learner):
    course, lessons = make_course(lessons=2)
    for lesson in lessons:
        actions.complete_lesson(learner, lesson, course)
    response = learner_client.get(reverse("learning:resume", args=[course.pk]))
    assert response["Location"] == lessons[0].url


def lesson_status(html):
    """The lesson's status region: where the outcome of a click is shown."""
    start = html.index('id="lesson-status"')
    return html[start : html.index("</div>", start)]


def test_mark_complete_confirms_the_outcome_next_to_the_button(
    make_course, learner_client, learner
):
    course, lessons = make_course(lessons=3)
    response = learner_client.post(reverse("learning:complete", args=[lessons[0].pk]))
    assert response.status_code == 302
    # Back to the lesson, scrolled to its status region (not to the top of the page).
    assert response["Location"] == lessons[0].url + "#lesson-status"
    html = learner_client.get(lessons[0].url).content.decode()
    status = lesson_status(html)
    assert f"“{lessons[0].title}” is marked as complete." in status
    assert "You completed this lesson" in status
    assert "1 of 3 lessons done (33%)" in status
    assert 'tabindex="-1" data-focus-on-arrival' in html  # static/js/learning.js focuses it
    # The message is shown once, there, and not again at the top of the page.
    assert html.count("is marked as complete.") == 1


def test_complete_and_continue_goes_to_the_next_lesson(make_course, learner_client, learner):
    course, lessons = make_course(lessons=3)
    response = learner_client.post(
        reverse("learning:complete", args=[lessons[0].pk]), {"continue": "1"}
    )
    assert response["Location"] == lessons[1].url
    assert standing(learner, course) == (1, 3, 33)


def test_undo_marks_a_lesson_not_done(make_course, learner_client, learner):
    course, lessons = make_course(lessons=2)
    actions.complete_lesson(learner, lessons[0], course)
    response = learner_client.post(reverse("learning:undo", args=[lessons[0].pk]))
    assert response["Location"] == lessons[0].url + "#lesson-status"
    assert standing(learner, course) == (0, 2, 0)
    status = lesson_status(learner_client.get(lessons[0].url).content.decode())
    assert "is marked as not done" in status and "0 of 2 lessons done (0%)" in status


def test_lesson_page_shows_progress_bar_and_outline_with_check_marks(
    make_course, learner_client, learner
):
    course, lessons = make_course(lessons=4)
    actions.complete_lesson(learner, lessons[0], course)
    html = learner_client.get(lessons[1].url).content.decode()
    assert '<progress id="progress-course-bar" max="100" value="25"' in html
    assert "Course progress: <strong>25%</strong>" in html
    assert html.count("outline-item is-done") == 1
    assert 'aria-current="page">' + lessons[1].title in html


def test_course_page_shows_progress_and_resume(make_course, learner_client, learner):
    course, lessons = make_course(lessons=2)
    actions.complete_lesson(learner, lessons[0], course)
    html = learner_client.get(course.url).content.decode()
    assert 'value="50"' in html
    assert f"Resume: {lessons[1].title}" in html
    assert reverse("learning:resume", args=[course.pk]) in html


def test_anonymous_visitor_sees_the_outline_but_no_progress(make_course, client):
    course, lessons = make_course(lessons=2)
    html = client.get(lessons[0].url).content.decode()
    assert lessons[1].title in html
    assert "<progress" not in html
    assert "to mark lessons complete" in html


def test_dashboard_lists_enrolled_courses_and_certificates(make_course, learner_client, learner):
    started, started_lessons = make_course(lessons=4, title="Started course")
    finished, finished_lessons = make_course(lessons=1, title="Finished course")
    actions.complete_lesson(learner, started_lessons[0], started)
    actions.complete_lesson(learner, finished_lessons[0], finished)
    response = learner_client.get(reverse("learning:dashboard"))
    html = response.content.decode()
    rows = response.context["dashboard"].in_progress
    assert [row.course.title for row in rows] == ["Started course"]
    assert 'value="25"' in html
    assert reverse("learning:resume", args=[started.pk]) in html
    certificate = learner.certificates.get()
    assert certificate.get_absolute_url() in html
    assert "Finished course" in html
