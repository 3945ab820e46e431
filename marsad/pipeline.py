"""The extraction pipeline: InputDocument -> DocumentResult.

    ingest -> normalise -> parse (spaCy + entity ruler) -> places -> actors -> dates -> counts
           -> event triggers -> assemble events and tolls -> merge within the document

Resources (gazetteer, actor knowledge base, spaCy model) are loaded once per :class:`Pipeline`
and injected, so tests can pass small ones.
"""
from __future__ import annotations

import re

import logging
from dataclasses import replace
from datetime import date
from typing import Iterable, Iterator, Optional, Union

from marsad.ingest.language import detect_language, language_name
from marsad.ingest.furniture import blank_page_furniture
from marsad.ingest.normalize import doc_hash, normalize_for_parse
from marsad.ingest.readers import ReadFailure
from marsad.parse.doctext import doc_text
from marsad.records import DocumentResult, InputDocument

log = logging.getLogger(__name__)

MAX_CHARS = 200_000  # longer documents are cut (with a warning) to keep memory bounded


class Pipeline:
    def __init__(self, gazetteer=None, kb=None, nlp=None):
        from marsad.actors import ActorResolver, KnowledgeBase
        from marsad.parse import build_nlp
        from marsad.parse.restore import ShapeRestorer
        from marsad.places import Gazetteer, Geoparser

        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.open()
        self.kb = kb if kb is not None else KnowledgeBase.load()
        self.nlp = nlp if nlp is not None else build_nlp(self.gazetteer, self.kb)
        self.geoparser = Geoparser(self.gazetteer)
        self.resolver = ActorResolver(self.kb)
        self.restorer = ShapeRestorer(self.gazetteer, self.kb)

    # ------------------------------------------------------------------ public API
    def process(self, doc: InputDocument) -> DocumentResult:
        return next(iter(self.process_many([doc])))

    def process_text(self, text: str, publication_date: Optional[str] = None, doc_id: Optional[str] = None) -> DocumentResult:
        return self.process(InputDocument(text=text, publication_date=publication_date, doc_id=doc_id,
                                          date_origin="argument" if publication_date else None))

    def process_many(self, items: Iterable[Union[InputDocument, ReadFailure]], batch_size: int = 16) -> Iterator[DocumentResult]:
        """Process documents in input order; read failures pass through as error results."""
        batch: list = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    # ------------------------------------------------------------------ internals
    def _prepare(self, doc: InputDocument):
        """(document with id, text and publication date settled, warnings, dateline span or None)."""
        from marsad.ingest.dateline import find_bulletin_header, find_dateline

        warnings = list(doc.warnings)
        text = doc.text
        if len(text) > MAX_CHARS:
            warnings.append(f"text longer than {MAX_CHARS} characters; only the first {MAX_CHARS} were analysed")
            text = text[:MAX_CHARS]
        doc_id = doc.doc_id or doc_hash(text)
        pub = doc.publication_date
        found = find_dateline(text)
        bulletin = find_bulletin_header(text)
        if bulletin is not None and bulletin.source and not doc.source:
            # "SAN SALVADOR, 17 NOV 89 (RADIO CADENA YSU) --": the broadcaster is the document's source
            doc = replace(doc, source=bulletin.source)
        dateline = found[1] if found is not None else None
        if pub is None:
            if found is not None:
                d, span = found
                pub = d.isoformat()
                warnings.append(f"publication date {pub} taken from the dateline {span.text!r}")
                doc = replace(doc, date_origin="dateline")
            else:
                warnings.append("no publication date: relative dates left unresolved")
        return replace(doc, text=text, doc_id=doc_id, publication_date=pub), warnings, dateline, _headline(doc.title, text)

    def _run_batch(self, batch: list) -> Iterator[DocumentResult]:
        prepared: list = []
        for item in batch:
            if isinstance(item, ReadFailure):
                prepared.append(("fail", item, None))
                continue
            doc, warnings, dateline, head = self._prepare(item)
            lang = detect_language(doc.text)
            if lang not in ("en", "und"):
                warnings.append(f"language {language_name(lang)} ({lang}) is not supported: only English is analysed")
                prepared.append(("lang", doc, (warnings, lang)))
                continue
            prepared.append(("ok", doc, (warnings, dateline, head)))
        docs = []
        for kind, d, extra in prepared:
            if kind == "ok":
                # page furniture ("Related News", captions, share counters) is blanked, offsets unchanged
                clean, furniture = blank_page_furniture(normalize_for_parse(extra[2] + d.text))
                if furniture:
                    extra[0].append(f"page furniture blanked before analysis: {len(furniture)} span(s), "
                                    f"{sum(b - a for a, b in furniture)} characters")
                restored = self.restorer.restore(clean)
                sdoc = self.nlp.make_doc(restored.text)
                if restored.sent_starts:
                    sdoc.user_data["sent_starts"] = restored.sent_starts
                if restored.changes:
                    extra[0].append("text reshaped for parsing (offsets unchanged): " + "; ".join(restored.changes))
                docs.append(sdoc)
        parsed = iter(self.nlp.pipe(docs, batch_size=len(docs) or 1))
        for kind, doc, extra in prepared:
            if kind == "fail":
                yield DocumentResult(doc_id=doc.doc_id or doc.origin, title=None, source=None, url=None,
                                     publication_date=None, language="und", text="", events=(), tolls=(),
                                     places=(), entities=(), warnings=(),
                                     error={"code": doc.code, "message": doc.message, "origin": doc.origin})
                continue
            if kind == "lang":
                warnings, lang = extra
                yield self._empty(doc, warnings, lang)
                continue
            sdoc = next(parsed)
            try:
                yield self._analyse(doc, sdoc, *extra)
            except Exception as exc:  # one bad document never stops a batch; it is reported, not dropped
                log.exception("analysis failed for %s", doc.origin or doc.doc_id)
                yield DocumentResult(doc_id=doc.doc_id, title=doc.title, source=doc.source, url=doc.url,
                                     publication_date=doc.publication_date, language="en", text=doc.text,
                                     events=(), tolls=(), places=(), entities=(), warnings=tuple(extra[0]),
                                     error={"code": "analysis_failed", "message": f"{doc.origin or doc.doc_id}: "
                                            f"{exc.__class__.__name__}: {exc}"})

    def _empty(self, doc: InputDocument, warnings, lang) -> DocumentResult:
        return DocumentResult(doc_id=doc.doc_id, title=doc.title, source=doc.source, url=doc.url,
                              publication_date=doc.publication_date, language=lang, text=doc.text, events=(),
                              tolls=(), places=(), entities=(), warnings=tuple(warnings))

    def _analyse(self, doc: InputDocument, sdoc, warnings: list[str], dateline=None, head: str = "") -> DocumentResult:
        """Analyse ``head + doc.text`` (the headline, when the text does not open with it, then the
        text), and report every offset against the input: body offsets into ``doc.text``, headline
        offsets into the title with ``field="title"``."""
        from marsad.counts import find_casualties
        from marsad.counts.plausible import screen_casualties
        from marsad.events.assemble import assemble
        from marsad.events.triggers import find_triggers
        from marsad.merge import absorb_followups, merge_events
        from marsad.time import find_dates

        pub = date.fromisoformat(doc.publication_date) if doc.publication_date else None
        places = self.geoparser.geoparse(sdoc)
        mentions = self.resolver.resolve(sdoc, places, date=doc.publication_date)
        people = [(m.start, m.end) for m in mentions if m.actor.type == "person"]
        places = [p for p in places if not any(a < p.end and p.start < b for a, b in people)]
        dates = find_dates(sdoc, pub)
        if dateline is not None:
            # the dateline is when the story was filed, not when anything in it happened
            d0, d1 = dateline.start + len(head), dateline.end + len(head)
            dates = [d for d in dates if not (d.start < d1 and d0 < d.end)]
        stext = doc_text(sdoc)
        casualties, bad_figures = screen_casualties(find_casualties(sdoc), stext, len(head))
        warnings = list(warnings) + _invalid_date_warnings(stext, len(head)) + bad_figures
        triggers = find_triggers(sdoc)
        given = head + doc.text
        # text reshaped for the parser (true-cased capitals...) is what the later stages read too;
        # evidence spans are re-read from the input below
        text = stext if _reshaped(given, stext) else given
        events, tolls = assemble(doc_id=doc.doc_id, text=text, sdoc=sdoc, pub=pub, places=places,
                                 mentions=mentions, dates=dates, casualties=casualties, triggers=triggers,
                                 kb=self.kb, gazetteer=self.gazetteer)
        events = merge_events(absorb_followups(events, text))
        if text is not given:
            events = [replace(e, evidence=_retext(e.evidence, given)) for e in events]
            tolls = [replace(t, evidence=_retext(t.evidence, given)) for t in tolls]
        from marsad.events.assemble import write_notes
        events = [replace(e, notes=(write_notes(e) + " " + e.notes).strip()) for e in events]
        events = _main_event_first(events, sdoc, triggers)
        from marsad.actors.resolve import entities as actor_entities
        from marsad.records import EntityRecord, Span
        # mentions were found in the parser's normalised copy: report the input's own characters
        n = len(head)
        entities = [EntityRecord(e.canonical, e.type, e.kb_id,
                                 tuple(Span(m.start - n, m.end - n, doc.text[m.start - n:m.end - n])
                                       for m in e.mentions if m.start >= n))
                    for e in actor_entities(mentions)]
        entities = [e for e in entities if e.mentions]
        places = [replace(p, start=p.start - n, end=p.end - n, text=doc.text[p.start - n:p.end - n])
                  for p in places if p.start >= n]
        if n:
            events = [replace(e, evidence=_rebase(e.evidence, n)) for e in events]
            tolls = [replace(t, evidence=_rebase(t.evidence, n)) for t in tolls]
        place_entities = _place_entities(places)
        return DocumentResult(
            doc_id=doc.doc_id, title=doc.title, source=doc.source, url=doc.url,
            publication_date=doc.publication_date, language="en", text=doc.text,
            events=tuple(events), tolls=tuple(tolls),
            places=tuple(places), entities=tuple(entities) + place_entities,
            warnings=tuple(warnings))


