"""Certificate rules: issue exactly once at 100 %, verify, revoke.

A certificate is a snapshot: the learner's name, the course title and the date are copied
at issue time, so later edits (or a lesson added to the course) do not change it.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from learning.models import Certificate


def issue_certificate_if_complete(user, course):
    """Issue ``user``'s certificate for ``course`` if every live lesson is done.

    Returns ``(certificate, created)`` like ``get_or_create``; ``certificate`` is None while
    the course is unfinished. Safe to call any number of times and from racing requests:
    the unique constraint on (user, course) lets exactly one row exist.
    """
    from learning.progress import is_course_complete

    if not is_course_complete(user, course):
        return None, False
    existing = certificate_for(user, course)
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                user=user,
                course=course,
                learner_name=user.get_display_name(),
                course_title=course.title,
                issued_at=timezone.now(),
            )
            return certificate, True
    except IntegrityError:
        # Another request issued it between our check and our insert.
        return Certificate.objects.get(user=user, course=course), False


def certificate_for(user, course):
    """The learner's certificate for ``course``, or None."""
    if not user.is_authenticated:
        return None
    return Certificate.objects.filter(user=user, course=course).first()


def revoke_certificate(certificate, reason, by):
    """Revoke with a reason a person can read on the verification page."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Give a reason for revoking the certificate.")
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason = reason
    certificate.revoked_by = by
    certificate.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
    return certificate


def reinstate_certificate(certificate):
    """Undo a revocation made in error."""
    certificate.revoked_at = None
    certificate.revocation_reason = ""
    certificate.revoked_by = None
    certificate.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
    return certificate


def can_view_certificate(user, certificate):
    """The full certificate and its PDF are the learner's own; staff who manage
    certificates may see them too. Anyone may use the public verification page."""
    return user.is_authenticated and (
        certificate.user_id == user.pk or user.has_perm("learning.change_certificate")
    )
