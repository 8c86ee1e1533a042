"""The shape of the data ``manage.py seed_scale`` writes: plain functions, no database.

Everything is drawn from one seeded ``random.Random``, so the same sizes give the same
learners, enrolments and funnel on every machine. Learners, courses and lessons are
numbered from 0; the command maps those numbers to database ids.

- Enrolments are skewed: course 0 is the most popular, the tail is quiet (Zipf weights).
- Each enrolment completes a prefix of its course's lessons, and most stop early, so every
  course shows a funnel that drops off lesson by lesson; a few finish everything (they
  get a certificate, some of which are revoked).
- Everyone was last active some time in the last 60 days.
"""

import math
from dataclasses import dataclass
from datetime import timedelta

ACTIVE_DAYS = 60  # last_active_at is spread over this many days before now
STUDY_DAYS = 90  # the longest time between enrolling and the last completion
ENROLMENTS_PER_LEARNER = 2.5
FINISHER_SHARE = 0.02  # enrolments that complete every lesson (when the total allows)
REVOKED_SHARE = 0.05  # certificates later revoked
POPULARITY_SKEW = 0.9  # Zipf exponent of course popularity
REPLY_SHARE = 0.3  # comments that answer an earlier one
STATUS_MIX = [("approved", 0.90), ("pending", 0.06), ("hidden", 0.03), ("deleted", 0.01)]

LEARNER_PREFIX = "scale-learner-"  # the marker of generated learners

# Generated names and texts: filler, not content anyone edits.
TOPICS = [
    "Data analysis",
    "Web accessibility",
    "Public speaking",
    "Project management",
    "Statistics",
    "Cloud basics",
    "Writing for the web",
    "Spreadsheets",
    "Design thinking",
    "Networking",
]
FIRST_NAMES = (
    "Ada Alan Amara Bea Chen Dara Emil Farah Grace Hugo"
    " Ines Jonas Kofi Lena Mateo Nia Omar Priya Rui Sofia"
).split()
LAST_NAMES = (
    "Okafor Novak Silva Tanaka Müller Haddad Kowalski Dubois Rossi Jensen"
    " Park Moreau Costa Nowak Ito Lind Khan Varga Quinn Berg"
).split()
COMMENT_TEXTS = [
    "Could someone explain the second example again? I got lost halfway.",
    "This finally made it click for me, thank you.",
    "Is there a way to do this without the extra step at the end?",
    "I tried the exercise and got a different answer: did anyone else?",
    "Great lesson. A short summary at the end would help me revise.",
]


def learner_username(number):
    return f"{LEARNER_PREFIX}{number + 1:06d}"


def learner_name(number):
    first = FIRST_NAMES[number % len(FIRST_NAMES)]
    return f"{first} {LAST_NAMES[number // len(FIRST_NAMES) % len(LAST_NAMES)]}"


@dataclass(frozen=True)
class Enrolment:
    learner: int
    course: int
    completed: int  # lessons 0 .. completed-1 are done
    enrolled_at: object
    last_active_at: object

    def completion_times(self):
        """When each completed lesson was completed: evenly up to the last activity."""
        span = self.last_active_at - self.enrolled_at
        return [self.enrolled_at + span * (n + 1) / self.completed for n in range(self.completed)]


