"""Take the README's screenshots in headless Chromium (Debian's package) with Playwright.

Usage: make screenshots  (needs the demo site running: make run)
       python scripts/screenshots.py [BASE_URL]

Marks a lesson complete as the demo learner for one picture, and marks it not done again.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright
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
)


def log_in(page, username, password):
    page.goto(f"{BASE}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_load_state()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})

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
        page.set_viewport_size({"width": 1280, "height": 900})

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
        browser.close()
    for name in NAMES:
        print(f"wrote docs/screenshots/{name}.png")


if __name__ == "__main__":
    main()
