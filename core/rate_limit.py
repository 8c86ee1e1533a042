"""Count actions per person in the shared cache, so a limit holds across every replica.

A fixed window: actions are counted per clock window of ``seconds``; the count lives in
the cache (Redis in production, one ``INCR`` per action, atomic) and expires with the
window. When the cache is down (production ignores its errors) nothing is counted and the
action is let through: a limit is a brake, not a reason to refuse everybody.
"""

import time

from django.core.cache import cache


def hit(name, who, limit, seconds=60):
    """Count one action of ``who`` under ``name``; False when it goes over ``limit``."""
    window = int(time.time() // seconds)
    key = f"rate:{name}:{who}:{window}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count is None or count <= limit
