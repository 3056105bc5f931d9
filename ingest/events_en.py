"""English funding sentences -> mentions: the trigger verb, its subject, the money, the round and its backers."""

from __future__ import annotations

import re
from datetime import date

from ahocorasick_rs import AhoCorasick

from ingest.companies import EN_LIST_HEAD, EN_SAID, clean_en, is_pronoun_subject, is_rival_subject, is_vc_firm
from ingest.events import Mention, sentence_dates
from ingest.figures import Role, classify
from ingest.first_person import is_first_person
from ingest.investors import en_investors
from ingest.round_names import RoundName, find_rounds
from ingest.types import RoundCode, RoundStatus

_EN_VERB = re.compile(
    r"\s(?:has |have |had |just |today |officially |recently |successfully |now |also |reportedly |"
    r"(?:is|are) (?:proud|pleased|excited|thrilled|happy|delighted) to (?:have )?|"
    r"(?:is|are|was|were) (?:reportedly )?(?:in (?:advanced |early |preliminary )?(?:talks|discussions)|looking|seeking|set|planning|aiming|about|"
    r"nearing a deal|near a deal|close|in the process of|expected) to |(?:could|may|might|would|will) |(?:is|are) said to be |"
    r"(?:plans|aims|hopes|seeks|looks|wants|intends|expects) to )*"
    r"(?P<verb>(?:[Aa]nnounce[sd]?|[Cc]onfirm(?:s|ed)?)(?: today| (?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?(?: (?:that )?(?:it )?(?:has |had )?)?(?:raised|closed|secured|completed|(?:the |its )?(?:successful )?(?:first |final |initial )?(?:close|closing|completion|extension)|(?:a +|an +|its +|the +)?(?:new |first )?(?:[A-Z]{0,2}\$|€|£|₹|¥|seed|pre-seed|series|funding|financing|investment|strategic|round|\w+[- ]million))"
    r"|[Rr]aise[sd]?|(?<=is )raising|(?<=are )raising|(?<=now )raising|(?<=currently )raising|(?<=reportedly )raising|(?<=to be )raising|[Ss]ecure[sd]?|[Cc]lose[sd]?|[Cc]omplete[sd]?|[Ll]and(?:s|ed)|[Bb]ag(?:s|ged)|[Nn]ab(?:s|bed)|[Gg]ets|[Gg]ot|[Rr]eceive[sd]?|"
    r"[Ss]nag(?:s|ged)|[Pp]ull(?:s|ed) in|[Pp]ick(?:s|ed) up|[Ss]core[sd]?|[Cc]ollect(?:s|ed)|[Aa]ttract(?:s|ed)|[Bb]ank(?:s|ed)|[Rr]ake[sd]? in|[Nn]et(?:s|ted)|[Hh]aul(?:s|ed) in|[Dd]raw(?:s|n)|"
    r"(?:is |are )?[Ll]aunch(?:es|ed|ing) with|entered into (?:a |definitive )?(?:subscription|securities purchase|share purchase) agreements?|[Oo]btain(?:s|ed)|[Ee]xtend(?:s|ed)|[Ww]in(?:s)?|[Ww]on)\b"
)
# What _EN_VERB cannot match without: each verb's start, lower-cased, after the whitespace (or an auxiliary's
# closing space) the pattern puts before it. In a printable text the only whitespace is " ".
_VERB_STARTS = AhoCorasick(
    [
        f" {start}"
        for start in (
            "announce", "confirm", "rais", "secure", "close", "complete", "land", "bag", "nab", "gets", "got",
            "receive", "snag", "pull", "pick", "score", "collect", "attract", "bank", "rake", "launch",
            "entered into", "obtain", "extend", "win", "won", "net", "haul", "draw",
        )
    ]
)  # fmt: skip
# "Tennr's $18m series A funding round was led by a16z". The match starts at the apostrophe (the letter
# before it is a lookbehind from there), so the regex engine skips to apostrophes instead of trying the
# lookbehind at every character.
_EN_POSSESSIVE = re.compile(
    r"[’'](?<=[a-z0-9][’'])s\s+(?=(?:\$|€|£|new|latest|recent|oversubscribed|Series|series|seed|pre-seed)[^.]{0,60}?"
    r"(?:round|funding|financing|raise|investment)\s+(?:was|is|has been)\s+(?:co-)?(?:led|closed|completed))"
)
_EN_INVESTS_IN = re.compile(r"[^.;]{0,60}?\b(?:investment|stake|investing|invested) (?:in|into)\b")
# Verbs whose subject receives the money: "Revolut secured a $500 million investment in a round led by …".
_RECEIVES = re.compile(
    r"\s*(?:has |have |had )?(?:secur|receiv|rais|got|get|land|bag|nab|snag|attract|obtain|won|win|scor|pick|bank)"
)
_EN_AN_INVESTMENT = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:announce[sd]?|made|makes|completed|closed)\s+(?:a|an|its|the)\s+(?:[\w-]+\s+){0,3}investment\b",
    re.I,
)
_TICKER = re.compile(r"\((?:NASDAQ|Nasdaq|NYSE|LSE|AIM|TSX|TSXV|ASX|OTC\w*|HKEX|SEHK)\s?:")
_EN_TALKS = re.compile(
    r"\b(?:is|are) (?:reportedly )?(?:raising|in talks|in discussions|seeking|looking to raise|set to raise|in the process of raising)|"
    r"\b(?:is|are) (?:now|currently) raising\b|"
    r"\b(?:expects?|expected|plans?|aims?|hopes?|set|is set) to close\b|"
    r"\b(?:plans|aims|hopes|seeks|looks) to raise\b|\bin talks to\b|\bterm sheet\b|according to (?:people|sources|a person)|"
    r"\bin (?:early|advanced|preliminary|initial|late-stage) (?:talks|discussions)\b|\b(?:is|are) (?:said to be|reportedly) raising\b|"
    r"\b(?:nearing|near|close to) (?:a deal|raising|closing)\b|\b(?:could|may|might) raise\b|\bwould value\b|"
    r"\bsources (?:said|say)\b|:\s*sources?\s*$|people familiar with"
)
_EN_FUNDING = re.compile(
    r"\$|€|£|₹|funding|financing|investment|round|capital|seed|Series|backers|investors|raise|"
    r"undisclosed (?:amount|sum)",  # "Dox raised an undisclosed amount from Tiger Global"
    re.I,
)
# Matched against the lower-cased start of the sentence (one lower() instead of a slow re.I alternation).
_EN_NEG = re.compile(
    r"\b(?:(?<!pre-)(?<!post-)(?<!pre )ipo|initial public offering|went public|go public|"  # a pre-IPO round is one
    r"(?:new|debut|second|third|fourth|fifth|sixth|latest|flagship|inaugural)(?: [\w-]+){0,2} fund\b|fund (?:i|ii|iii|iv|v|vi|vii|\d)\b|"
    r"for (?:its|a|the|their) (?:[\w$.-]+ ){0,4}funds?\b|"
    r"fund(?:s)? (?:close|closing)|limited partners|lps\b|startups in|start-ups in|venture (?:funding|investment|capital) (?:in|into|fell|rose)|"
    r"quarter|q[1-4]\b|year-over-year|year-on-year|in total|to date|so far|altogether|combined|total of|"
    r"(?<!round )(?<!funding )(?<!financing )totall?ing|rounds\b[^.]{0,40}totall?ing|now raised(?! (?:a further|an additional|another|a new|fresh))|grant(?:ed)? (?:from|by))\b"
)
# What the money is for, read from the verb on: a description of the company before it may well mention
# its customers or sales ("a customer acquisition platform, completed a $6m Series A").
_EN_NEG_OBJECT = re.compile(
    r"\b(?:revenue|sales|contracts?|customers?|listing|acqui(?:re[sd]?|sition|ring)|merger|merge|buys?(?! now)|bought|refinanc\w*)\b"
)
# Events that are never a round, wherever they are named in the sentence.
_EN_NOT_FUNDING = re.compile(
    r"\b(?:prizes?|awards?|awarded|lawsuits?|settlements?|verdicts?|pre-?sale|token sale|gala|donat\w*|charity|"
    r"fundraiser|worthy causes?|tournament|scholarships?|shelter|price target|licens\w+ deal|licensing|competition|contest|leaderboard|"
    r"nonprofit|non-profit|food bank|golf|concert|telethon|recovery for|injur\w*|accident|wrongful|malpractice|jury|"
    r"pre-construction|construction loan|bridge loan for|deal volume|ground lease|multifamily|"
    r"across \d+ (?:loans|transactions|deals)|first (?:half|six months)|(?<!crowdfunding )campaign|cancer research|"
    r"(?:initial|purchase|first|new) orders?|orders? (?:for|from)|closes? \S+ sale|sale of (?:its|the)|tenure)\b"
)
EN_HISTORY = re.compile(
    r"\b(?:ago|(?:days|weeks|months|years) after|previously|earlier|prior|last (?:round|raised|year)|previous|had (?:raised|secured|closed|received)|back in|in (?:19|20)\d\d|since (?:its|it was)|"
    r"was founded|predecessor|former|that round|its first round|first raised|originally)\b",
    re.I,
)


