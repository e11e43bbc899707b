"""Spans of time written in words, as intervals of days, for the number comparison.

Reports rarely say "for 4 days": they say "until Friday", "until the end of the week",
"by the weekend", "for the rest of the month", "within days", "for weeks", "overnight".
Without the date a report was written, each is the span of days it allows from then:
"until Friday" and "until the end of the week" are at most a week, so they agree with each
other and contradict "for at least a fortnight"; "for weeks" is two to nine weeks, so it
agrees with "about a month"; "through the night" is hours, so it contradicts "within an
hour". The intervals are deliberately wide: a deadline allows any
span down to a minute, so it conflicts only with a span longer than it allows. General English,
written for ClaimWeave.
"""

from __future__ import annotations

Token = tuple[str, str, bool]  # (word lower-cased, lemma, content word)
Span = tuple[float, float]  # days

WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                      "sunday"})
DEADLINE = frozenset({"until", "till", "til", "by", "before"})
# "the end of the week", "the rest of the month": what a period allows from now.
PERIODS = {"day": 1.0, "week": 7.0, "weekend": 7.0, "month": 31.0, "year": 366.0,
           "season": 92.0, "summer": 366.0, "winter": 366.0, "spring": 366.0,
           "autumn": 366.0}
NEXT = {"week": (1.0, 14.0), "month": (1.0, 62.0), "year": (1.0, 731.0),
        "weekend": (1.0, 14.0)}
# The shortest span a deadline in words allows: a minute, not zero, so that two of them are
# compared as intervals ("until Friday" meets "within days"), not as two reported upper
# bounds, whose limits must match ("up to 50" / "no more than 50": nlp/quantities.py).
SOON = 1 / 1440
NIGHT = (0.2, 1.0)  # "through the night", "all night": hours, up to a day
# "overnight" says when as often as how long ("stolen overnight", "fought the fire
# overnight"): up to a day, but no lower bound, so it never conflicts with a short span;
# after a verb of an activity that goes on (atelic: "fought", "burned", "searched",
# "queued") it says how long, hours, as "through the night" does.
OVERNIGHT = (SOON, 1.0)
DURATIVE = frozenset({"fight", "battle", "burn", "rage", "smoulder", "smolder", "blaze",
                      "work", "search", "continue", "last", "wait", "queue", "stay",
                      "remain", "sit", "talk", "negotiate", "march", "protest", "guard",
                      "watch", "rain", "snow", "pour", "shell", "bomb", "pump", "dig"})
DURATIVE_REACH = 6  # words before "overnight" where its verb may be (same clause)
# Bare plurals after these words are an unnamed number of units ("for weeks"): 2-9 of them.
SPAN_WORDS = frozenset({"for", "within", "over", "after", "lasting", "lasted", "last"})
BARE = {"hours": 1 / 24, "days": 1.0, "weeks": 7.0, "months": 30.4, "years": 365.25}
BARE_MULTIPLES = (2.0, 9.0)
POINT_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})


def _words(toks: list[Token], i: int, n: int) -> list[str]:
    return [t[0] for t in toks[i:i + n]]


def duration_in_words(toks: list[Token], i: int) -> tuple[Span, int] | None:
    """The span of days the words at *i* allow, and the index after them; None when
    they are no span in words."""
    word = toks[i][0]
    if word == "overnight":
        return (NIGHT if _after_durative(toks, i) else OVERNIGHT), i + 1
    if word in ("through", "throughout", "all"):
        k = i + 1 + (_words(toks, i + 1, 1) == ["the"])
        if _words(toks, k, 1) == ["night"]:
            return NIGHT, k + 1
    if word in SPAN_WORDS and i + 1 < len(toks):
        unit = BARE.get(toks[i + 1][0])
        if unit:
            lo, hi = BARE_MULTIPLES
            if word == "within":
                lo = SOON
            return (lo * unit, hi * unit), i + 2
        if word == "for" and _words(toks, i + 1, 3) in (["the", "rest", "of"],
                                                          ["the", "remainder", "of"]):
            return _period(toks, i + 4)
    if word in DEADLINE or (word == "at" and _words(toks, i + 1, 3) == ["the", "end", "of"]):
        return _deadline(toks, i + 1)
    return None


