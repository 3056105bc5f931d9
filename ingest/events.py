"""A round as one sentence states it (`Mention`), before mentions of one round are merged by `ingest.extract`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ingest.dates import Resolved, find_dates
from ingest.figures import Figure
from ingest.round_names import RoundName
from ingest.types import RoundStatus


@dataclass(slots=True)
class Mention:
    """A round as one sentence states it; merged with others of the same round by `ingest.extract`."""

    company: str | None
    aliases: tuple[str, ...]
    rounds: list[RoundName]
    figures: list[Figure]
    lead: list[str]
    others: list[str]
    dates: list[Resolved]
    status: RoundStatus
    history: bool
    evidence: str
    from_title: bool = False
    pronoun: bool = False
    first_person: bool = False  # "We have raised…": the company is the publisher (ingest.first_person)
    pos: int = 0
    part: int = 0  # n-th of several rounds told clause by clause ("A1轮由…；A2轮由…"); never merged together
    extra_evidence: list[str] = field(default_factory=list)


def sentence_dates(sentence: str, published: date | None) -> list[Resolved]:
    """The dates a sentence gives, resolved against the publication day."""
    return [r for _, r in find_dates(sentence, published)]
