"""Company names from the subject of an English funding sentence: the name, not the description around it."""

from __future__ import annotations

import re

from ingest.companies_zh import QUOTED_NAME

# Descriptions that precede a name: "Stealthy email security startup Agari", "AI芯片创企Etched"; a name may
# start with one or two lower-case letters before a capital ("eFishery", "iFood").
# Lower-case description nouns, and the few that headlines capitalise ("Crypto Startup True Markets");
# "Players Health" or "Unit Network" keep their capitalised words.
_EN_DESCRIPTOR = re.compile(
    r"^.*?\b(?:start-?up|company|firm|platform|provider|maker|developer|specialist|unicorn|app|operator|rival|"
    r"competitor|challenger|spin-?out|spin-?off|"
    r"creator|pioneer|manufacturer|fintech|insurtech|leader|scale-?up|brand|marketplace|service|"
    r"biotech|player|vendor|outfit|business|supplier|producer|lab|network|retailer|"
    r"[Nn]eobank|[Ee]dtech|[Hh]ealthtech|[Pp]roptech|[Aa]gri-?tech|[Aa]gtech|[Cc]leantech|[Ll]egaltech|[Rr]egtech|"
    r"[Ff]oodtech|[Dd]eeptech|[Mm]edtech|[Ll]ender|[Dd]ecacorn|"
    r"Start-?up|Startup|Company|Firm|Unicorn|Maker|Developer|Provider|Fintech|Insurtech|Biotech|Rival|Competitor)s?"
    r"\s+(?=[A-Z0-9]|[a-z]{1,2}[A-Z])"
)
# "India's Meesho", "Sydney's Kookaburra AI", "Alphabet's Verily": a place's or a parent's
# possessive before the name ("Macy's Inc" keeps its name: only a legal suffix follows).
_EN_PLACE_OF = re.compile(
    r"^(?:[A-Z][\w.&-]*\s){0,2}[A-Z][\w.&-]*[’']s\s+"
    r"(?=[A-Z0-9]|[a-z]{1,2}[A-Z])(?!(?:Inc|Ltd|Corp|Co|LLC|PLC|GmbH|Group|Holdings|International)\b\.?\s*$)"
)
# "London-based MediShout", "Y Combinator-backed Acme", "SoftBank-funded Acme"
# A list entry's header before the sentence: "Anduril Industries, $1.5B, defense tech: Anduril raised …"
EN_LIST_HEAD = re.compile(
    r"^(?:\d{1,2}\.\s+)?(?P<name>[A-Z][^:,]{0,60}),\s*(?:US)?[$€£¥₹][\d.,]+\s?(?:[MBK]|[mb]n|million|billion)?,"
    r"[^:]{0,40}:\s+"
)
_EN_BASED = re.compile(
    r"^.*?-(?:based|backed|funded|owned|headquartered)\s+(?:[a-z-]+\s+)*?(?=[A-Z0-9]|[a-z]{1,2}[A-Z])"
)
_EN_LEAD = re.compile(
    r"^(?:#+\s|[*>]\s|\s)*(?:.*(?:--|—|–|/|\|)\s+)?(?:[A-Z][\w.]*(?: [\w.]+){0,3}:\s+)?(?:The post\s+)?"
    r"(?:(?:In|On|At|After|With|As|Following|Earlier|Last|This|Amid|Despite|Since|During|Founded|Today|Now|To|For|Having|Backed)\b[^,]{0,120},\s+"
    r"|[A-Z][a-z]*(?: [a-z]+){0,2} (?:later|earlier|ago),\s+)*"  # "Days later, ", "A few weeks earlier, "
    r"(?:(?:[Tt]oday|[Nn]ow|[Aa]lso|[Ff]inally|[Mm]eanwhile|[Ss]eparately|[Aa]dditionally|[Hh]owever|[Ii]n addition|"
    r"[Ee]lsewhere|[Ll]astly|[Pp]lus|[Ss]imilarly|[Ll]ikewise),?\s+)*",
)
# A source or an announcement before the news, after the lead-ins above; a pattern of its own, tried only
# when its words are there (most subjects have none): "KrASIA reported that …", "According to filings, …"
# (not "Acme reported that it …"), "We're excited to announce that Acme …" (not "… that we have raised").
_EN_SOURCE = re.compile(
    r"^(?:(?:[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3}) (?:reported|reports|has learned|learned|wrote|writes) that\s+"
    r"(?!(?:it|they|we)\b)|According to [^,]{1,80},\s+"
    r"|(?:[Ww]e|I)(?:['’]re| are|['’]m| am) (?:so |very )?(?:excited|thrilled|happy|delighted|proud|pleased) to "
    r"(?:announce|share)(?: today)? that\s+(?!(?:we|I|our)\b))"
)


