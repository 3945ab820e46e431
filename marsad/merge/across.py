"""Cross-document merging: reports of one incident from many documents become one incident.

The store calls these pure functions; nothing here touches a database.

* ``make_report(event, doc, ...)`` turns one event of one document (contract dicts) into a
  :class:`Report`, the typed record the matcher reads.
* ``compare(a, b)`` decides whether two reports *may* be one incident (blocking: same country, dates
  within a window, places that can be the same, compatible event families, different documents)
  and, if so, scores how strongly they agree (figures, shared evidence words, actors, sources).
* ``cluster(reports, links, splits)`` groups reports into incidents. It is deterministic and
  depends only on the *set* of reports, never on the order they arrived in, so ingesting the same
  documents in any order gives the same incidents.
* ``combine(reports, links)`` builds the incident record of the output contract: every report kept,
  the conservative figure over credible reports, the range of all of them, revisions when a later
  report raises the toll, and why each report was merged.

Principles (ACLED's codebook on multiple reports of one event): one incident is one place, one day
(or a short span), one kind of violence; conflicting tolls from different sources are coded at the
lowest credible figure, while a reporter's own later update of a toll ("the toll rose to 40")
supersedes its earlier count.
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, Optional, Sequence

from marsad.merge.wordtable import weight

# ----------------------------------------------------------------------------- records

Key = tuple[str, str]  # (doc_id, event_id)

# modality of a report that describes something that happened (not denied, planned or hypothetical)
_FACTUAL = {"asserted", "claimed", "alleged"}
# a report of one of these modalities is not credible enough to set the coded figure
_WEAK = {"alleged"}

# ACLED event types that can describe one incident differently: a shelling reported by another
# outlet as "clashes", an attack on civilians reported as an air strike
_FAMILY_COMPATIBLE = {
    frozenset({"Battles", "Explosions/Remote violence"}),
    frozenset({"Explosions/Remote violence", "Violence against civilians"}),
    frozenset({"Battles", "Violence against civilians"}),
}

# ACLED event types of incidents (violence and demonstrations); strategic developments (agreements,
# arrests, territory changes) are too loosely placed and dated to merge across documents
INCIDENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"}

SCORE_THRESHOLD = 4.0  # a pair of reports at or above this is linked (README "Merging across documents")
# shared words count by their rarity in English (``wordtable.weight``: 1.0 for a rare word), up to WORDS_CAP
EVIDENCE_WORD, LEAD_WORD, WORDS_CAP = 1.0, 1.0, 4.0
MIN_WORDS = 1.0
# ACLED sub-event types that are rare in any conflict (a chemical attack, a suicide bombing): two
# reports of one of them on the same days and place need no further shared word to be compared
RARE_SUB_EVENTS = {"Chemical weapon", "Suicide bomb", "Sexual violence"}  # the weight of distinctive words two reports must share
COHESION_SLACK = 1.0  # groups join when their reports agree on average within this of the threshold
MAX_KM = 60.0  # two precisely placed reports further apart than this are different incidents
DAY_TOLERANCE = 1  # reports of one incident are dated at most a day apart (time zones, "overnight")


@dataclass(frozen=True)
class Report:
    """One document's account of one event, as the matcher sees it."""
    doc_id: str
    event_id: str
    content_hash: str
    publication_date: Optional[str]
    outlet: Optional[str]  # the publishing outlet (document source)
    source: Optional[str]  # who the report cites inside the text
    event_date: Optional[str]
    event_date_end: Optional[str]
    time_precision: Optional[int]
    # day windows the event may fall in: the coded date, and when the text's own dateline disagrees
    # with the publication date it was resolved against, the days up to that dateline
    windows: tuple[tuple[str, str], ...]
    # days of the earlier incident the story refers back to when it names it by its weapon ("the
    # chemical attack", "an August 21 chemical weapons attack"): compared only with reports of the
    # same rare kind of attack (``reference_windows``)
    refs: tuple[tuple[str, str], ...]
    event_type: Optional[str]
    sub_event_type: Optional[str]
    plover_event: Optional[str]
    modality: Optional[str]
    iso3: Optional[str]
    country: Optional[str]
    admin1: Optional[str]
    location: Optional[str]
    latitude: Optional[float]
    longitude: Optional[float]
    geo_precision: Optional[int]
    geonameid: Optional[str]
    actor1: Optional[str]
    actor2: Optional[str]
    fatalities: int
    fatalities_low: Optional[int]
    fatalities_high: Optional[int]
    words: frozenset[str] = field(default_factory=frozenset)
    lead: frozenset[str] = field(default_factory=frozenset)  # content words of the story's headline and lead
    update: bool = False  # the report states an updated toll ("rose to", "climbed to", "revised")
    mergeable: bool = True
    why_not: Optional[str] = None  # why a report is never merged across documents

    @property
    def key(self) -> Key:
        return (self.doc_id, self.event_id)

    @property
    def order(self) -> tuple:
        """Earliest-published first; ties broken by ids (deterministic)."""
        return (self.publication_date or "9999-99-99", self.doc_id, self.event_id)

    @property
    def date_bounds(self) -> tuple[Optional[str], Optional[str]]:
        """The envelope of the report's date windows, widened by the tolerance (for blocking)."""
        if not self.windows:
            return None, None
        lo = min(w[0] for w in self.windows + self.refs)
        hi = max(w[1] for w in self.windows + self.refs)
        return _shift(lo, -DAY_TOLERANCE), _shift(hi, DAY_TOLERANCE)


