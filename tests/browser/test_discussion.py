"""A discussion under a lesson, in Chromium: with JavaScript a comment and a reply appear
without a page load; without JavaScript the same forms post and come back to the comment."""

import pytest

pytestmark = pytest.mark.browser


def test_posting_and_replying_without_a_page_reload(page, sign_up, demo_pages):
    author = sign_up(page)
    page.goto(demo_pages.public_lessons[1])
    count_before = page.locator("[data-comment-count]").inner_text()
    page.evaluate("window.stillTheSamePage = true")

    page.fill("#comment-body", f"Posted by {author} with <b>script</b> on")
    page.click("text=Post comment")
    posted = page.locator(".comment", has_text=f"Posted by {author} with <b>script</b> on")
    posted.wait_for()
    assert page.evaluate("window.stillTheSamePage") is True  # no navigation happened
    assert page.locator("[data-comment-form] [data-form-status]").inner_text() == (
        "Your comment is posted."
    )
    assert page.locator("[data-comment-count]").inner_text() != count_before
    assert posted.evaluate("el => el === document.activeElement")
    assert page.locator("#comment-body").input_value() == ""

    posted.get_by_role("link", name="Reply").click()
    reply_form = posted.locator(".reply-form")
    reply_form.locator("textarea").fill("Answering myself, inline")
    reply_form.get_by_role("button", name="Post reply").click()
    posted.locator(".reply-list .comment", has_text="Answering myself, inline").wait_for()
    assert page.evaluate("window.stillTheSamePage") is True
    assert reply_form.count() == 0  # the reply form goes away once used


def test_a_refusal_is_said_next_to_the_form(page, sign_up, demo_pages):
    sign_up(page)
    page.goto(demo_pages.public_lessons[2])
    page.evaluate("document.getElementById('comment-body').removeAttribute('required')")
    page.fill("#comment-body", "   ")
    page.click("text=Post comment")
    status = page.locator("[data-comment-form] [data-form-status]")
    status.filter(has_text="Write something before posting.").wait_for()


def test_without_javascript_the_form_posts_and_returns_to_the_comment(
    browser, site_url, sign_up, demo_pages
):
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_up(page)
        page.goto(demo_pages.public_lessons[3])
        page.fill("#comment-body", "No script needed")
        with page.expect_navigation():
            page.click("text=Post comment")
        assert "#comment-" in page.url
        anchor = page.url.split("#")[1]
        assert "No script needed" in page.locator(f"#{anchor}").inner_text()
    finally:
        context.close()
