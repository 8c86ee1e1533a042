"""A lesson to discuss and a way to write comments on it directly (the state a test starts
from; the behaviour under test always goes through the app)."""

import pytest

from community.models import Comment


@pytest.fixture
def lesson(make_course):
    course, lessons = make_course(lessons=2)
    return lessons[0]


@pytest.fixture
def write(lesson):
    """write(author, body="...", **fields) -> a stored Comment on ``lesson``."""

    def make(author, body="A thoughtful remark.", **fields):
        fields.setdefault("lesson", lesson)
        return Comment.objects.create(author=author, body=body, **fields)

    return make


@pytest.fixture
def post_url(lesson):
    from django.urls import reverse

    return reverse("community:post", args=[lesson.pk])