@dataclass(frozen=True)
class Link:
    """Why two reports are taken as one incident."""
    a: Key
    b: Key
    score: float
    reasons: tuple[str, ...]

    @property
    def text(self) -> str:
        return f"score {self.score:.2f}: " + "; ".join(self.reasons)


# ----------------------------------------------------------------------------- building reports

_WORD = re.compile(r"[a-z][a-z'-]+|\d+")
# words every conflict report uses: they say nothing about which incident it is
_GENERIC = set("""
a an the and or of in on at to from by for with as is are was were be been has have had it its this that
these those their his her they he she we who which what when where while after before over under into
said says say told according reported report reports reportedly source sources monitor observatory news
agency people person killed kill kills killing dead death deaths died dies wounded injured injuring
wounding least more than dozens dozen scores several including among other others also about some
syria syrian syrias country war city province town village area areas part parts day days today
yesterday week weeks month months year years morning evening night overnight monday tuesday wednesday
thursday friday saturday sunday january february march april may june july august september october
november december one two three four five six seven eight nine ten hundred hundreds toll new
not no but all any there after them him our your
civilian civilians strike strikes air airstrike airstrikes raid raids attack attacks attacked regime rebel rebels
force forces army troops government opposition group groups military militant militants fighter fighters
terrorist terrorists human rights right held rebel-held opposition-held government-held bomb bombs bombing
shell shells shelling rocket rockets fire fired fighting clash clashes battle killed wounded targeted hit
jihadist jihadists islamic state daesh isis isil local media official officials state-run activists activist
citizens residents neighbourhood neighborhood district northern southern eastern western north south east
west central near outside inside monitoring group britain-based british-based uk-based date publication
published updated last jan feb mar apr jun jul aug sep oct nov dec afp reuters
""".split())
_UPDATE = re.compile(r"\b(?:toll\s+(?:has\s+)?(?:rose|risen|rises|rising|climbed|climbs|jumped|jumps|mounted|"
                     r"mounts|reached|reaches|increased|increases|went\s+up|hit|hits)|"
                     r"(?:rose|risen|rises|climbed|climbs|jumped|increased)\s+to|"
                     r"(?:updated|revised|new|latest)\s+(?:death\s+)?toll|in\s+an?\s+(?:updated|revised)\s+toll)\b",
                     re.I)


def content_words(texts: Iterable[str]) -> frozenset[str]:
    """Lower-case content words of the evidence, generic conflict-report words removed; a final
    plural -s is dropped so "strikes" and "strike" agree."""
    out = set()
    for t in texts:
        for w in _WORD.findall((t or "").lower()):
            w = w.strip("'-")
            if len(w) < 3 and not w.isdigit():
                continue
            if w.endswith("s") and len(w) > 4 and not w.endswith("ss"):
                w = w[:-1]
            if w in _GENERIC or w.rstrip("s") in _GENERIC:
                continue
            out.add(w)
    return frozenset(out)


LEAD_CHARS = 400  # a news story names its main incident in the headline and the first sentences


def lead_words(doc: dict, text: Optional[str]) -> frozenset[str]:
    """Content words of a story's headline and lead."""
    return content_words([doc.get("title") or "", (text or "")[:LEAD_CHARS]])


