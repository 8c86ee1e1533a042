"""Test data for the community: comments and readers' flags."""

import factory

from accounts.tests.factories import UserFactory
from community.models import Comment, Flag


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment under ``lesson`` (required: comments belong to a lesson page)."""

    class Meta:
        model = Comment

    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Comment number {n}: a question about the lesson.")
    status = Comment.Status.APPROVED


class FlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Flag

    user = factory.SubFactory(UserFactory)
    reason = Flag.Reason.SPAM