def _without_lead(subject: str) -> str:
    """`subject` without its lead-ins, source and announcement."""
    s = _EN_LEAD.sub("", subject)
    return _EN_SOURCE.sub("", s) if " that " in s or s.startswith("According") else s


_EN_TRAIL = re.compile(
    r"(?:\s+(?:today|now|also|recently|officially|finally|just|previously|earlier|initially|first|last|reportedly|"
    r"has|have|had|is|are|was|were))+$",
    re.I,
)
_EN_DASHED = re.compile(r"\s[—–]\s.*?\s[—–](?:\s|$)")
# "BOSTON--(BUSINESS WIRE)--Acme": wire datelines without a year
_EN_WIRE = re.compile(r"^[A-Z][A-Za-z .,'-]{1,60}?\s?--\s?\([A-Za-z .]{3,30}\)\s?--\s?")
_EN_DATELINE = re.compile(r"^.{0,200}\b(?:19|20)\d\d\b\s*(?:\([^)]*\)\s*)?(?:[-—–]+|/\s?\w+\s?/\s?--)\s+")
# "Acme said", "Acme, a robotics startup, announced Thursday that it has": reported speech, the
# reporting verb's subject is the company.
EN_SAID = re.compile(
    r"(?:\s+on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"
    r"\s+(?:said|says|announced|announces|confirmed|confirms|reported|reports|disclosed|revealed)"
    r"(?: on)?(?: (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    r"(?:earlier |late )?(?:this|last) week))?"
    r"(?: that)?(?: it| they)?(?: has| had| have)?$"
)
_EN_APPOSITION = re.compile(
    r",\s+(?:[a-z(]|(?:A|An|The|One|Formerly|Headquartered|Based|Founded)\b).*$|\s+\(.*$"
)
_PRONOUNS = {
    "it",
    "the company",
    "the startup",
    "the firm",
    "the platform",
    "we",
    "they",
    "this",
    "that",
    "he",
    "she",
    "its",
    "you",
    "your company",
    "company",
    "together",
    "i",
    "our company",
}


# "rival Tabnine", "its competitor Tabnine": a company named as the story's rival. A name before the word
# ("Stripe rival Acme raises …") describes the news company itself and is not matched.
_EN_RIVAL = re.compile(r"(?:(?:its|their|a|one|another)\s+)?(?:rival|competitor|competing)s?\b", re.I)


def is_rival_subject(subject: str) -> bool:
    """Whether an English subject introduces the company as the story's rival: its round is context.

    >>> is_rival_subject("Days later, rival Tabnine"), is_rival_subject("Stripe rival Acme")
    (True, False)
    """
    if "ival" not in subject and "ompet" not in subject:
        return False  # the words the pattern needs (a failed lead-in strip costs ~6 µs)
    return _EN_RIVAL.match(_without_lead(subject.strip())) is not None


def clean_en(subject: str) -> tuple[str, tuple[str, ...]] | None:
    """The company named by an English subject phrase, and aliases given in parentheses.

    >>> clean_en("Stealthy email security startup Agari")
    ('Agari', ())
    >>> clean_en("SAN FRANCISCO, May 20, 2025 /PRNewswire/ -- Somite.ai (“Somite”), a startup")
    ('Somite.ai', ('Somite',))
    >>> clean_en("The company") is None
    True
    """
    head = EN_LIST_HEAD.match(subject.strip())
    s = subject.strip()[head.end() :] if head else subject
    s = _EN_DATELINE.sub("", _EN_WIRE.sub("", s.strip()))
    s = _EN_TRAIL.sub("", EN_SAID.sub("", _without_lead(_EN_DASHED.sub(" ", s))))
    aliases = tuple(a.strip("“”\"' ") for a in re.findall(r"\(([^)]{1,40})\)", s.split(",")[0]))
    described = bool(re.search(r",\s+(?:a|an)\s", s))  # "speachme, a new micro-learning platform,"
    s = _EN_APPOSITION.sub("", s).strip(" ,;:'\"“”‘’")
    s = _EN_PLACE_OF.sub("", _EN_BASED.sub("", s))
    for _ in range(2):  # "Fintech Nubank rival Neon": a description inside a description
        s = _EN_DESCRIPTOR.sub("", s) if _EN_DESCRIPTOR.match(s) and len(s.split()) > 1 else s
    s = re.sub(r"^(?:(?:[A-Z][a-z]+ )?(?:startup|company|firm)\s+)", "", s)
    s = s.strip(" ,;:'\"“”‘’")
    if not _plausible_en(s, lower_ok=described and " " not in s):
        return (head["name"].strip(), ()) if head else None  # "OpenAI, $6.6B, AI: The ChatGPT maker"
    if head and head["name"] != s and head["name"].lower().startswith(s.lower()):
        return head["name"], (s,)  # the header's full name, the sentence's short one as an alias
    return s, tuple(
        a for a in aliases if a and a != s and not a.lower().startswith(("the ", "nasdaq", "nyse"))
    )


