"""Which words of a span negate, and what they cover, for the stance hint's polarity.

A span's polarity is composed, not just spotted: a negator inside the scope of another in
the same clause cancels it ("did not reject" is acceptance, "failed to deny" no denial,
"not without"), while correlatives ("neither ... nor") and negations joined by a
conjunction ("no injuries and no damage") each stand. Aspectual verbs negate a state from
then on: "stopped generating", "ceased operating", "quit smoking" say "no longer
generating" (as "no longer" does), so they read as a negation of the state "be
generating". All word lists are generic English (negation-detection lexicons, grammar
references), not any project's texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analysis import NEG, NEGATION_WORDS, PUNCT, SPACE, Analysis, is_content

# Words that negate without "not" (implicit negation, as in negation-detection lexicons).
IMPLICIT_NEGATORS = frozenset({"lack", "absence", "fail", "refuse", "deny", "reject",
                               "hardly", "barely", "scarcely", "seldom", "rarely", "prevent",
                               "without", "neither", "nor"})
# Every word that negates alone: none of them is also an antonym in the stance hint, whose
# polarity the negation already counts ("never" / "always", "nobody" / "everyone").
NEGATORS = IMPLICIT_NEGATORS | NEGATION_WORDS
# Two-word implicit negators: the first lemma negates only when the second follows it
# ("limited to", "falls short of", "far from", "stops short").
# Inflected forms too: without a lemmatiser (blank pipeline) lemmas are the words as written.
IMPLICIT_NEGATOR_PAIRS = frozenset(
    [(w, "to") for w in ("limit", "limited", "limits", "confined", "restricted")]
    + [(w, "short") for w in ("fall", "falls", "fell", "falling", "stop", "stops",
                              "stopped", "stopping")]
    + [("far", "from"), ("rather", "than"), ("instead", "of"), ("no", "longer"),
       ("leave", "out"), ("left", "out"), ("leaves", "out")])
# Aspectual verbs that end a state: with a gerund after them ("stopped generating") or,
# for "cease", an infinitive ("ceased to exist"), a negation of that state.
ASPECTUAL_NEGATORS = frozenset({"stop", "cease", "quit", "discontinue"})
_ASPECTUAL_FORMS = frozenset({"stop", "stops", "stopped", "stopping", "cease", "ceases",
                              "ceased", "ceasing", "quit", "quits", "quitting",
                              "discontinue", "discontinued", "discontinues"})
# "no fewer than 30", "not only", "not least": a bound or an emphasis, not a negation;
# "did not sound until 2:40": a time, not a denial (the event happened, at 2:40).
NOT_NEGATING_BEFORE_THAN = frozenset({"few", "fewer", "less", "more", "later", "earlier",
                                      "sooner"})
NOT_NEGATING_NEXT = frozenset({"only", "just", "merely", "least"})
UNTIL = frozenset({"until", "till", "til"})
# Negators that join another rather than cancel it ("neither ... nor", "not ... nor").
CORRELATIVES = frozenset({"nor", "neither"})
# A conjunction or a subordinate clause starts a new negation: "no injuries and no damage"
# is two, not a double one; "it is not clear whether the plan failed" does not say it held.
CLAUSE_STARTS = frozenset({"and", "but", "or", "while", "whereas", "yet", "whether", "if",
                           "that", "which", "who", "because", "when", "although", "though"})
NEGATION_SCOPE = 3  # content lemmas after a negator that it negates


@dataclass(slots=True)
class Polarity:
    """The negations of one span as its tokens are read in order (:meth:`read`)."""

    negations: list[str] = field(default_factory=list)  # standing negators, as written
    scope: set[str] = field(default_factory=set)  # content lemmas a standing negator covers
    _left: int = 0  # content lemmas the last negator still covers
    _stackable: bool = False  # a negator now would cancel the last one
    _covered: list[str] = field(default_factory=list)  # lemmas the last negator covered

    def punctuation(self) -> None:
        self._left, self._stackable = 0, False

    def read(self, written: str, lemma: str, content: bool, negator: bool) -> None:
        """One token that is no space or punctuation; *negator*: it negates here."""
        if lemma in CLAUSE_STARTS:
            self._stackable = False
        if negator and self._stackable and lemma not in CORRELATIVES:
            self.negations.pop()  # "did not reject", "failed to deny": they cancel
            self.scope.difference_update(self._covered)
            self._left, self._stackable = 0, False
            return
        if negator:
            self.negations.append(written)
            self._left, self._stackable, self._covered = NEGATION_SCOPE, True, []
        elif content and len(lemma) > 1 and self._left:
            self.scope.add(lemma)
            self._covered.append(lemma)
            self._left -= 1
            self._stackable = self._stackable and self._left > 0


def is_negator(analysis: Analysis, text: str, i: int, toks: range) -> bool:
    """Token *i* negates: "not", "never", "no" (not a bound or a time), an implicit
    negator, a two-word one ("limited to"), an aspectual verb ending a state."""
    lemma = analysis.lemma(i)
    if analysis.tok_flags[i] & NEG or lemma in IMPLICIT_NEGATORS or (
            i + 1 < toks.stop and (lemma, analysis.lemma(i + 1)) in IMPLICIT_NEGATOR_PAIRS):
        return not _bound_or_time(analysis, i, toks)
    return bool(ended_state(analysis, text, i, toks))


def ended_state(analysis: Analysis, text: str, i: int, toks: range) -> tuple[str, ...]:
    """For an aspectual verb at *i* ("stopped", "ceased") before a gerund ("working") or,
    for "cease", an infinitive ("to exist"): the state it ends, by lemma and as written
    ("be_work", "be_working"); else none."""
    lemma = analysis.lemma(i)
    if lemma not in ASPECTUAL_NEGATORS and lemma not in _ASPECTUAL_FORMS:
        return ()
    nxt = [k for k in range(i + 1, min(i + 4, toks.stop)) if not analysis.tok_flags[k] & SPACE]
    if not nxt or analysis.tok_flags[nxt[0]] & PUNCT:
        return ()
    k = nxt[0]
    if lemma in ("cease", "ceased", "ceases") and analysis.lemma(k) == "to" and len(nxt) > 1:
        return (f"be_{analysis.lemma(nxt[1])}",)
    tag, gerund = (analysis.tag(k) if any(analysis.tags) else ""), analysis.lemma(k)
    written = text[analysis.tok_start[k]:analysis.tok_end[k]].lower()
    # a gerund, or one the tagger reads as a noun ("ceased trading": NN); untagged, a word
    # in "-ing" that is no stop word and whose stem has a vowel ("working", "going"; not
    # "stopped during the match", "stopped King", "stopped nothing")
    if tag == "VBG" or (tag == "NN" and gerund.endswith("ing")) or (
            not tag and _gerund_like(written) and is_content(analysis.tok_flags[k])):
        return (f"be_{gerund}", f"be_{written}")
    return ()


def _gerund_like(word: str) -> bool:
    return word.endswith("ing") and any(c in "aeiouy" for c in word[:-3])


def _bound_or_time(analysis: Analysis, i: int, toks: range) -> bool:
    """True for a "not"/"no" that bounds a number or a time rather than denying:
    "no fewer than", "not only", "not ... until" (within three words, same clause)."""
    if analysis.lemma(i) not in ("not", "no", "never", "n't"):
        return False
    nxt = [analysis.lemma(k) for k in range(i + 1, min(i + 5, toks.stop))
           if not analysis.tok_flags[k] & SPACE]
    if nxt and nxt[0] in NOT_NEGATING_NEXT:
        return True
    if len(nxt) > 1 and nxt[0] in NOT_NEGATING_BEFORE_THAN and nxt[1] == "than":
        return True
    for k in range(i + 1, min(i + 5, toks.stop)):
        if analysis.tok_flags[k] & PUNCT:
            return False
        if analysis.lemma(k) in UNTIL:
            return True
    return False