def make_report(event: dict, doc: dict, content_hash: str, dateline: Optional[str] = None,
                lead: frozenset = frozenset(), text: Optional[str] = None) -> Report:
    """The matcher's view of one event of one stored document.

    ``dateline``: the publication date the text itself states (``find_dateline``), when known. A
    metadata date that disagrees with it makes the event's date uncertain; the days from three
    before the dateline to the dateline are then a second window for the event.
    """
    pub = doc.get("publication_date")
    evidence = [e.get("text", "") for e in event.get("evidence") or []]
    windows = date_windows(event, pub, dateline, evidence)
    refs = reference_windows(event, pub, dateline, text) if windows else []
    ev_date = windows[0][0] if windows else event.get("event_date")
    why_not = _why_not_mergeable(event)
    return Report(
        doc_id=str(doc["doc_id"]), event_id=str(event["event_id"]), content_hash=content_hash,
        publication_date=pub, outlet=doc.get("source"), source=event.get("source"),
        event_date=ev_date, event_date_end=event.get("event_date_end") if ev_date == event.get("event_date") else None,
        time_precision=event.get("time_precision"), windows=tuple(windows), refs=tuple(refs),
        event_type=event.get("event_type"), sub_event_type=event.get("sub_event_type"),
        plover_event=event.get("plover_event"), modality=event.get("modality"),
        iso3=event.get("iso3"), country=event.get("country"), admin1=event.get("admin1"),
        location=event.get("location"), latitude=_float(event.get("latitude")),
        longitude=_float(event.get("longitude")), geo_precision=event.get("geo_precision"),
        geonameid=None if event.get("geonameid") is None else str(event.get("geonameid")),
        actor1=event.get("actor1"), actor2=event.get("actor2"),
        fatalities=int(event.get("fatalities") or 0), fatalities_low=event.get("fatalities_low"),
        fatalities_high=event.get("fatalities_high"), words=content_words(evidence), lead=frozenset(lead),
        update=any(_UPDATE.search(t or "") for t in evidence), mergeable=why_not is None, why_not=why_not)


RECAP_WINDOW = 3  # a story reports news of the day it is dated and of the few days before (ACLED: the event's date)
_SAYING = r"(?:said|says|told|announced|stated|reported|confirmed|added|accused|blamed|denied|condemned|warned|claimed)"


def date_windows(event: dict, pub: Optional[str], dateline: Optional[str], evidence: Sequence[str]) -> list[tuple[str, str]]:
    """The day windows an event may fall in, first the most likely.

    * A date the text states outright ("on August 21 2013") is the event's.
    * A relative date ("on Sunday", "yesterday") is relative to the day the story was written:
      when the text's own dateline contradicts the metadata date it was resolved against, it is
      resolved again against the dateline.
    * An event dated only by the story's own day (no date of its own), or by the day a source
      spoke ("Fabius said on Saturday that ... a chemical massacre"), happened on that day or in
      the few days before it (``RECAP_WINDOW``): the story reports it, the date is the report's.
    """
    ev_date = event.get("event_date")
    if not ev_date:
        return []
    ev_end = event.get("event_date_end") or ev_date
    dtext = event.get("date_text")
    story_day = pub
    if dateline and (not pub or abs(_days(dateline, pub)) > DAY_TOLERANCE):
        story_day = dateline
        if dtext:
            from marsad.time.resolve import resolve_expression
            again = resolve_expression(dtext, dateline)
            if again is not None and again.date:
                ev_date, ev_end = again.date, again.date_end or again.date
        elif ev_date == pub:
            ev_date = ev_end = dateline
    windows = [(ev_date, ev_end)]
    said = dtext and any(re.search(rf"\b{_SAYING}\s+{re.escape(dtext)}|{re.escape(dtext)}\s+{_SAYING}\b", t or "", re.I)
                         for t in evidence)
    if (not dtext or said) and story_day and ev_date >= _shift(story_day, -DAY_TOLERANCE):
        windows.append((_shift(ev_date, -RECAP_WINDOW), ev_end))
    return windows


# Weapons that name one incident of a rare kind ("the chemical attack", "the sarin attack on X"), by
# ACLED sub-event type. A story that names such an attack refers to one incident its readers know.
_WEAPON_ATTACK = {
    "Chemical weapon": re.compile(
        r"\b(?:chemical|gas|sarin|chlorine|toxic|poison(?:ous)?|nerve)(?:[- ](?:weapons?|gas|agent))?[- ]"
        r"(?:attacks?|massacres?|strikes?|bombings?|incident|assault)\b", re.I),
}
# a definite description: "the (suspected) chemical attack", "this week's gas attack", "Tuesday's sarin attack"
_DEFINITE = re.compile(r"\b(?:the|this|that|last\s+week's|this\s+week's|\w+day's)\s+(?:[\w-]+\s+){0,3}?$", re.I)
REFERENCE_DAYS = 14  # an attack a story names without a date happened at most this long before it
REFERENCE_DATED_DAYS = 31  # a date the story gives the attack it names is trusted up to this long before it
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# characters between a date told with an attack and its name: "an August 21 chemical attack", "the
# sarin attack on Khan Sheikhun on the 4th of April"
REFERENCE_BEFORE, REFERENCE_AFTER = 15, 45


