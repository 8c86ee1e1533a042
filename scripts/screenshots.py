"""Take the README's screenshots in headless Chromium (Debian's package) with Playwright.

Usage: make screenshots  (needs the demo site running: make run)
       python scripts/screenshots.py [BASE_URL]

Marks a lesson complete as the demo learner for one picture, and marks it not done again.

Then the educator's path through the admin, as a new educator works: a course "Data
visualisation basics" with two lessons made in the editor, submitted for review, approved
and published by the demo reviewer; and a course report. A course of that title left by an
earlier run is deleted first (as the demo admin), so the script can run again.
"""

import re
import sys
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright
from processes import CHROMIUM, CHROMIUM_ARGS

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
NAMES = (
    "catalogue",
    "dashboard",
    "course",
    "lesson",
    "lesson-phone",
    "certificate",
    "discussion",
    "moderation-queue",
    "educator-create-course",
    "educator-add-lesson",
    "educator-lessons",
    "educator-submit",
    "reviewer-review",
    "reviewer-published",
    "report-funnel",
)
VIEWPORT = {"width": 1280, "height": 900}
COURSE = "Data visualisation basics"
COURSE_SUMMARY = (
    "Turn tables of numbers into charts that people read correctly: choosing a chart, "
    "scales, colour and labels."
)
LESSONS = (
    (
        "Choosing the right chart",
        "A chart answers one question. Bar charts compare amounts, line charts show change "
        "over time, and scatter plots show how two measures move together.",
    ),
    (
        "Scales, colour and labels",
        "Start the value axis of a bar chart at zero, use colour to pick out what matters, "
        "and label the lines themselves instead of adding a legend.",
    ),
)
REPORTED_COURSE = "SQL for Data Analysis"  # a demo course with learner progress


