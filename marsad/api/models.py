"""Typed request and response models of the REST API; the OpenAPI document is generated from them.

Field names follow the output contract (``../shared/docs/output-contract.md``): an incident is an
Event plus ``incident_id``, ``documents`` and ``reports``.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

MAX_TEXT_CHARS = 200_000  # the pipeline's own limit (marsad.pipeline.MAX_CHARS)
MAX_BATCH = 100


class Span(BaseModel):
    model_config = ConfigDict(extra="allow")
    start: int
    end: int
    text: str
    field: Optional[str] = None


class Victims(BaseModel):
    model_config = ConfigDict(extra="allow")
    civilians: Optional[int] = None
    children: Optional[int] = None
    women: Optional[int] = None
    combatants: Optional[int] = None


class Report(BaseModel):
    model_config = ConfigDict(extra="allow")
    doc_id: str
    event_id: Optional[str] = None
    publication_date: Optional[str] = None
    source: Optional[str] = None
    fatalities: Optional[int] = None
    fatalities_low: Optional[int] = None
    fatalities_high: Optional[int] = None
    evidence: Optional[list[Span]] = None


class ReportWithText(Report):
    title: Optional[str] = Field(None, description="the document's title (untrusted text)")
    url: Optional[str] = None
    outlet: Optional[str] = Field(None, description="the outlet the document came from")
    text: Optional[str] = Field(None, description="the document's text (untrusted); evidence offsets index it, "
                                                  "or the title when a span's field is 'title'")


class Figure(BaseModel):
    doc_id: str
    source: Optional[str] = None
    publication_date: Optional[str] = None
    fatalities: Optional[int] = None
    fatalities_low: Optional[int] = None
    fatalities_high: Optional[int] = None


class MapProperties(BaseModel):
    """What the map shows of an incident (and the start of every incident summary)."""
    incident_id: str
    event_date: Optional[str] = None
    event_type: Optional[str] = None
    sub_event_type: Optional[str] = None
    plover_event: Optional[str] = None
    actor1: Optional[str] = None
    actor2: Optional[str] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    location: Optional[str] = None
    fatalities: int = 0


class IncidentSummary(MapProperties):
    """A row of the incident list: what the map shows, plus place, figures and provenance."""
    iso3: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: Optional[int] = None
    fatalities_low: Optional[int] = None
    fatalities_high: Optional[int] = None
    modality: Optional[str] = None
    source: Optional[str] = None
    reports: int = Field(0, description="how many reports the incident has")


class Incident(BaseModel):
    """A stored incident: every Event field of the output contract plus its reports."""
    model_config = ConfigDict(extra="allow")
    incident_id: str
    event_id: Optional[str] = None
    event_date: Optional[str] = None
    event_date_end: Optional[str] = None
    time_precision: Optional[int] = None
    date_text: Optional[str] = None
    event_type: Optional[str] = None
    sub_event_type: Optional[str] = None
    plover_event: Optional[str] = None
    plover_mode: Optional[str] = None
    actor1: Optional[str] = None
    assoc_actor_1: Optional[str] = None
    inter1: Optional[int] = None
    actor2: Optional[str] = None
    assoc_actor_2: Optional[str] = None
    inter2: Optional[int] = None
    country: Optional[str] = None
    iso3: Optional[str] = None
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    location: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: Optional[int] = None
    geonameid: Optional[Union[int, str]] = None
    fatalities: int = 0
    fatalities_low: Optional[int] = None
    fatalities_high: Optional[int] = None
    injuries: Optional[int] = None
    victims: Optional[Victims] = None
    modality: Optional[str] = None
    source: Optional[str] = None
    notes: Optional[str] = None
    evidence: list[Span] = []
    documents: list[str] = []


class IncidentDetail(Incident):
    reports: list[ReportWithText] = []
    figures: list[Figure] = Field([], description="each report's figures side by side")
    revisions: list[Any] = Field([], description="earlier versions of the incident's figures, when merging revised it")


class IncidentPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[IncidentSummary]


class Toll(BaseModel):
    model_config = ConfigDict(extra="allow")
    toll_id: str
    doc_id: str
    title: Optional[str] = None
    publication_date: Optional[str] = None
    kind: Optional[str] = None
    scope: Optional[str] = None
    count_low: Optional[int] = None
    count_high: Optional[int] = None
    period_start: Optional[str] = None
    period_end: Optional[str] = None
    location: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    source: Optional[str] = None
    evidence: list[Span] = []


class TollPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[Toll]


class ActorRow(BaseModel):
    name: str
    incidents: int
    as_actor1: int
    as_actor2: int
    associated: int
    fatalities: int


class ActorPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ActorRow]


class PlaceRow(BaseModel):
    location: Optional[str] = None
    admin1: Optional[str] = None
    country: Optional[str] = None
    iso3: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: Optional[int] = None
    incidents: int
    fatalities: int


class PlacePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[PlaceRow]


class PointGeometry(BaseModel):
    type: Literal["Point"]
    coordinates: list[float] = Field(..., min_length=2, max_length=2, description="[longitude, latitude]")


class Feature(BaseModel):
    type: Literal["Feature"]
    id: str
    geometry: PointGeometry
    properties: MapProperties


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"]
    features: list[Feature]
    without_coordinates: int = Field(0, description="matching incidents left out for want of coordinates")


class TimelineBucket(BaseModel):
    period: str = Field(..., description="first day of the period, YYYY-MM-DD")
    event_type: str
    events: int
    fatalities: int


class Timeline(BaseModel):
    interval: Literal["day", "week", "month"]
    buckets: list[TimelineBucket]
    undated: int = Field(0, description="matching incidents without an event date")


class FacetCount(BaseModel):
    name: str
    incidents: int


class Facets(BaseModel):
    countries: list[FacetCount]
    event_types: list[FacetCount]
    first_date: Optional[str] = None
    last_date: Optional[str] = None
    incidents: int


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    store: str
    documents: int
    incidents: int


class DocumentIn(BaseModel):
    """One document to extract and store."""
    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., min_length=1, max_length=MAX_TEXT_CHARS)
    title: Optional[str] = Field(None, max_length=2_000)
    source: Optional[str] = Field(None, max_length=500, description="the outlet")
    url: Optional[str] = Field(None, max_length=4_000)
    publication_date: Optional[date] = Field(None, description="YYYY-MM-DD; resolves relative dates in the text")
    doc_id: Optional[str] = Field(None, min_length=1, max_length=200, pattern=r"^[A-Za-z0-9._:\-]+$")


class BatchIn(BaseModel):
    """Several documents, stored all together or not at all."""
    model_config = ConfigDict(extra="forbid")
    documents: list[DocumentIn] = Field(..., min_length=1, max_length=MAX_BATCH)


class DocumentOut(BaseModel):
    doc_id: str
    stored: bool = Field(..., description="false when the same text was already stored")
    events: int
    tolls: int
    event_ids: list[str]
    warnings: list[str]


class SubmitResult(BaseModel):
    added: int
    skipped: int
    documents: list[DocumentOut]


class Problem(BaseModel):
    detail: Union[str, list[Any]]


class TokenInfo(BaseModel):
    name: str
