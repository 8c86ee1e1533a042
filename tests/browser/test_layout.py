"""Pages fit the screen: nothing scrolls sideways on a phone, a tablet or a laptop.

A wide code block, a long URL or a fixed-width grid column must never push the page wider
than the viewport; only an element that scrolls by itself (a ``pre`` with ``overflow-x:
auto``) may hold content wider than the screen.
"""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

WIDTHS = [320, 390, 768, 1280]

# Elements whose right edge passes the viewport, outside any element that scrolls
# horizontally by itself. Returns "<element> right=<px>" descriptions, widest first.
FIND_OVERFLOW = """
() => {
  const width = window.innerWidth;
  const scrollsSideways = el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const insideScroller = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (scrollsSideways(up)) return true;
    }
    return false;
  };
  const describe = el => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    if (el.classList.length) name += "." + [...el.classList].join(".");
    const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    return text ? `${name} "${text}"` : name;
  };
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const right = el.getBoundingClientRect().right;
    if (right > width + 0.5 && !insideScroller(el)) found.push([right, describe(el)]);
  }
  found.sort((a, b) => b[0] - a[0]);
  const widest = found.slice(0, 2).map(([right, name]) => `${name} right=${Math.round(right)}`);
  const scrollWidth = document.documentElement.scrollWidth;
  if (!widest.length && scrollWidth <= width) return null;
  return `scrollWidth=${scrollWidth}; widest: ${widest.join(", ") || "none"}`;
}
"""


def overflow(page, url, width):
    """What runs past the right edge of ``url`` at ``width`` px: a readable line, or None."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(url)
    problem = page.evaluate(FIND_OVERFLOW)
    return problem and f"{urlsplit(page.url).path} at {width}px: {problem}"


def assert_fits(problems, checked):
    problems = [problem for problem in problems if problem]
    if problems:
        pytest.fail(
            f"{len(problems)} of {checked} page views run off the screen sideways:\n"
            + "\n".join(problems),
            pytrace=False,
        )


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_the_screen_for_visitors(page, demo_pages, width):
    urls = ["/", "/courses/", "/search/?query=python", "/accounts/login/"]
    urls += demo_pages.public_courses + demo_pages.public_lessons
    assert_fits([overflow(page, url, width) for url in urls], len(urls))


def test_pages_fit_the_screen_for_a_signed_in_learner(page, demo_pages, log_in):
    """The learner's own pages, one public course and lesson with progress shown, and the
    members-only courses that a visitor cannot open."""
    log_in(page, "learner")
    page.locator("a", has_text="View certificate").first.click()
    verify = page.locator("a", has_text="Public verification link").get_attribute("href")
    urls = ["/learning/my-learning/", page.url, verify, "/accounts/profile/"]
    urls += [demo_pages.public_courses[0], demo_pages.public_lessons[0]]
    urls += sorted(demo_pages.members_only)
    problems = [overflow(page, url, width) for url in urls for width in WIDTHS]
    assert_fits(problems, len(problems))