def reference_windows(event: dict, pub: Optional[str], dateline: Optional[str],
                      text: Optional[str]) -> list[tuple[str, str]]:
    """The days of the earlier incident a report refers back to.

    Reaction and follow-up stories (a minister's statement, an inquiry, a retaliation) are dated
    by the day of the statement, yet the incident they tell of is an earlier one, which they name
    by its place and weapon: "an August 21 chemical weapons attack on the outskirts of Damascus",
    "the recent chemical attack in Khan Shaikhoun". For a report of a rare kind of attack
    (``_WEAPON_ATTACK``) whose own day is not a date the text states outright, each sentence of
    the story that names such an attack gives a window: the date it states for it (up to
    ``REFERENCE_DATED_DAYS`` before the story), or, when it names it with a definite description
    and no date, the ``REFERENCE_DAYS`` before the story. ACLED dates an event by when it
    happened, not when it was reported.
    """
    rx = _WEAPON_ATTACK.get(event.get("sub_event_type") or "")
    if rx is None or not text or not event.get("event_date"):
        return []
    dtext = event.get("date_text")
    from marsad.time.resolve import explicit_date_spans, find_dates
    if dtext and explicit_date_spans(dtext):
        return []  # the text dates the event itself
    story_day = dateline or pub
    if not story_day:
        return []
    oldest_dated, oldest = _shift(story_day, -REFERENCE_DATED_DAYS), _shift(story_day, -REFERENCE_DAYS)
    out: list[tuple[str, str]] = []
    for sent in _SENTENCE.split(text):
        mentions = list(rx.finditer(sent))
        if not mentions:
            continue
        dated = False
        for d in find_dates(sent, story_day):
            # the attack's own date is told with it ("an August 21 chemical attack", "the gas
            # attack on April 4"); a date further off, or a speaker's ("said on Monday"), is not
            near = any(m.start() - REFERENCE_BEFORE <= d.end <= m.start() or m.end() <= d.start <= m.end() + REFERENCE_AFTER
                       for m in mentions)
            spoken = re.search(rf"{_SAYING}\s*$", sent[max(0, d.start - 25):d.start], re.I) or \
                re.match(rf"\s*{_SAYING}\b", sent[d.end:d.end + 25], re.I)
            if not near or spoken:
                continue
            if d.date and d.precision is not None and d.precision <= 2 and oldest_dated <= d.date <= story_day:
                out.append((d.date, min(d.date_end or d.date, story_day)))
                dated = True
        if not dated and any(_DEFINITE.search(sent[max(0, m.start() - 60):m.start()]) for m in mentions):
            out.append((oldest, story_day))
    return sorted(set(out))


def _why_not_mergeable(ev: dict) -> Optional[str]:
    """A report too vague to identify one incident is never merged with another document's."""
    if not ev.get("event_type"):
        return "outside ACLED's scope"
    if ev.get("event_type") not in INCIDENT_TYPES:
        return f"{ev.get('event_type')} are developments, not incidents with a place, day and toll"
    if ev.get("modality") not in _FACTUAL:
        return f"modality {ev.get('modality')}"
    if not ev.get("event_date") or (ev.get("time_precision") or 1) > 2:
        return "no day or week"
    if not ev.get("iso3"):
        return "no country"
    year = str(ev.get("event_date"))[:4]
    texts = [e.get("text") or "" for e in ev.get("evidence") or [] if e.get("field") != "title"]
    if texts and any(_WAR_SUMMARY.search(t) for t in texts):
        # "hundreds of thousands have been killed in the war": the war's toll, not one incident's
        # (ACLED codes the events, not the war's toll)
        return "its evidence sums up the war"
    for e in ev.get("evidence") or []:
        earlier = [y for y in _YEAR.findall(e.get("text") or "") if y < year]
        if earlier:
            # "the war started with the repression of protests in 2011": the sentence tells of an
            # earlier period, and the event was dated by the report, not by what it tells
            return f"its evidence tells of an earlier year ({earlier[0]})"
    return None


