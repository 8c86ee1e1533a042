"""Take the README's screenshots in headless Chromium (Debian's package) with Playwright.

Usage: make screenshots  (serves the demo site, then runs this against it)
       python scripts/screenshots.py [BASE_URL]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})

        page.goto(f"{BASE}/courses/")
        page.screenshot(path=OUT / "catalogue.png", full_page=True)

        page.goto(f"{BASE}/accounts/login/")
        page.fill("#id_username", "learner")
        page.fill("#id_password", "elevate-learner")
        page.click("button[type=submit]")
        page.wait_for_url(f"{BASE}/learning/my-learning/")
        page.screenshot(path=OUT / "dashboard.png", full_page=True)

        page.goto(f"{BASE}/courses/sql-for-data-analysis/")
        page.click("text=Resume")
        page.wait_for_load_state()
        page.screenshot(path=OUT / "lesson.png")

        page.goto(f"{BASE}/learning/my-learning/")
        page.click("text=View certificate")
        page.wait_for_load_state()
        page.screenshot(path=OUT / "certificate.png", full_page=True)
        browser.close()
    for name in ("catalogue", "dashboard", "lesson", "certificate"):
        print(f"wrote docs/screenshots/{name}.png")


if __name__ == "__main__":
    main()
