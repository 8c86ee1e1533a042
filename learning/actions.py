"""Learner and staff actions: enroll, leave, complete, undo, issue, revoke, reinstate,
reset.

Each is a plain, idempotent function that takes a user and a page (never a request), runs
in a transaction and leans on the database's unique constraints, so two replicas handling
the same click at once store one row, not two. Views, management commands and (later) the
API call these. They read through ``learning.progress`` and ``learning.certificates``;
nothing there imports this module.

Only what a person may see can be acted on: ``core.visibility.is_visible``, the same rule
that reading follows. Completing a lesson of an unpublished or members-only course the
learner cannot see changes nothing, and no certificate is issued for such a course.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from wagtail.log_actions import log

from core import metrics
from core.visibility import is_visible
from learning.analytics import completions_in_course
from learning.certificates import certificate_for
from learning.models.certificates import Certificate
from learning.models.progress import Enrollment, LessonCompletion
from learning.progress import course_of, is_course_complete


class NotEnrolled(Exception):
    """The learner is not enrolled in the course (so there is no progress to reset)."""


def _require_visible(user, page):
    if not is_visible(user, page):
        raise PermissionDenied(f"“{page.title}” is not available to you.")


def enroll(user, course):
    """Enroll ``user`` in ``course``; enrolling twice is harmless. Returns the Enrollment."""
    _require_visible(user, course)
    enrollment, _ = Enrollment.objects.get_or_create(user=user, course_id=course.pk)
    return enrollment


def unenroll(user, course):
    """Leave a course. Completed lessons and certificates are kept for a later return."""
    Enrollment.objects.filter(user=user, course_id=course.pk).delete()


def _lock_enrollment(user, course):
    """Enroll if needed, mark the enrollment active and hold its row lock until the
    transaction ends, in one statement (an upsert).

    Every completion for one learner in one course goes through this lock, so two requests
    completing the last two lessons at once are serialised: the second one sees the first
    one's completion and issues the certificate (READ COMMITTED, Django's default on
    MySQL/MariaDB and PostgreSQL). An upsert takes the row's exclusive lock at once; a
    SELECT ... FOR UPDATE after a failed INSERT would first take a shared lock, and two
    first-time requests upgrading shared locks deadlock each other on MariaDB.
    """
    features = connection.features
    Enrollment.objects.bulk_create(
        [Enrollment(user=user, course_id=course.pk, last_active_at=timezone.now())],
        update_conflicts=True,
        update_fields=["last_active_at"],
        # MySQL/MariaDB's ON DUPLICATE KEY UPDATE takes no conflict target; others need one.
        unique_fields=["user", "course"]
        if features.supports_update_conflicts_with_target
        else None,
    )


def complete_lesson(user, lesson, course=None):
    """Mark ``lesson`` done for ``user`` (idempotent) and issue the certificate at 100 %.

    Returns ``(certificate, issued_now)``: the learner's certificate for the course, if any,
    and whether this very completion issued it. Raises PermissionDenied for a lesson the
    learner cannot see (``core.visibility``).
    """
    _require_visible(user, lesson)
    course = course or course_of(lesson)
    with transaction.atomic():
        _lock_enrollment(user, course)
        # One INSERT that the unique constraint turns into a no-op when it is already done.
        LessonCompletion.objects.bulk_create(
            [LessonCompletion(user=user, lesson_id=lesson.pk)], ignore_conflicts=True
        )
        # Counted for Prometheus once stored. Marking a lesson already done counts again:
        # the insert cannot tell without another query, and the page offers no such button.
        transaction.on_commit(metrics.lesson_completed)
        return _issue_if_complete(user, course)


def undo_completion(user, lesson, course=None):
    """Mark ``lesson`` as not done. An issued certificate stays issued."""
    course = course or course_of(lesson)
    with transaction.atomic():
        # Same lock as complete_lesson, without enrolling anyone.
        Enrollment.objects.select_for_update().filter(user=user, course_id=course.pk).first()
        LessonCompletion.objects.filter(user=user, lesson_id=lesson.pk).delete()


def issue_certificate_if_complete(user, course):
    """Issue ``user``'s certificate for ``course`` if they may see the course and every
    live lesson of it is done. Returns ``(certificate, created)`` like ``get_or_create``;
    ``certificate`` is None while the course is unfinished or not available."""
    if not is_visible(user, course):
        return None, False
    return _issue_if_complete(user, course)


def _issue_if_complete(user, course):
    # Safe to call any number of times and from racing requests: the unique constraint on
    # (user, course) lets exactly one row exist.
    if not is_course_complete(user, course):
        return None, False
    existing = certificate_for(user, course)
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                user=user,
                course_id=course.pk,
                learner_name=user.get_display_name(),
                course_title=course.title,
                issued_at=timezone.now(),
            )
            transaction.on_commit(metrics.certificate_issued)
            return certificate, True
    except IntegrityError:
        # Another request issued it between our check and our insert.
        return Certificate.objects.get(user=user, course_id=course.pk), False


def _locked(certificate):
    return Certificate.objects.select_for_update().get(pk=certificate.pk)


def revoke_certificate(certificate, reason, by):
    """Revoke with a reason a person can read on the verification page; revoking again
    changes the reason. Logged as "learning.certificate.revoke" with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Give a reason for revoking the certificate.")
    with transaction.atomic():
        row = _locked(certificate)
        if row.revoked_at is not None and row.revocation_reason == reason:
            return row  # nothing changes, nothing to log
        previous = row.revocation_reason if row.revoked_at is not None else ""
        row.revoked_at = row.revoked_at or timezone.now()
        row.revocation_reason = reason
        row.revoked_by = by
        row.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
        log(
            instance=row,
            action="learning.certificate.revoke",
            user=by,
            data={"reason": reason, "previous_reason": previous},
        )
    return row