# a toll over a whole war: "hundreds of thousands of civilians have been killed in the war", "the
# conflict has killed more than 320,000 people" (tens of thousands and more: no single incident's toll)
_WAR_SUMMARY = re.compile(
    r"(?=.*\b(?:war|conflict|uprising|revolution|crisis)\b)"
    r".*\b(?:hundreds\s+of\s+thousands|tens\s+of\s+thousands|\d{2,3}(?:,\d{3})+|\d{5,}|\d+\s+thousand)\b", re.I | re.S)
_YEAR = re.compile(r"\b((?:19[4-9]|20[0-4])\d)\b")


# ----------------------------------------------------------------------------- comparing two reports

def compare(a: Report, b: Report, within: bool = False) -> Optional[Link]:
    """The link between two reports when they may be one incident, else None.

    Blocking (all must hold): both mergeable, different documents, same country, date windows
    within a day of each other, places that can be the same (one within the other's admin unit,
    or precise places within ``MAX_KM``), compatible event families. The score then adds up what
    they agree on; the caller links pairs scoring at least ``SCORE_THRESHOLD``.

    ``within``: the two are compared inside an incident that other reports already join them to
    (``_cohesive``). Two reports of one rare kind of attack (``RARE_SUB_EVENTS``), one of them
    placed only in the country, then need not share three words: the few words they share lower
    their score (and the incident's average) instead of keeping them apart. A diplomatic story that
    places "the chemical attack" only in "Syria" shares few words with a wire report of the
    attack, yet other reports of the incident join the two.
    """
    if not (a.mergeable and b.mergeable) or a.doc_id == b.doc_id:
        return None
    if b.key < a.key:  # the same link and the same words whichever report comes first
        a, b = b, a
    if a.iso3 != b.iso3:
        return None
    day_gap, referred = _day_gap(a, b), False
    if (day_gap is None or day_gap > DAY_TOLERANCE) and (a.refs or b.refs) and a.sub_event_type == b.sub_event_type:
        # a story that refers back to an attack of this kind: its days are the attack's
        day_gap, referred = _day_gap(a, b, references=True), True
    if day_gap is None or day_gap > DAY_TOLERANCE:
        return None
    if a.event_type != b.event_type and frozenset({a.event_type, b.event_type}) not in _FAMILY_COMPATIBLE:
        return None
    place = _place(a, b)
    if place is None:
        return None
    score, reasons = place
    score, reasons = float(score), [reasons]
    if referred:
        score += 0.4
        reasons.append("the attack one story refers back to")
    elif day_gap == 0 and a.event_date == b.event_date:
        score += 1.0
        reasons.append(f"same day {a.event_date}")
    elif day_gap == 0:
        score += 0.6
        reasons.append("dates overlap")
    else:
        score += 0.4
        reasons.append("dates a day apart")
    if a.sub_event_type == b.sub_event_type:
        score += 1.0
        reasons.append(f"same sub-event type ({a.sub_event_type})")
    elif a.event_type == b.event_type:
        score += 0.5
        reasons.append(f"same event type ({a.event_type})")
    else:
        reasons.append(f"related event types ({a.event_type} / {b.event_type})")
    rare = a.sub_event_type == b.sub_event_type and a.sub_event_type in RARE_SUB_EVENTS
    s, r = _figures(a, b)
    score += s
    if r:
        reasons.append(r)
    s, r = _actors(a, b)
    score += s
    if r:
        reasons.append(r)
    # names of places and of who is cited say where and by whom, not which incident
    places = _place_words(a) | _place_words(b) | _source_words(a) | _source_words(b)
    shared = _distinctive((a.words & b.words) - places)
    if (a.admin1 is None or b.admin1 is None) and len(shared) + rare < 3:
        if not (within and rare):
            return None  # a report placed only in the country needs the words of the same story
    # the headline and lead name the story's main incident, which its other events often restate
    lead = _distinctive((a.lead & b.lead) - places - shared)
    words = sum(weight(w) for w in shared) * EVIDENCE_WORD + sum(weight(w) for w in lead) * LEAD_WORD
    if shared or lead:
        score += min(WORDS_CAP, words)
        if shared:
            reasons.append(f"{len(shared)} shared evidence word(s): {', '.join(sorted(shared, key=lambda w: (-weight(w), w))[:8])}")
        if lead:
            reasons.append(f"{len(lead)} shared headline/lead word(s): {', '.join(sorted(lead, key=lambda w: (-weight(w), w))[:8])}")
    if _agree_on_all(a, b):
        score += 1.0
        reasons.append("same town, day and toll")
    elif words < MIN_WORDS and not rare:
        return None  # nothing distinctive in common: two incidents of a kind, not one
    if a.source and b.source and set(a.source.split("; ")) & set(b.source.split("; ")):
        score += 0.3
        reasons.append(f"same cited source ({sorted(set(a.source.split('; ')) & set(b.source.split('; ')))[0]})")
    return Link(a.key, b.key, round(score, 3), tuple(reasons))