def enrolment_count(learners, courses, lessons, completions):
    """How many enrolments to make: about 2.5 per learner, enough for the completions to
    leave a funnel (no more than half of all lessons done on average), at most all."""
    wanted = max(learners, round(learners * ENROLMENTS_PER_LEARNER), -(-2 * completions // lessons))
    return min(wanted, learners * courses)


def plan(rng, now, learners, courses, lessons, completions):
    """Every enrolment, sorted by learner then course; completed lessons add up to
    ``completions`` exactly."""
    total = enrolment_count(learners, courses, lessons, completions)
    if completions > total * lessons:
        raise ValueError(
            f"{completions} completions do not fit in {learners} learners × {courses} "
            f"courses × {lessons} lessons"
        )
    pairs = _enrolled_pairs(rng, learners, courses, total)
    done = _funnel(rng, len(pairs), lessons, completions)
    result = []
    for (learner, course), completed in zip(pairs, done, strict=True):
        last_active = now - timedelta(seconds=rng.uniform(0, ACTIVE_DAYS * 86400))
        study = timedelta(seconds=rng.uniform(3600, STUDY_DAYS * 86400)) if completed else None
        enrolled = last_active - study if study else last_active
        result.append(Enrolment(learner, course, completed, enrolled, last_active))
    return result


def revoked(rng, certificates):
    """Which of ``certificates`` (a count) are revoked, by position: at least one."""
    count = max(1, round(certificates * REVOKED_SHARE)) if certificates else 0
    return set(rng.sample(range(certificates), count))


@dataclass(frozen=True)
class Comment:
    lesson: int
    parent: int | None  # position of an earlier, top-level comment on the same lesson
    status: str
    body: str
    created_at: object


def comments(rng, now, lessons, count):
    """``count`` comments over ``lessons`` lessons, the first lesson busiest, oldest first;
    about a third are replies, most are approved, a few await review or were removed."""
    weights = [1 / (n + 1) for n in range(lessons)]
    statuses, status_weights = zip(*STATUS_MIX, strict=True)
    threads = [[] for _ in range(lessons)]
    result = []
    for n in range(count):
        lesson = rng.choices(range(lessons), weights)[0]
        parent = None
        if threads[lesson] and rng.random() < REPLY_SHARE:
            parent = rng.choice(threads[lesson])
        else:
            threads[lesson].append(n)
        result.append(
            Comment(
                lesson=lesson,
                parent=parent,
                status=rng.choices(statuses, status_weights)[0],
                body=rng.choice(COMMENT_TEXTS),
                created_at=now - timedelta(minutes=(count - n) * 37),
            )
        )
    return result


def _enrolled_pairs(rng, learners, courses, total):
    """``total`` distinct (learner, course) pairs: every learner in at least one course
    (when there are enough), popular courses chosen far more often."""
    per_learner = [1] * learners if total >= learners else [0] * learners
    if total < learners:
        for learner in rng.sample(range(learners), total):
            per_learner[learner] = 1
    open_ = [n for n in range(learners) if per_learner[n] < courses]
    for _ in range(total - sum(per_learner)):
        while True:
            pick = rng.randrange(len(open_))
            learner = open_[pick]
            if per_learner[learner] < courses:
                break
            open_[pick] = open_[-1]
            open_.pop()
        per_learner[learner] += 1
    weights = [1 / (course + 1) ** POPULARITY_SKEW for course in range(courses)]
    cumulative = _cumulative(weights)
    pairs = []
    for learner, count in enumerate(per_learner):
        if count * 2 > courses:  # many of few courses: weighted sampling without replacement
            keys = sorted(range(courses), key=lambda c: -(rng.random() ** (1 / weights[c])))
            chosen = keys[:count]
        else:  # a few of many: draw until distinct
            chosen = set()
            while len(chosen) < count:
                chosen.add(rng.choices(range(courses), cum_weights=cumulative)[0])
        pairs.extend((learner, course) for course in sorted(chosen))
    return pairs


def _cumulative(weights):
    total, result = 0.0, []
    for weight in weights:
        total += weight
        result.append(total)
    return result


def _funnel(rng, enrolments, lessons, completions):
    """How many lessons each enrolment completed, adding up to ``completions``: a few
    finish, the rest stop after a number of lessons drawn from an exponential."""
    finishers = min(round(enrolments * FINISHER_SHARE), completions // (2 * lessons))
    finishers = min(finishers, enrolments)
    rest = enrolments - finishers
    mean = (completions - finishers * lessons) / rest if rest else 0
    done = [lessons] * finishers + [
        min(lessons - 1, math.floor(rng.expovariate(1 / mean))) if mean else 0 for _ in range(rest)
    ]
    _adjust(rng, done, lessons, completions - sum(done), finishers)
    rng.shuffle(done)
    return done


def _adjust(rng, done, lessons, missing, finishers):
    """Add (or take away) single lessons until the total is exact, keeping who finished
    where possible: non-finishers first, then anyone."""
    order = list(range(finishers, len(done)))
    rng.shuffle(order)
    for ceiling in (lessons - 1, lessons):
        while missing:
            step = 1 if missing > 0 else -1
            changed = False
            for index in order:
                if missing == 0:
                    break
                if (step > 0 and done[index] < ceiling) or (step < 0 and done[index] > 0):
                    done[index] += step
                    missing -= step
                    changed = True
            if not changed:
                break
        order = list(range(len(done)))
    if missing:
        raise ValueError("the completions do not fit the enrolments")
