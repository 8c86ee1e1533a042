"""Certificates (read side): whose certificate is it, and who may see it.

A certificate is a snapshot: the learner's name, the course title and the date are copied
at issue time, so later edits (or a lesson added to the course) do not change it. Issuing,
revoking and reinstating are actions: ``learning.actions``.
"""

from learning.models.certificates import Certificate


def certificate_for(user, course):
    """The learner's certificate for ``course`` (valid or revoked), or None."""
    if not user.is_authenticated:
        return None
    return Certificate.objects.filter(user=user, course_id=course.pk).first()


def can_view_certificate(user, certificate):
    """The full certificate and its PDF are the learner's own; staff who manage
    certificates may see them too. Anyone may use the public verification page."""
    return user.is_authenticated and (
        certificate.user_id == user.pk or user.has_perm("learning.change_certificate")
    )