def _invalid_date_warnings(text: str, n: int) -> list[str]:
    """Warnings for dates that do not exist ("31 February 2018"), with offsets into the input."""
    from marsad.time.resolve import invalid_dates
    out = []
    for s, e, words, why in invalid_dates(text):
        where = f"characters {s - n}-{e - n}" if s >= n else f"title characters {s}-{e}"
        out.append(f"invalid date: {words!r} ({where}) does not exist ({why}); the day is not used")
    return out


def _headline(title: Optional[str], text: str) -> str:
    """The headline to analyse ahead of the text ("title" + blank line), or "" when there is none or
    the text already opens with it: headlines carry the report's main figure ("Air raid kills 19")."""
    if not title or not title.strip():
        return ""
    title = _strip_site_name(title)
    key = " ".join(title.split())[:30].lower()
    if not key or key in " ".join(text[:400].split()).lower():
        return ""
    # a prefix of the title, of the same length, so headline offsets index the title as given
    return title.replace("\r", " ").replace("\n", " ") + "\n\n"


_SITE_TAIL = re.compile(r"\s+(?:\||-|–|—|::)\s+([^|\d\-–—:]{1,60})$")


def _strip_site_name(title: str) -> str:
    """ "Rocket attacks kill 30 in Aleppo | Jordan Times" -> the headline without the outlet's name
    (which would otherwise read as a place), repeatedly: "... NGO - Region - World - Ahram Online"."""
    for _ in range(4):
        m = _SITE_TAIL.search(title)
        if m is None or len(m.group(1).split()) > 4:
            break
        title = title[:m.start()]
    return title