def _distinctive(words) -> set:
    """Shared words that can tell one incident from another: not a year, not a day of the month."""
    return {w for w in words if not (w.isdigit() and (len(w) <= 2 and int(w) <= 31 or
                                                      len(w) == 4 and w.startswith(("19", "20"))))}


def _agree_on_all(a: Report, b: Report) -> bool:
    """The same town, the same day and figures within a quarter of each other: together they tell
    one incident apart from others of its kind (short wire reports may share no other word)."""
    same_town = (a.geo_precision == 1 == b.geo_precision) and (
        (a.geonameid is not None and a.geonameid == b.geonameid) or _km(a, b) <= 5)
    figures = a.fatalities > 0 and b.fatalities > 0 and min(a.fatalities, b.fatalities) / max(a.fatalities, b.fatalities) >= 0.75
    return bool(same_town and a.event_date == b.event_date and figures)


def _source_words(r: Report) -> set:
    return set(content_words([r.source or "", r.outlet or ""]))


def _place_words(r: Report) -> set:
    return set(content_words([r.location or "", r.admin1 or "", r.country or ""])) | {
        w.rstrip("s") for w in content_words([r.location or "", r.admin1 or ""])}


def _place(a: Report, b: Report) -> Optional[tuple[float, str]]:
    if a.admin1 is None or b.admin1 is None:
        return 0.0, f"one placed only in the country ({a.location} / {b.location})"
    d = _km(a, b)
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return 1.2, f"same place ({a.location})"
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return None
    coarse = (a.geo_precision or 3) >= 3 or (b.geo_precision or 3) >= 3
    if d <= 5:
        return 1.0, f"same place ({a.location} / {b.location}, {d:.0f} km)"
    if d <= 25:
        return 0.7, f"nearby ({a.location} / {b.location}, {d:.0f} km)"
    if coarse and a.admin1 and a.admin1 == b.admin1:
        return 0.3, f"same admin unit ({a.admin1}: {a.location} / {b.location})"
    if d <= MAX_KM:
        return 0.2, f"near ({a.location} / {b.location}, {d:.0f} km)"
    return None


def _figures(a: Report, b: Report) -> tuple[float, Optional[str]]:
    fa, fb = a.fatalities, b.fatalities
    if fa > 0 and fb > 0:
        lo, hi = min(fa, fb), max(fa, fb)
        r = lo / hi
        if r >= 0.75:
            return 1.0, f"compatible figures ({fa} / {fb})"
        if r >= 0.4:
            return 0.5, f"close figures ({fa} / {fb})"
        later = a if a.order > b.order else b
        if r >= 0.2 or (later.update and later.fatalities == hi):
            return 0.0, f"figures {fa} / {fb} (a mounting toll)"
        return -1.0, f"different figures ({fa} / {fb})"
    if fa == 0 and fb == 0:
        return 0.2, "no deaths in either"
    return 0.0, None


def _actors(a: Report, b: Report) -> tuple[float, Optional[str]]:
    s, r = 0.0, []
    if a.actor1 and b.actor1:
        if a.actor1 == b.actor1 and not a.actor1.startswith("Unidentified"):
            s += 0.5
            r.append(f"same actor ({a.actor1})")
        elif a.actor1 != b.actor1 and not (a.actor1.startswith("Unidentified") or b.actor1.startswith("Unidentified")):
            # reporters blame different sides for one attack; a mild signal, never a veto
            s -= 0.3
            r.append(f"different actors ({a.actor1} / {b.actor1})")
    if a.actor2 and a.actor2 == b.actor2 and not a.actor2.startswith("Unidentified"):
        s += 0.3
        r.append(f"same target ({a.actor2})")
    return s, ("; ".join(r) or None)


# ----------------------------------------------------------------------------- clustering