def reinstate_certificate(certificate, by=None, reason=""):
    """Undo a revocation made in error; a valid certificate stays as it is. Logged as
    "learning.certificate.reinstate" with the reason given (optional) and the reason it
    had been revoked for."""
    with transaction.atomic():
        row = _locked(certificate)
        if row.revoked_at is None:
            return row
        revoked_for = row.revocation_reason
        row.revoked_at = None
        row.revocation_reason = ""
        row.revoked_by = None
        row.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
        log(
            instance=row,
            action="learning.certificate.reinstate",
            user=by,
            data={"reason": (reason or "").strip(), "revoked_for": revoked_for},
        )
    return row


def reset_progress(user, course, by, reason):
    """Start ``user`` over in ``course``: delete their completions of every lesson under
    the course (live or not). Returns how many were removed.

    The enrollment stays: the learner is still in the course, now at 0 %, and it keeps
    its dates (when they enrolled, when they were last active: a reset is not theirs).
    Leaving the course is the learner's own act (``unenroll``). The certificate stays
    too, valid or revoked: it records what was true when it was issued; revoke it
    separately if it should no longer stand.

    Staff or the course's authors decide who may do this (``analytics.may_reset_progress``,
    checked by the view). Logged on the course as "learning.reset_progress" with the
    reason, in the same transaction. The learner's enrollment row is locked first, the
    lock every completion takes, so a reset and a completion (or two resets) run one
    after the other: a completion either lands before the reset and is removed, or after
    it and stays.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Give a reason for resetting the learner's progress.")
    with transaction.atomic():
        enrolled = (
            Enrollment.objects.select_for_update().filter(user=user, course_id=course.pk).first()
        )
        if enrolled is None:
            raise NotEnrolled(f"{user.get_display_name()} is not enrolled in “{course.title}”.")
        removed, _ = completions_in_course(user, course).delete()
        log(
            instance=course,
            action="learning.reset_progress",
            user=by,
            data={
                "reason": reason,
                "learner_id": user.pk,
                "learner": user.get_display_name(),
                "username": user.get_username(),
                "removed": removed,
            },
        )
    return removed
