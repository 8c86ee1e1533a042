"""``{% course_review_unit course as lessons %}``: the changed lessons that go to review
with a course (``learning.review``), for the review form and the course editor."""

from django import template

from learning import review

register = template.Library()


@register.simple_tag
def course_review_unit(course):
    if course is None or course.pk is None:
        return []
    return list(review.changed_lessons(course))