def links_among(reports: Sequence[Report], candidates: Optional[Iterable[tuple[Key, Key]]] = None) -> list[Link]:
    """Every link at or above the threshold among ``reports`` (all pairs, or the given candidates)."""
    by_key = {r.key: r for r in reports}
    pairs = candidates if candidates is not None else (
        (x, y) for i, x in enumerate(sorted(by_key)) for y in sorted(by_key)[i + 1:])
    out = []
    for x, y in pairs:
        lk = compare(by_key[x], by_key[y])
        if lk is not None and lk.score >= SCORE_THRESHOLD:
            out.append(lk)
    return out


def cluster(reports: Sequence[Report], links: Iterable[Link],
            splits: Iterable[tuple[Key, Key]] = ()) -> list[list[Report]]:
    """Group reports into incidents.

    Links are taken strongest first (ties by keys); two groups join when no document would then
    give two reports of the incident (a document's own events were already merged within it), no
    recorded split (``marsad events unmerge``) separates them, and every pair across the two
    groups passes the blocking rules (so a chain of look-alike reports cannot stretch an incident
    over many days or places). The result depends only on the set of reports and splits.
    """
    by_key = {r.key: r for r in reports}
    parent = {k: k for k in by_key}
    members = {k: [k] for k in by_key}
    forbidden = {(min(x, y), max(x, y)) for x, y in splits}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for lk in sorted(links, key=lambda l: (-l.score, l.a, l.b)):
        if lk.a not in by_key or lk.b not in by_key:
            continue
        ra, rb = find(lk.a), find(lk.b)
        if ra == rb:
            continue
        ma, mb = members[ra], members[rb]
        if {k[0] for k in ma} & {k[0] for k in mb}:
            continue
        if any((min(x, y), max(x, y)) in forbidden for x in ma for y in mb):
            continue
        if not _cohesive(ma, mb, by_key):
            continue
        root, other = (ra, rb) if ra < rb else (rb, ra)
        parent[other] = root
        members[root] = sorted(members[root] + members.pop(other))
    groups = [sorted((by_key[k] for k in m), key=lambda r: r.order) for m in members.values()]
    return sorted(groups, key=lambda g: g[0].order)


def _cohesive(ma: Sequence[Key], mb: Sequence[Key], by_key: dict) -> bool:
    """Every report of one group may be the same incident as every report of the other (blocking),
    and on average they agree nearly as strongly as a link requires (no chains of look-alikes)."""
    total, n = 0.0, 0
    for x in ma:
        for y in mb:
            lk = compare(by_key[x], by_key[y], within=True)
            if lk is None:
                return False
            total += lk.score
            n += 1
    return total / n >= SCORE_THRESHOLD - COHESION_SLACK


def incident_id(group: Sequence[Report]) -> str:
    """Canonical id from the earliest-published report; a single report keeps the id it had
    before cross-document merging existed (hash of its document's text and its event id)."""
    first = min(group, key=lambda r: r.order)
    return hashlib.sha256(f"{first.content_hash}|{first.event_id}".encode()).hexdigest()[:16]


# ----------------------------------------------------------------------------- the incident record

def combine(group: Sequence[Report], events: dict, links: Iterable[Link] = ()) -> dict:
    """The stored incident for a group of reports (``events``: key -> the report's event dict).

    Field values come from the best-placed report (most precise place, then a stated day, then
    earliest published); ``fatalities`` is the conservative figure over credible reports, with a
    reporter's later update superseding its earlier, lower count; ``fatalities_low``/``_high``
    cover every report; ``revisions`` lists each later report that raised the toll.
    """
    group = sorted(group, key=lambda r: r.order)
    best = min(group, key=lambda r: ((r.geo_precision or 3), (r.time_precision or 3), r.order))
    record = dict(events[best.key])
    record["incident_id"] = incident_id(group)
    record["documents"] = list(dict.fromkeys(r.doc_id for r in group))
    why = _why_merged(group, links)
    record["reports"] = [_report_entry(r, events[r.key], why.get(r.key)) for r in group]
    if len(group) > 1:
        fat, low, high, revisions = _figures_over(group)
        record.update(fatalities=fat, fatalities_low=low, fatalities_high=high)
        record["revisions"] = revisions
        dates = sorted(r.event_date for r in group if r.event_date)
        record["event_date"] = events[best.key].get("event_date") or (dates[0] if dates else None)
        srcs = list(dict.fromkeys(s for r in group for s in (r.source or "").split("; ") if s))
        if srcs:
            record["source"] = "; ".join(srcs)
    else:
        record["revisions"] = []
    return record


