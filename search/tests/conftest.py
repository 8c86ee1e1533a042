"""The people of the search privacy matrix (test_search_privacy.py, its MariaDB run)."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group


@pytest.fixture
def cohort(db):
    """A group that a course is kept for."""
    return Group.objects.create(name="Cohort")


@pytest.fixture
def people(learner, other_learner, staff_admin, cohort):
    """Each kind of searcher: nobody signed in, a learner, a member of ``cohort`` and a
    superuser."""
    other_learner.groups.add(cohort)
    return {
        "anonymous": AnonymousUser(),
        "learner": learner,
        "member": other_learner,
        "superuser": staff_admin,
    }
