"""axe-core finds no accessibility violations on the pages people use most.

axe-core comes bundled in the ``axe-playwright-python`` wheel, so nothing is downloaded at
test time. Every rule that axe runs by default is checked (WCAG 2.x A/AA and best practices
such as heading order and unique landmarks), on the page as the browser rendered it.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

AXE = Axe()


def violations_report(violations):
    """One paragraph per rule: what is wrong, where, and the HTML of each offending element."""
    lines = []
    for violation in violations:
        lines.append(
            f"\n{violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def check_axe(page):
    """Fail the test on any axe violation on ``page`` as the browser rendered it."""
    page.wait_for_load_state()
    violations = AXE.run(page).response["violations"]
    if violations:
        pytest.fail(
            f"{len(violations)} axe rule(s) fail on {page.url}:" + violations_report(violations),
            pytrace=False,
        )


@pytest.fixture
def check():
    return check_axe


@pytest.mark.parametrize(
    "where",
    ["home", "catalogue", "course", "lesson", "log-in", "search results"],
)
def test_pages_for_visitors(page, demo_pages, check, where):
    url = {
        "home": "/",
        "catalogue": "/courses/",
        "course": demo_pages.public_courses[0],
        "lesson": demo_pages.public_lessons[0],
        "log-in": "/accounts/login/",
        "search results": "/search/?query=python",
    }[where]
    page.goto(url)
    check(page)


def test_sign_up_with_errors_shown(page, check):
    page.goto("/accounts/signup/")
    page.fill("#id_username", "learner")  # taken
    page.fill("#id_password1", "short")
    page.fill("#id_password2", "different")
    with page.expect_navigation():
        page.click("form[action='/accounts/signup/'] button[type=submit]")
    assert page.locator(".field.has-error").count() >= 2
    check(page)


@pytest.mark.parametrize("where", ["course", "lesson", "members-only lesson"])
def test_pages_for_a_signed_in_learner(page, demo_pages, log_in, check, where):
    log_in(page, "learner")
    members_only = sorted(set(demo_pages.lessons) & demo_pages.members_only)
    url = {
        "course": demo_pages.public_courses[0],
        "lesson": demo_pages.public_lessons[0],
        "members-only lesson": (members_only or demo_pages.lessons)[0],
    }[where]
    page.goto(url)
    check(page)


def test_my_learning_after_flash_messages(page, demo_pages, sign_up, check):
    """A new learner lands on "My learning" with a welcome message, then enrols in a course
    (another message) and comes back to it with a course in progress."""
    sign_up(page)
    assert page.locator(".message").count() == 1, "no welcome message after signing up"
    check(page)

    page.goto(demo_pages.public_courses[0])
    with page.expect_navigation():
        page.click("form[action*='/enroll/'] button[type=submit]")
    assert page.get_by_text("You are enrolled in").count() == 1, "no message after enrolling"
    check(page)

    page.goto("/learning/my-learning/")
    check(page)


@pytest.mark.parametrize("link", ["Reply", "Flag"])
def test_the_discussions_own_pages(page, demo_pages, log_in, check, link):
    """Without JavaScript, replying and flagging open pages of their own."""
    log_in(page, "learner")
    page.goto(demo_pages.public_lessons[0])
    href = page.locator("#discussion .comment-actions").get_by_role("link", name=link).first
    page.goto(href.get_attribute("href"))
    check(page)


def test_a_reply_form_opened_in_place(page, demo_pages, log_in, check):
    log_in(page, "learner")
    page.goto(demo_pages.public_lessons[0])
    page.locator("#discussion [data-reply-to]").first.click()
    page.locator("#discussion .reply-form textarea").wait_for()
    check(page)
