"""A learner's clicks, on a phone: the course page offers what fits, "Mark as complete"
answers where the learner is looking, and leaving asks first."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def side_panel_actions(page):
    return page.locator(".course-side .button, .course-side .link-button").all_inner_texts()


def test_a_new_learner_enrols_completes_a_lesson_and_sees_the_outcome(phone, sign_up, demo_pages):
    page = phone
    sign_up(page)
    page.goto(demo_pages.public_courses[0])
    assert side_panel_actions(page) == ["Enroll and start"]  # not "Start" beside "Enroll"

    page.click("text=Enroll and start")
    page.wait_for_load_state()
    first_lesson = page.url
    assert "is enrolled" not in first_lesson
    assert page.locator("#lesson-status").get_by_text("You are enrolled in").is_visible()

    page.click("text=Mark as complete")
    page.wait_for_load_state()
    assert page.url == first_lesson + "#lesson-status"
    status = page.locator("#lesson-status")
    assert "is marked as complete." in status.inner_text()
    assert "1 of " in status.inner_text()
    # Where the learner is looking: on screen, and focused (a screen reader reads it).
    assert status.evaluate("el => el === document.activeElement")
    box = status.bounding_box()
    assert -1 <= box["y"] and box["y"] + box["height"] <= PHONE["height"]

    page.goto(demo_pages.public_courses[0])
    actions = side_panel_actions(page)
    assert actions[0].startswith("Resume: ") and actions[1:] == ["Leave this course"]


def test_leaving_a_course_asks_for_confirmation(phone, sign_up, demo_pages):
    page = phone
    sign_up(page)
    course = demo_pages.public_courses[1]
    page.goto(course)
    page.click("text=Enroll and start")
    page.goto(course)
    page.click("text=Leave this course")
    assert "Leave “" in page.locator("h1").inner_text()
    page.click("text=Stay enrolled")
    assert page.url == course and "Leave this course" in side_panel_actions(page)
    page.click("text=Leave this course")
    page.click("button:has-text('Leave the course')")
    assert page.url == course
    assert side_panel_actions(page) == ["Enroll and start"]


def test_a_finished_course_offers_its_certificate_not_resume(phone, log_in, demo_pages):
    page = phone
    log_in(page, "learner")  # the demo learner finished the first demo course
    page.goto(demo_pages.courses[0])
    assert side_panel_actions(page) == ["Review the lessons"]
    assert page.get_by_text("View your certificate").is_visible()