def is_pronoun_subject(subject: str) -> bool:
    """Whether an English or Chinese subject only points back ("the company", "it", "该公司", "公司").

    >>> is_pronoun_subject("Today the company"), is_pronoun_subject("三个月前该公司"), is_pronoun_subject("Acme")
    (True, True, False)
    """
    low = _EN_TRAIL.sub("", EN_SAID.sub("", subject.strip())).lower()  # "The company previously"
    if re.search(r"(?:^|\s)(?:the (?:company|startup|firm|platform|business|group|team)|it)$", low):
        return True
    if subject.isascii():  # the Chinese pointers below cannot match
        return False
    if re.match(
        r"^(?:该|这家|此|其)(?:公司|团队|企业|初创公司|平台)", re.split(r"[，,]", subject.strip())[-1]
    ):
        return True
    return bool(
        re.search(
            r"(?:该|这家|其|本)?(?:公司|团队|企业|初创公司)(?:近日|日前|今日|刚刚|已|正式|宣布|早前|此前|曾经|曾|也|还)*$|其$",
            subject.strip(),
        )
    )


_DETERMINERS = {
    "The",
    "This",
    "That",
    "These",
    "Their",
    "Our",
    "Its",
    "His",
    "Her",
    "A",
    "An",
    "To",
    "Recent",
    "Newly",
}
_VC_FIRM = re.compile(r"\b(?:Fund|Ventures|Venture Partners|Capital Partners|Capital Management)$")


def is_vc_firm(name: str) -> bool:
    """Names of venture firms: their "raise" is a fund of their own, not a funding round (ROUNDS_SPEC.md)."""
    return bool(_VC_FIRM.search(name))


def plausible_en(name: str, lower_ok: bool = False) -> bool:
    """Whether an English phrase can be a company name (capitalised, short, not a pronoun or a title)."""
    return _plausible_en(name, lower_ok)


_CONTRACTION = re.compile(r"['’](?:ve|re|d|ll|m|s)$")


def _plausible_en(name: str, lower_ok: bool = False) -> bool:
    words0 = name.split()
    if words0 and words0[0] in _DETERMINERS and any(w[:1].islower() for w in words0[1:]):
        return False  # "The financing", "Their seed", "To qualify", "Our attorneys"
    if "," in name and not re.search(r",\s*(?:Inc|LLC|Ltd|Corp|Co|L\.?P|PLC|plc|GmbH|S\.A|N\.V)\b", name):
        return False  # "Lisa Rollins, UNCF Regional Development Director": a person and a title
    words = name.split()
    bare = re.sub(r"^(?:and|but|so|then|also)\s+", "", name.lower())
    if (
        not words
        or len(words) > 6
        or len(name) > 60
        or bare in _PRONOUNS
        or _CONTRACTION.sub("", bare.split()[0]) in {"he", "she", "you", "your", "i", "we", "they"}  # "We've"
    ):
        return False
    domain_like = (
        len(words) == 1
        and re.fullmatch(r"#?[a-z][\w-]*(?:\.[a-z]{2,6})+|#\w+|[a-z]+\d[\w]*", name) is not None
    )
    camel = re.fullmatch(r"[a-z]+[A-Z]\w*", name) is not None  # "inMediata", "eBay"
    if not (
        name[0].isupper()
        or name[0].isdigit()
        or (len(name) > 1 and name[1].isupper())
        or domain_like
        or camel
        or lower_ok
    ):
        return False
    return sum(w[0].islower() for w in words if w not in {"and", "of", "the", "for", "de", "&"}) <= 1


_TITLE_SKIP = {
    "how",
    "why",
    "what",
    "when",
    "where",
    "who",
    "the",
    "a",
    "an",
    "this",
    "exclusive",
    "breaking",
    "report",
}


def title_subject(title: str) -> str | None:
    """The company a headline is about, for resolving "the company" in its body; None when unclear.

    >>> title_subject("How MediShout plans to bring Amazon-like efficiency"), title_subject("「Glints」获融资")
    ('MediShout', 'Glints')
    """
    if quoted := QUOTED_NAME.search(title or ""):
        return quoted.group(1).strip()
    words = (title or "").split()
    while words and words[0].lower().strip(":") in _TITLE_SKIP:
        words = words[1:]
    name = []
    for w in words:
        if not (w[:1].isupper() or w[:1].isdigit()) or w.lower() in {
            "raises",
            "secures",
            "closes",
            "lands",
            "gets",
        }:
            break
        name.append(w)
    cand = " ".join(name).rstrip(",:;")
    return cand if name and len(name) <= 4 and _plausible_en(cand) else None