def log_in(page, username, password):
    page.goto(f"{BASE}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_load_state()


def admin_page(browser, username, password):
    """A fresh browser context (its own session) logged in as ``username``."""
    page = browser.new_page(viewport=VIEWPORT)
    log_in(page, username, password)
    return page


def shot(page, name, **options):
    """Save ``name``.png, refusing a login page or an error page in its place."""
    path = page.evaluate("location.pathname")
    heading = page.locator("h1").first.inner_text(timeout=5000)
    if "/login/" in path or "Error" in heading or "Not Found" in heading:
        raise SystemExit(f"{name}.png would show {path!r} ({heading!r}); stopped")
    page.screenshot(path=OUT / f"{name}.png", animations="disabled", **options)


def wait_for_message(page, text):
    """Wait for the admin's message banner (e.g. "Page … created.") and show the page top."""
    page.locator(".messages").filter(has_text=text).wait_for()
    page.evaluate("window.scrollTo(0, 0)")


def fill_title(page, title):
    """Type a new page's title; Wagtail makes its slug from it (on blur, after a moment)."""
    page.fill("#id_title", title)
    page.locator("#id_title").blur()
    expect(page.locator("#id_slug")).not_to_have_value("")


def save_draft(page):
    with page.expect_navigation():
        page.locator("footer button.action-save").click()
    if not re.search(r"/admin/pages/\d+/edit/$", page.url):  # the form again, with errors
        errors = page.locator("[data-field]:has(.error-message)").all_inner_texts()
        raise SystemExit(f"Save draft failed on {page.url}: {' '.join(errors).strip()}")
    wait_for_message(page, "created")


def delete_earlier_courses(browser, catalogue_url):
    """Delete, as the demo admin, any course titled COURSE (with its lessons) in the
    catalogue: what an earlier run left."""
    page = admin_page(browser, "admin", "elevate-admin")
    page.goto(catalogue_url)
    links = page.locator("td").get_by_role("link", name=COURSE, exact=True)
    for href in links.evaluate_all("links => links.map(link => link.getAttribute('href'))"):
        page.goto(BASE + href.removesuffix("edit/") + "delete/")
        page.get_by_role("button", name="Yes, delete it").click()
        page.wait_for_load_state()
        print(f"deleted the course {COURSE!r} an earlier run made ({href})")
    page.context.close()


def create_course(page, catalogue_url):
    """The catalogue's "Add child page": the course form, then "Save draft"."""
    page.goto(catalogue_url)
    page.locator(f"a[href='{catalogue_url.removeprefix(BASE)}add_subpage/']").first.click()
    page.wait_for_url("**/add/learning/coursepage/**")
    fill_title(page, COURSE)
    page.fill("#id_summary", COURSE_SUMMARY)
    page.select_option("#id_level", label="Beginner")
    save_draft(page)
    shot(page, "educator-create-course")
    return page.url.removesuffix("edit/")  # the course's explorer page


def add_lesson(page, course_url, title, text):
    """The course's "Add child page" (lessons are its only kind of child): a title and a
    Paragraph block from the body's "+" menu, then "Save draft"."""
    page.goto(course_url)
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_url("**/add/learning/lessonpage/**")
    fill_title(page, title)
    page.locator("#body-root .c-sf-add-button").first.click()
    page.get_by_role("option", name="Paragraph").click()
    page.locator("#body-root [contenteditable=true]").first.click()
    page.keyboard.type(text)
    # The editor copies what was typed into the form a moment later: wait for it.
    body = page.locator("#body-root input[name$='-value']").first
    expect(body).to_have_value(re.compile(re.escape(text[:20])))
    save_draft(page)


def educator_path(browser, educator, catalogue_url):
    course_url = create_course(educator, catalogue_url)
    for number, (title, text) in enumerate(LESSONS):
        add_lesson(educator, course_url, title, text)
        if number == 0:
            shot(educator, "educator-add-lesson")

    educator.goto(course_url)
    educator.locator("td", has_text=LESSONS[-1][0]).first.wait_for()
    shot(educator, "educator-lessons")

    # The course's editor: its "In review" panel lists the lessons that go with it.
    educator.goto(course_url + "edit/")
    educator.get_by_text("Submitting this course for review").scroll_into_view_if_needed()
    educator.locator("footer [data-w-dropdown-target=toggle]").click()
    submit = educator.get_by_role("button", name="Submit to Course review")
    submit.wait_for()
    shot(educator, "educator-submit")
    submit.click()
    wait_for_message(educator, "submitted")

    reviewer = admin_page(browser, "reviewer", "elevate-reviewer")
    reviewer.goto(f"{BASE}/admin/")
    row = reviewer.locator("#awaiting-review-section tr", has_text=COURSE)
    row.get_by_role("button", name="Actions").click()
    reviewer.get_by_role("button", name="Approve and publish").click()
    form = reviewer.locator("form").filter(has=reviewer.locator("textarea[name=comment]"))
    reviewer.get_by_text(LESSONS[-1][0], exact=True).wait_for()
    form.locator("textarea[name=comment]").fill("Clear and short. Approved.")
    shot(reviewer, "reviewer-review")
    with reviewer.expect_navigation():
        form.get_by_role("button", name="Approve and publish").click()

    slug = re.sub(r"\W+", "-", COURSE.lower())
    response = reviewer.goto(f"{BASE}/courses/{slug}/")
    if not response.ok:
        raise SystemExit(f"/courses/{slug}/ answered {response.status} after approval")
    shot(reviewer, "reviewer-published")
    reviewer.context.close()

    # Admin -> Reports -> Courses -> one course's report.
    educator.goto(f"{BASE}/admin/")
    educator.get_by_role("button", name="Reports").click()
    educator.get_by_role("link", name="Courses", exact=True).click()
    educator.get_by_role("link", name=REPORTED_COURSE).first.click()
    educator.get_by_role("heading", name="Lessons").wait_for()
    shot(educator, "report-funnel")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # An educator's explorer opens on the catalogue, the page they may add courses to.
        educator = admin_page(browser, "educator", "elevate-educator")
        educator.goto(f"{BASE}/admin/pages/")
        catalogue_url = educator.url
        delete_earlier_courses(browser, catalogue_url)  # before the catalogue's picture

        page = browser.new_page(viewport=VIEWPORT)

        page.goto(f"{BASE}/courses/")
        page.screenshot(path=OUT / "catalogue.png", full_page=True)

        log_in(page, "learner", "elevate-learner")
        page.wait_for_url(f"{BASE}/learning/my-learning/")
        page.screenshot(path=OUT / "dashboard.png", full_page=True)

        page.goto(f"{BASE}/courses/sql-for-data-analysis/")
        page.screenshot(path=OUT / "course.png")
        page.click("text=Resume")
        page.wait_for_load_state()
        page.screenshot(path=OUT / "lesson.png")

        page.set_viewport_size({"width": 390, "height": 844})
        page.click("text=Mark as complete")
        page.wait_for_load_state()
        page.screenshot(path=OUT / "lesson-phone.png")
        page.click("text=Mark as not done")  # leave the demo learner as they were
        page.wait_for_load_state()
        page.set_viewport_size(VIEWPORT)

        page.goto(f"{BASE}/learning/my-learning/")
        page.click("text=View certificate")
        page.wait_for_load_state()
        page.screenshot(path=OUT / "certificate.png", full_page=True)

        page.goto(f"{BASE}/courses/python-foundations/values-and-variables/#discussion")
        page.locator("#discussion").screenshot(path=OUT / "discussion.png")

        moderator = browser.new_page(viewport={"width": 1280, "height": 800})
        log_in(moderator, "moderator", "elevate-moderator")
        moderator.goto(f"{BASE}/admin/community/comments/")
        moderator.screenshot(path=OUT / "moderation-queue.png")

        educator_path(browser, educator, catalogue_url)
        browser.close()
    for name in NAMES:
        print(f"wrote docs/screenshots/{name}.png")
    print(f"took {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
