"""Typed, immutable records passed between pipeline stages.

Every extracted value carries the character offsets (``start``, ``end``) of the text it came from,
as offsets into the document's original input text. spaCy ``Doc`` objects are produced by
:mod:`marsad.parse` and consumed by the extraction stages, but never leave the pipeline: what the
pipeline returns is made only of these records.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    field: Optional[str] = None  # "title" when the words are in the headline, offsets into the title

    def to_dict(self) -> dict:
        d = {"start": self.start, "end": self.end, "text": self.text}
        if self.field:
            d["field"] = self.field
        return d


def span_order(s: Span) -> tuple:
    """The order of an event's evidence spans: by start, the longer first where two start together (the
    sentence before the words inside it), whatever order a set gave them in."""
    return (s.start, -s.end, s.field or "", s.text)


@dataclass(frozen=True)
class InputDocument:
    """One document as read by :mod:`marsad.ingest`, before any analysis."""

    text: str
    doc_id: Optional[str] = None
    title: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    publication_date: Optional[str] = None  # YYYY-MM-DD
    date_origin: Optional[str] = None  # "metadata" | "argument" | "dateline" | None
    origin: Optional[str] = None  # file name (and line) the document came from
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class GazetteerEntry:
    """One place of the gazetteer (a city, an admin unit, a region, a country...)."""

    geonameid: object  # int for GeoNames, "source:id" str for other gazetteers
    name: str
    latitude: float
    longitude: float
    country_code: str  # ISO 3166-1 alpha-2
    feature_class: str  # GeoNames class: P populated place, A admin, L area, T terrain, S spot...
    feature_code: str  # GeoNames code: PPL, PPLC, ADM1, ADM2, PCLI, RGN, CMP...
    admin1: Optional[str] = None  # admin1 name
    admin2: Optional[str] = None  # admin2 name
    population: int = 0
    source: str = "geonames"


@dataclass(frozen=True)
class Place:
    """A toponym mention in the text and what it resolved to (None fields when declined)."""

    text: str
    start: int
    end: int
    name: Optional[str]
    geonameid: object
    latitude: Optional[float]
    longitude: Optional[float]
    country_code: Optional[str]
    country: Optional[str]
    admin1: Optional[str]
    admin2: Optional[str]
    feature_code: Optional[str]
    geo_precision: Optional[int]  # ACLED: 1 town, 2 part of region / near town, 3 region or province
    score: float
    is_demonym: bool = False  # "Turkish" -> Turkey

    def to_contract(self) -> dict:
        return {
            "text": self.text, "start": self.start, "end": self.end, "name": self.name,
            "geonameid": self.geonameid, "latitude": self.latitude, "longitude": self.longitude,
            "country_code": self.country_code, "admin1": self.admin1,
            "feature_code": self.feature_code, "score": round(self.score, 3),
        }


@dataclass(frozen=True)
class Actor:
    """A knowledge-base actor (a person, organisation, armed group, state actor or outlet)."""

    kb_id: str
    canonical: str  # "Emmanuel Macron", "Syrian Observatory for Human Rights"
    type: str  # person | organization | armed_group | state_actor | media
    acled_name: Optional[str] = None  # "Military Forces of Syria (2000-)"; for people: the body they act for
    inter: Optional[int] = None  # ACLED inter code 1-8
    country: Optional[str] = None  # ISO2 of the actor's state, if any
    aliases: tuple[str, ...] = ()
    represents: Optional[str] = None  # kb_id of the body a person speaks for (Macron -> gov of France)
    role: Optional[str] = None  # "President of France"
    source_note: Optional[str] = None


@dataclass(frozen=True)
class ActorMention:
    text: str
    start: int
    end: int
    actor: Actor
    score: float
    reason: str  # "exact alias", "fuzzy 0.91 + metaphone", "metonymy: capital of SY", ...


@dataclass(frozen=True)
class DateExpr:
    """A temporal expression resolved against the publication date (date None when unresolved)."""

    text: str
    start: int
    end: int
    date: Optional[str]  # YYYY-MM-DD, start of the span
    date_end: Optional[str]  # YYYY-MM-DD, only for spans
    precision: int  # ACLED time_precision: 1 day, 2 week/span, 3 month
    kind: str  # "point" | "span" | "duration" (a period like "in the past four days")


@dataclass(frozen=True)
class Quantity:
    """A parsed number expression: "more than 12" -> low 13, best 12, high None."""

    text: str
    start: int
    end: int
    best: int  # ACLED-conservative figure
    low: Optional[int]
    high: Optional[int]
    vague: bool = False  # "dozens", "scores"


@dataclass(frozen=True)
class Casualty:
    """People counted as killed/injured/... in one clause, with victim breakdown and scope."""

    category: str  # killed | injured | missing | abducted | arrested | displaced
    best: int
    low: Optional[int]
    high: Optional[int]
    start: int  # offsets of the whole count expression ("seven fighters and two civilians")
    end: int
    text: str
    trigger_start: Optional[int]  # offset of the verb/noun that says what happened ("killed")
    victims: dict = field(default_factory=dict)  # civilians/children/women/combatants -> int
    scope: str = "incident"  # incident | cumulative | background | aggregate
    period_text: Optional[str] = None  # "in the past four days"


@dataclass(frozen=True)
class Event:
    """One incident or interaction, with the contract's fields (see docs/output-contract.md)."""

    event_id: str
    event_date: Optional[str]
    event_date_end: Optional[str]
    time_precision: Optional[int]
    date_text: Optional[str]
    event_type: Optional[str]
    sub_event_type: Optional[str]
    plover_event: Optional[str]
    plover_mode: Optional[str]
    actor1: Optional[str]
    assoc_actor_1: Optional[str]
    inter1: Optional[int]
    actor2: Optional[str]
    assoc_actor_2: Optional[str]
    inter2: Optional[int]
    country: Optional[str]
    iso3: Optional[str]
    admin1: Optional[str]
    admin2: Optional[str]
    location: Optional[str]
    latitude: Optional[float]
    longitude: Optional[float]
    geo_precision: Optional[int]
    geonameid: object
    fatalities: int
    fatalities_low: Optional[int]
    fatalities_high: Optional[int]
    injuries: Optional[int]
    victims: dict
    modality: str
    source: Optional[str]
    notes: str
    evidence: tuple[Span, ...]


@dataclass(frozen=True)
class Toll:
    kind: str  # killed | injured | displaced | attacked | destroyed | other
    scope: str  # cumulative | background | aggregate
    count_low: Optional[int]
    count_high: Optional[int]
    period_start: Optional[str]
    period_end: Optional[str]
    location: Optional[str]
    latitude: Optional[float]
    longitude: Optional[float]
    source: Optional[str]
    evidence: tuple[Span, ...]


@dataclass(frozen=True)
class EntityRecord:
    canonical: str
    type: str
    kb_id: Optional[str]
    mentions: tuple[Span, ...]


@dataclass(frozen=True)
class DocumentResult:
    doc_id: str
    title: Optional[str]
    source: Optional[str]
    url: Optional[str]
    publication_date: Optional[str]
    language: str
    text: str
    events: tuple[Event, ...]
    tolls: tuple[Toll, ...]
    places: tuple[Place, ...]
    entities: tuple[EntityRecord, ...]
    warnings: tuple[str, ...]
    error: Optional[dict] = None  # {"code", "message"} when the document could not be processed