def _after_durative(toks: list[Token], i: int) -> bool:
    """A verb of an activity that goes on ("fought the blaze") a little before *i*, in the
    same clause."""
    for word, lemma, _ in reversed(toks[max(0, i - DURATIVE_REACH):i]):
        if not word[:1].isalnum():
            return False
        if lemma in DURATIVE or word in DURATIVE:
            return True
    return False


def _deadline(toks: list[Token], j: int) -> tuple[Span, int] | None:
    """After "until" / "by" / "before": a weekday, the weekend, "next week", "the end
    of the month", a season ("until the spring")."""
    n = len(toks)
    if j < n and toks[j][0] in WEEKDAYS:
        if j + 1 < n and toks[j + 1][0] in POINT_OF_DAY:
            return None  # "by Sunday afternoon": a point in a story, not a span from now
        return (SOON, 7.0), j + 1
    if j < n and toks[j][0] == "next" and j + 1 < n and toks[j + 1][0] in NEXT:
        return NEXT[toks[j + 1][0]], j + 2
    if j < n and toks[j][0] in ("the", "this"):
        j += 1
    if _words(toks, j, 2) == ["end", "of"]:
        return _period(toks, j + 2)
    if j < n and toks[j][0] in ("weekend", "spring", "summer", "autumn", "winter"):
        return (SOON, PERIODS[toks[j][0]]), j + 1
    return None


def _period(toks: list[Token], j: int) -> tuple[Span, int] | None:
    """"the week", "this month", "the year" at *j*: up to one of them from now."""
    if j < len(toks) and toks[j][0] in ("the", "this"):
        j += 1
    if j < len(toks) and toks[j][0] in PERIODS:
        return (SOON, PERIODS[toks[j][0]]), j + 1
    return None


# Periods named by an event or a state of affairs: "following the dissolution of the Soviet
# Union", "the post-revolution era" are after it; "the Soviet era", "during the crisis"
# within it. One span cannot be both.
ENDINGS = frozenset({"end", "collapse", "fall", "dissolution", "breakup", "break-up",
                     "demise", "overthrow"})
AFTER = frozenset({"after", "following", "since"})
ERAS = frozenset({"era", "period"})
Period = tuple[str, str]  # ("after" | "during", the content lemma naming what)


def periods(toks: list[Token]) -> set[Period]:
    """The periods *toks* name (see above), as ("after", "soviet"), ("during", "soviet")."""
    found: set[Period] = set()
    for i, (word, lemma, _) in enumerate(toks):
        if word in AFTER:
            j = i + 1 + (_words(toks, i + 1, 1) == ["the"])
            if j + 1 < len(toks) and toks[j][1] in ENDINGS and toks[j + 1][0] == "of":
                what = _named(toks, j + 2)
                if what and not (toks[j][1] == "fall" and what[:1].isdigit()):
                    found.add(("after", what))  # ("since the fall of 2019": an autumn)
        elif lemma in ERAS and i and toks[i - 1][2]:
            post = i >= 3 and toks[i - 2][0] == "-" and toks[i - 3][0] == "post"
            if not (i >= 3 and toks[i - 2][0] == "-" and toks[i - 3][0] == "pre"):
                found.add(("after" if post else "during", toks[i - 1][1]))
        elif word == "during":
            what = _named(toks, i + 1)
            if what:
                found.add(("during", what))
    return found


def _named(toks: list[Token], j: int) -> str | None:
    """The content lemma after an article at *j* ("the Soviet Union": "soviet")."""
    if j < len(toks) and toks[j][0] in ("the", "a", "an"):
        j += 1
    return toks[j][1] if j < len(toks) and toks[j][2] else None


def periods_differ(a: set[Period], b: set[Period]) -> str | None:
    """The cue when one side puts something after an event and the other within it."""
    for one, other in ((a, b), (b, a)):
        for when, what in sorted(one):
            if when == "after" and ("during", what) in other - one and (
                    ("after", what) not in other):
                return f"periods differ: after the end of “{what}” / during it"
    return None
