"""``{% course_review_unit course as lessons %}``: the changed lessons that go to review
with a course (``learning.review``), for the review form and the course editor.

``{% course_review_problems course as problems %}``: what keeps that unit from going live
(``learning.review.unit_problems``), one ``(draft, messages)`` pair per page, for the
review form."""

from django import template

from learning import review

register = template.Library()


@register.simple_tag
def course_review_unit(course):
    if course is None or course.pk is None:
        return []
    return list(review.changed_lessons(course))


@register.simple_tag
def course_review_problems(course):
    if course is None or course.pk is None:
        return []
    by_page = {}
    for draft, message in review.unit_problems(course):
        by_page.setdefault(draft.pk, (draft, []))[1].append(message)
    return list(by_page.values())