def _reshaped(given: str, parsed: str) -> bool:
    """Did shape restoration (not just quote and dash normalisation) change the parsed copy?"""
    return parsed != normalize_for_parse(given)


def _retext(spans, given: str) -> tuple:
    """Spans found in the restored copy, with the input's own characters."""
    return tuple(replace(s, text=given[s.start:s.end]) for s in spans)


def _rebase(spans, n: int) -> tuple:
    """Spans of the analysed text (headline + blank line + text) -> offsets into the input."""
    from marsad.records import Span
    return tuple(Span(s.start - n, s.end - n, s.text) if s.start >= n else Span(s.start, s.end, s.text, "title")
                 for s in spans)


def _main_event_first(events, sdoc, triggers):
    """Order events with the document's main incident first (the most salient ACLED trigger, as
    judged over the whole text), then in text order: a reader, and ACLED's one-event-per-note
    convention, expect the lead event first."""
    from marsad.events.triggers import classify_text

    if len(events) < 2:
        return events
    main = classify_text(sdoc, triggers)
    if main is None:
        return events
    def covers(ev):
        return any(sp.start <= main.start < sp.end for sp in ev.evidence)
    for test in (lambda ev: covers(ev) and ev.sub_event_type == main.sub_event_type,
                 lambda ev: ev.sub_event_type == main.sub_event_type,
                 lambda ev: covers(ev) and ev.event_type):
        for i, ev in enumerate(events):
            if test(ev):
                return _main_clause_first([ev] + events[:i] + events[i + 1:], sdoc, triggers, main)
    return events


def _main_clause_first(events, sdoc, triggers, main):
    """A sentence reports its main verb's event first: "Red Cross officials suspended aid deliveries
    after two of their vehicles were hit by gunfire" is a suspension (PLOVER SANCTION) that the
    attack explains. When the lead incident sits in a subordinate clause of an event outside ACLED
    stated by the root verb of the same sentence, that event leads; the order of ACLED events among
    themselves is unchanged."""
    from marsad.events.plover import clause_lead

    tok = sdoc[main.token_i]
    root = tok.sent.root
    if tok.i == root.i:
        return events
    lead = [t for t in triggers if t.token_i == root.i and not t.event_type and t.plover_event]
    if not lead:
        # the event the main clause states through a support verb ("imposed a curfew after a
        # demonstration") or reports ("said they will release the hostages, whom they had taken")
        lead = [t for t in triggers if not t.event_type and t.plover_event and t.agent is not None
                and clause_lead(sdoc[t.token_i], tok)]
    if not lead:
        return events
    t0 = lead[0]
    for i, ev in enumerate(events):
        if not ev.event_type and ev.plover_event == t0.plover_event and any(
                sp.start <= t0.start < sp.end for sp in ev.evidence):
            return [ev] + events[:i] + events[i + 1:]
    return events


def _place_entities(places) -> tuple:
    from marsad.records import EntityRecord, Span

    groups: dict = {}
    for p in places:
        if p.geonameid is None or p.is_demonym:
            continue
        groups.setdefault(p.geonameid, (p.name, []))[1].append(Span(p.start, p.end, p.text))
    return tuple(EntityRecord(canonical=name, type="location", kb_id=f"geonames:{gid}" if isinstance(gid, int) else str(gid),
                              mentions=tuple(spans)) for gid, (name, spans) in groups.items())
