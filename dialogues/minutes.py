"""The facts of a session's minutes (biên bản hội nghị đối thoại) as plain values, and the hook other apps use
to add theirs.

Dialogues imports no higher app: petitions adds the opinions raised as petitions (with the answers given at
the dialogue) by registering a provider in its ``AppConfig.ready()``. ``selectors.minutes_facts`` calls every
registered provider with the session and the viewer; a provider returns ``OpinionFact`` rows the viewer may see.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

# Where an opinion comes from.
PETITION = "petition"
ORAL = "oral"

# How an invited department took part (from its invitation's reply and recorded attendance).
ATTENDED = "attended"
DELEGATED = "delegated"
ABSENT = "absent"
NOT_RECORDED = "not_recorded"


@dataclass(frozen=True)
class Person:
    name: str
    title: str


@dataclass(frozen=True)
class DepartmentLine:
    department: str
    presence: str  # ATTENDED, DELEGATED, ABSENT or NOT_RECORDED
    presence_label: str
    representative_name: str  # the person invited (and present when ATTENDED)
    representative_title: str
    delegate_name: str  # who came in the representative's place (DELEGATED only)


@dataclass(frozen=True)
class GroupLine:
    group: str
    expected: int
    actual: int | None  # None: not recorded


@dataclass(frozen=True)
class AgendaLine:
    position: int
    title: str
    presenter_department: str
    presenter_name: str
    planned_minutes: int


@dataclass(frozen=True)
class AnswerFact:
    department: str
    text: str


@dataclass(frozen=True)
class OpinionFact:
    source: str  # PETITION or ORAL
    reference: str  # the petition's code; "" for an oral opinion
    speaker: str  # the submitting unit, or the speaker/unit named in the minutes — never a petitioner's name
    title: str
    text: str
    answers: tuple[AnswerFact, ...] = ()  # the answers given AT the session


@dataclass(frozen=True)
class RecommendationFact:
    number: int
    text: str
    addressed_to: str  # Addressee value
    addressee: str  # "Tỉnh ủy", "UBND tỉnh" or the department's name, ready to print
    department: str
    follow_up: str  # FollowUp value
    follow_up_label: str
    follow_up_on: date | None
    response_note: str
    is_published: bool


@dataclass
class MinutesFacts:
    """Everything a biên bản hội nghị đối thoại states, in the order it states it."""

    session_id: int
    title: str
    theme: str
    programme: str
    opened_at: datetime  # the real opening (the scheduled start when none was recorded)
    closed_at: datetime
    scheduled_start: datetime
    scheduled_end: datetime
    venue: str
    host_unit: str
    chair: Person
    secretary: Person
    departments: list[DepartmentLine] = field(default_factory=list)
    groups: list[GroupLine] = field(default_factory=list)
    agenda: list[AgendaLine] = field(default_factory=list)
    petition_opinions: list[OpinionFact] = field(default_factory=list)
    oral_opinions: list[OpinionFact] = field(default_factory=list)
    recommendations: list[RecommendationFact] = field(default_factory=list)
    other_notes: str = ""

    # Totals, each the sum of its rows.
    @property
    def departments_invited(self) -> int:
        return len(self.departments)

    def departments_with(self, presence: str) -> int:
        return sum(1 for line in self.departments if line.presence == presence)

    @property
    def expected_total(self) -> int:
        return sum(line.expected for line in self.groups)

    @property
    def actual_total(self) -> int:
        """Participants recorded as present (groups not recorded count nothing)."""
        return sum(line.actual or 0 for line in self.groups)

    @property
    def opinions(self) -> list[OpinionFact]:
        """Petitions first (by code), then the opinions raised orally (in the order entered)."""
        return [*self.petition_opinions, *self.oral_opinions]


# (session, viewer) -> the opinions that app holds for the session, as the viewer may see them
OpinionProvider = Callable[..., list[OpinionFact]]

_providers: dict[str, OpinionProvider] = {}


def register_opinion_provider(name: str, provider: OpinionProvider) -> None:
    """Add (or, under the same name, replace) a provider of opinions for the minutes."""
    _providers[name] = provider


def opinion_providers() -> list[OpinionProvider]:
    return list(_providers.values())