def _report_entry(r: Report, ev: dict, why: Optional[str]) -> dict:
    return {"doc_id": r.doc_id, "event_id": r.event_id, "publication_date": r.publication_date,
            "source": r.source or r.outlet, "outlet": r.outlet, "fatalities": ev.get("fatalities"),
            "fatalities_low": ev.get("fatalities_low"), "fatalities_high": ev.get("fatalities_high"),
            "evidence": ev.get("evidence"), "merged_because": why,
            "not_merged_because": r.why_not}


def _why_merged(group: Sequence[Report], links: Iterable[Link]) -> dict:
    """For each report after the first, the strongest link to an earlier-published member."""
    keys = {r.key for r in group}
    order = {r.key: r.order for r in group}
    best: dict = {}
    for lk in links:
        if lk.a not in keys or lk.b not in keys:
            continue
        later, earlier = (lk.a, lk.b) if order[lk.a] > order[lk.b] else (lk.b, lk.a)
        cur = best.get(later)
        if cur is None or (lk.score, earlier) > (cur[0], cur[1]):
            best[later] = (lk.score, earlier, lk)
    out = {}
    for k, (score, earlier, lk) in best.items():
        out[k] = f"matches {earlier[0]}#{earlier[1]}, {lk.text}"
    return out


def _figures_over(group: Sequence[Report]) -> tuple[int, Optional[int], Optional[int], list[dict]]:
    """(coded fatalities, low, high, revisions) over the reports of one incident."""
    with_fig = [r for r in group if r.fatalities > 0 or (r.fatalities_low or 0) > 0]
    lows = [r.fatalities_low if r.fatalities_low is not None else r.fatalities for r in with_fig]
    highs = [r.fatalities_high if r.fatalities_high is not None else r.fatalities for r in with_fig]
    if not with_fig:
        return 0, None, None, []
    revisions, top = [], None
    current: list[Report] = []  # credible figures not superseded by a later update
    for r in sorted(with_fig, key=lambda r: r.order):
        if top is not None and r.fatalities > top.fatalities and (r.publication_date or "") > (top.publication_date or ""):
            revisions.append({"publication_date": r.publication_date, "doc_id": r.doc_id, "event_id": r.event_id,
                              "source": r.source or r.outlet, "from": top.fatalities, "to": r.fatalities,
                              "stated_as_update": r.update})
        if r.update:
            current = [c for c in current if c.fatalities >= r.fatalities or
                       (c.publication_date or "") >= (r.publication_date or "")]
        if r.modality not in _WEAK:
            current.append(r)
        if top is None or r.fatalities > top.fatalities:
            top = r
    coded = min((c.fatalities for c in current), default=min(r.fatalities for r in with_fig))
    return coded, min(lows + [coded]), max(highs + [coded]), revisions


# ----------------------------------------------------------------------------- helpers

def _float(x) -> Optional[float]:
    try:
        return None if x is None else float(x)
    except (TypeError, ValueError):
        return None


def _days(x: str, y: str) -> int:
    return (date.fromisoformat(x) - date.fromisoformat(y)).days


def _shift(x: str, n: int) -> str:
    return (date.fromisoformat(x) + timedelta(days=n)).isoformat()


def _day_gap(a: Report, b: Report, references: bool = False) -> Optional[int]:
    """Days between the closest of the two reports' date windows (0 when they overlap); with
    ``references``, the days of the incidents they refer back to count too."""
    best = None
    for a0, a1 in a.windows + (a.refs if references else ()):
        for b0, b1 in b.windows + (b.refs if references else ()):
            gap = max(0, _days(b0, a1), _days(a0, b1))
            best = gap if best is None else min(best, gap)
    return best


def _km(a: Report, b: Report) -> float:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def report_to_dict(r: Report) -> dict:
    """A JSON-ready form of a report (the store keeps it beside the blocking keys)."""
    from dataclasses import asdict
    d = asdict(r)
    d["words"] = sorted(r.words)
    d["lead"] = sorted(r.lead)
    d["windows"] = [list(w) for w in r.windows]
    d["refs"] = [list(w) for w in r.refs]
    return d


def report_from_dict(d: dict) -> Report:
    d = dict(d)
    d["words"] = frozenset(d.get("words") or ())
    d["lead"] = frozenset(d.get("lead") or ())
    d["windows"] = tuple(tuple(w) for w in d.get("windows") or ())
    d["refs"] = tuple(tuple(w) for w in d.get("refs") or ())
    return Report(**d)
