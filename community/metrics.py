"""The moderation queue as Prometheus sees it: how many comments wait for a moderator.

Read from the database when Prometheus scrapes (``METRICS_COLLECTORS``, served by
``core.metrics``), never on a page. Every replica reports the same numbers: dashboards and
alerts take the ``max`` over replicas.
"""

import logging

from django.db import DatabaseError
from prometheus_client.core import GaugeMetricFamily

from community.admin.queue import pending_count
from community.models import Comment, Flag

logger = logging.getLogger(__name__)


def flagged_count():
    """Comments with an open flag that are not deleted: the queue's "Flagged by readers"
    (``community.admin.queue.flagged``), counted from the flag side. Open flags are few,
    while the queue's own form probes every comment: this stays cheap at every scrape."""
    return (
        Flag.objects.filter(resolved_at=None)
        .exclude(comment__status=Comment.Status.DELETED)
        .values("comment")
        .distinct()
        .count()
    )


class ModerationQueueCollector:
    """``elevate_moderation_queue_comments{state="pending"|"flagged"}``: two indexed
    counts. When the database does not answer, the gauge is left out and the rest of
    /metrics is served (the replica is up; MariaDB's own alert says what is down)."""

    def collect(self):
        try:
            pending, flagged = pending_count(), flagged_count()
        except DatabaseError:
            logger.warning("The moderation queue could not be counted for /metrics.")
            return
        gauge = GaugeMetricFamily(
            "elevate_moderation_queue_comments",
            "Comments waiting for a moderator: held for review, or flagged by readers.",
            labels=["state"],
        )
        gauge.add_metric(["pending"], pending)
        gauge.add_metric(["flagged"], flagged)
        yield gauge