# A subject that names many companies ("Indian startups", "African fintechs") reports a total.
GENERIC_PLURAL = re.compile(
    r"^(?:\S+ ){0,2}(?:start-?ups|companies|firms|businesses|fintechs|unicorns|founders|SMEs|customers|clients|"
    r"users|merchants|borrowers|sellers|members)$",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[,;(—]")
# "a bridge round ahead of its Series B": a round still to come is not the one reported
_AHEAD_OF = re.compile(
    r"\b(?:ahead of|before|prior to|in preparation for) (?:its|a|the|their)(?: planned| expected)? $", re.I
)
_SUBORDINATE = re.compile(r"(?:which|who|that|whose|after|before|since|when)\b")
# What _EN_TALKS cannot match without (case-sensitive, as the pattern is).
_TALKS_KEYS = ("raising", "in talks", "in discussions", "seeking", "to raise", "term sheet", "according to",
               "source", "familiar", "talks", "discussions", "a deal", "closing", "could raise", "may raise",
               "might raise", "would value", "to close")  # fmt: skip


def _main_verb(sentence: str) -> re.Match[str] | None:
    """The first funding verb that is not inside a relative clause ("Acme, which previously raised $5M, has
    now closed a $20M Series A": the round is the main verb's)."""
    if sentence.isprintable() and not _VERB_STARTS.find_matches_as_indexes(sentence.lower()):
        return None  # no verb can start anywhere: most candidate sentences, at a sixth of the regex's cost
    for m in _EN_VERB.finditer(sentence):
        clause = _CLAUSE_BREAK.split(sentence[: m.start()])[-1].strip().lower()
        if not _SUBORDINATE.match(clause):
            return m
    return None


# Asides between the subject and its verb: "Acme, which raised a $5M seed round in 2021, has now
# closed…", "Acme, a startup backed by Sequoia since 2019, raised…". Their money, dates, rounds and
# backers are not this round's.
_ASIDE = re.compile(r",\s+(?:which|who|whose|a|an)\s[^,;()]*,")


def _without_asides(sentence: str, verb_start: int) -> str:
    """The sentence with the subject's asides blanked out (same length, so offsets still hold)."""
    if "," not in sentence[:verb_start]:
        return sentence
    return _ASIDE.sub(lambda a: " " * len(a[0]) if a.end() <= verb_start else a[0], sentence)


_INVESTOR_CUE = re.compile(
    r"\b(?:led by|co-led by|from|participation|including|backed by|alongside|joined by)\b"
)


def _negated(sentence: str, low: str, verb_end: int) -> bool:
    """Whether `_EN_NEG` rules the sentence out, reading up to 80 characters past the verb. A numbered fund
    named among the investors ("led by Temasek and SoftBank Vision Fund 2") is an investor, not a firm
    raising its own fund."""
    neg = _EN_NEG.search(low, 0, verb_end + 80)  # search, not finditer: most sentences have none
    while neg is not None:
        if not (
            neg.start() > verb_end
            and sentence.startswith("Fund ", neg.start())
            and _INVESTOR_CUE.search(low, verb_end, neg.start())
        ):
            return True
        neg = _EN_NEG.search(low, neg.end(), verb_end + 80)
    return False


def en_mention(sentence: str, published: date | None) -> Mention | None:
    """The round an English sentence reports, or None when it reports none."""
    m = _main_verb(sentence) or (
        _EN_POSSESSIVE.search(sentence) if "'" in sentence or "’" in sentence else None
    )
    if not m:
        return None
    evidence, sentence = sentence, _without_asides(sentence, m.start())
    low = sentence.lower()
    if not _EN_FUNDING.search(sentence, m.end()) or _negated(sentence, low, m.end()):
        return None
    if _EN_NEG_OBJECT.search(low, m.start(), m.end() + 100):
        return None
    if _EN_NOT_FUNDING.search(low):
        return None
    subject = evidence[: m.start()]
    if _EN_INVESTS_IN.match(sentence, m.end()) and not _RECEIVES.match(m.group(0)):
        return (
            None  # "HTX Ventures announced a strategic investment in X": the subject invests (ingest.backers)
        )
    # "Beta Health, $120M, healthcare: It raised …": the list entry's header names the company
    pointer = is_pronoun_subject(subject) and not EN_LIST_HEAD.match(subject)
    named = None if pointer else clean_en(subject)
    if named and GENERIC_PLURAL.search(named[0]):
        return None  # "Indian startups raised $2.1 billion in March": a sector's total
    if (
        named
        and is_vc_firm(named[0])
        and (not find_rounds(sentence) or _EN_AN_INVESTMENT.match(sentence, m.start()))
    ):
        return None  # "Italian Founders Fund raises inaugural €50m" (its own fund); "X Ventures announced an investment"
    figures = classify(sentence)
    figures = [f for f in figures if f.money.start >= m.start()] + [
        f for f in figures if f.money.start < m.start()
    ]
    rounds = [
        r for r in find_rounds(sentence) if not _AHEAD_OF.search(sentence, max(0, r.start - 24), r.start)
    ]
    lead, others = en_investors(sentence)
    if not (any(f.role in (Role.ROUND, Role.VALUATION) for f in figures) or rounds or lead or others):
        return None
    talks = any(k in sentence for k in _TALKS_KEYS) and _EN_TALKS.search(sentence)
    status = RoundStatus.IN_TALKS if talks else RoundStatus.ANNOUNCED
    clause_start = max(sentence.rfind(c, 0, m.start()) for c in ",;(—") + 1
    lead_in = (
        sentence[: sentence.find(",")] if "," in sentence[:40] else ""
    )  # "Earlier this year, X announced…"
    reported = EN_SAID.search(subject) is not None  # "said Tuesday it had raised": not history
    history = any(
        not (reported and h[0].lower().startswith("had "))
        for h in EN_HISTORY.finditer(sentence, clause_start, m.end() + 25)
    ) or bool(EN_HISTORY.search(lead_in))
    history = history or (named is not None and is_rival_subject(subject))  # a competitor's round is context
    history = history or _ended_earlier(sentence, m.end())
    company, aliases = named if named else (None, ())
    rounds = _listed(subject, rounds)
    first_person = named is None and is_first_person(subject)
    return Mention(
        company,
        aliases,
        rounds,
        figures,
        lead,
        others,
        sentence_dates(sentence, published),
        status,
        history,
        evidence,
        pronoun=pointer or first_person,
        first_person=first_person,
    )


# The time of the main clause, said at its end: "The startup raised $300 million a year earlier."
_EN_EARLIER_END = re.compile(
    r"\b(?:(?:a|an|one|two|three|four|five|six|\d+|several|a few|some) (?:days?|weeks?|months?|years?|quarters?)"
    r" (?:earlier|ago|before)|(?:the )?(?:previous|prior) (?:year|month)|the year before)[\s.!]*$"
)


def _ended_earlier(sentence: str, verb_end: int) -> bool:
    """Whether the verb's clause ends with a time before the article's ("… a year earlier", "… two years
    ago"); the window EN_HISTORY is read in stops 25 characters after the verb, before such an ending."""
    if not (
        "earlier" in sentence
        or " ago" in sentence
        or "before" in sentence
        or "previous" in sentence
        or "prior" in sentence
    ):
        return False
    end = _CLAUSE_BREAK.search(sentence, verb_end)
    return _EN_EARLIER_END.search(sentence, verb_end, end.start() if end else len(sentence)) is not None


def _listed(subject: str, rounds: list[RoundName]) -> list[RoundName]:
    """A listed company's untyped raise (or note sale) is a post-IPO placement (ROUNDS_SPEC.md)."""
    if not _TICKER.search(subject) or (rounds and rounds[0].code.value not in {"convertible_note"}):
        return rounds
    return [RoundName(RoundCode.POST_IPO, rounds[0].label if rounds else None, 0, 0)]  # type: ignore[arg-type]
