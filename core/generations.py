"""Cache entries that go out of date together: a generation.

A generation is a token in the shared cache that a change replaces once its transaction
commits (``new_generation``). Entries are stored with the generation they were made in, and
read together with the current one in a single round trip (``get``): an entry of an older
generation is not used. So one change makes many entries stale at once, on every replica,
without knowing their keys. Used for routes (the page tree: ``core.route_cache``) and
for who may see a page (``core.visibility``) and for a lesson's discussion
(``community.discussion_tags``).
"""

import uuid

from django.core.cache import cache
from django.db import transaction

# The page tree's generation: pages, view restrictions, Sites (core.signal_handlers).
TREE = "routing:generation"


def new_generation(generation_key):
    """Whatever was cached under ``generation_key`` is out of date: from now on, for this
    transaction's own reads, and again once it commits, since a request on another replica
    may have cached what it read before the commit under the generation started now."""
    start = lambda: cache.set(generation_key, uuid.uuid4().hex, None)  # noqa: E731
    start()
    transaction.on_commit(start)


def get_many(keys):
    """For ``{key: generation_key}``: ``{key: its value if cached in the current generation,
    else None}`` and ``{generation_key: the current generation}``, in one round trip."""
    generation_keys = set(keys.values())
    # A copy: django-redis answers an unreachable Redis with one shared empty dict.
    found = dict(cache.get_many([*generation_keys, *keys]))
    current = {}
    for generation_key in generation_keys:
        if found.get(generation_key) is None:  # first use, or the cache lost it
            cache.add(generation_key, uuid.uuid4().hex, None)
            found[generation_key] = cache.get(generation_key)
        current[generation_key] = found[generation_key]
    values = {}
    for key, generation_key in keys.items():
        entry = found.get(key)
        fresh = entry is not None and entry[0] == current[generation_key]
        values[key] = entry[1] if fresh else None
    return values, current


def get(key, generation_key):
    """(the value cached under ``key`` if it is of the current generation else None, the
    current generation)."""
    values, current = get_many({key: generation_key})
    return values[key], current[generation_key]


def put(key, generation, value, timeout):
    cache.set(key, (generation, value), timeout)
