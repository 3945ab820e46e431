"""The REST API and the dashboard, in one FastAPI application (``marsad serve``).

A thin surface: queries are :mod:`marsad.store.query` over the store, extraction is the
:class:`~marsad.pipeline.Pipeline`, storage is the store's atomic ``add_documents``. Every write needs a
bearer token (``marsad token create``); reads need none unless the server is started with
``--read-token``. Bad input gets a 4xx naming the problem, and a rejected submission writes nothing.
"""
from __future__ import annotations

import logging
import math
import re
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Literal, Optional, Union

from fastapi import Body, Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles

from marsad import __version__
from marsad.api import models as m
from marsad.api.limits import BodySizeLimit, RateLimiter, SecurityHeaders, retry_after
from marsad.api.tokens import TokenStore
from marsad.errors import MarsadError, StoreError
from marsad.store import query as q
from marsad.store.base import FAILED, Filters

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
MAX_UPLOAD_DOCUMENTS = 1_000


@dataclass
class Settings:
    db: Union[str, Path]
    token_path: Optional[Path] = None
    max_body_bytes: int = 10_000_000
    write_per_minute: float = 30.0  # per token
    read_per_minute: float = 1_200.0  # per token, or per client address when reads are open
    read_token: bool = False  # reads need a token too
    cors_origins: tuple[str, ...] = ()  # none: no cross-origin access at all
    store_factory: Optional[Callable] = field(default=None, repr=False)
    pipeline_factory: Optional[Callable] = field(default=None, repr=False)


ERRORS_READ = {422: {"model": m.Problem, "description": "a parameter is malformed"},
               429: {"model": m.Problem, "description": "too many requests; see Retry-After"},
               503: {"model": m.Problem, "description": "the store cannot be read"}}
ERRORS_WRITE = {401: {"model": m.Problem, "description": "no valid bearer token"},
                409: {"model": m.Problem, "description": "a document id is already stored for a different text"},
                413: {"model": m.Problem, "description": "the request body is too large"},
                **ERRORS_READ}


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(title="marsad", version=__version__,
                  description="Conflict events extracted from news text: ACLED-compatible, geocoded, "
                              "with the evidence span each figure came from.",
                  docs_url=None, redoc_url=None)  # the bundled docs pages load scripts from a CDN
    tokens = TokenStore(settings.token_path)
    writes = RateLimiter(settings.write_per_minute)
    reads = RateLimiter(settings.read_per_minute)
    cache = q.SnapshotCache()
    pipe_lock = threading.Lock()
    pipe_holder: dict = {}

    local = threading.local()

    @contextmanager
    def open_store():
        """The store for this worker thread: opened (and migrated) once per thread and kept, so a
        request costs no connection set-up; a store that failed is dropped and reopened next time."""
        store = getattr(local, "store", None)
        if store is None:
            if settings.store_factory is not None:
                store = settings.store_factory()
            else:
                from marsad.store import open_store as open_target
                store = open_target(str(settings.db))
            local.store = store
        try:
            yield store
        except StoreError:
            local.store = None
            store.close()
            raise

    def pipeline():
        if "p" not in pipe_holder:
            if settings.pipeline_factory is not None:
                pipe_holder["p"] = settings.pipeline_factory()
            else:
                from marsad.pipeline import Pipeline
                pipe_holder["p"] = Pipeline()
        return pipe_holder["p"]

    bearer = HTTPBearer(auto_error=False, description="a token made by `marsad token create NAME`")

    def _check_token(creds: Optional[HTTPAuthorizationCredentials]) -> str:
        if creds is None:
            raise HTTPException(401, "this request needs a bearer token: create one with `marsad token create NAME` "
                                     "and send the header 'Authorization: Bearer TOKEN'",
                                headers={"WWW-Authenticate": "Bearer"})
        name = tokens.verify(creds.credentials)
        if name is None:
            raise HTTPException(401, "the bearer token is not valid (unknown or revoked)",
                                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
        return name

    def _limit(limiter: RateLimiter, key: str):
        wait = limiter.hit(key)
        if wait:
            raise HTTPException(429, f"rate limit exceeded; retry in {retry_after(wait)} s",
                                headers={"Retry-After": retry_after(wait)})

    def writer(creds: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> str:
        name = _check_token(creds)
        _limit(writes, "token:" + name)
        return name

    def reader(request: Request, creds: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> str:
        if settings.read_token:
            key = "token:" + _check_token(creds)
        else:
            key = "addr:" + (request.client.host if request.client else "?")
        _limit(reads, key)
        return key

    def snapshot(store) -> q.Snapshot:
        return cache.get(store)

    # ------------------------------------------------------------------ errors
    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        return JSONResponse({"detail": f"the store cannot be read or written: {exc.message}"}, status_code=503)

    @app.exception_handler(MarsadError)
    async def marsad_error(request: Request, exc: MarsadError):
        return JSONResponse({"detail": exc.message}, status_code=422)

    # ------------------------------------------------------------------ filters
    def filters(country: Optional[str] = Query(None, max_length=200, description="country name or ISO3 code"),
                admin1: Optional[str] = Query(None, max_length=200, description="first-level region"),
                type: Optional[str] = Query(None, max_length=200, description="ACLED event type, sub-event type or PLOVER class"),
                sub_event_type: Optional[str] = Query(None, max_length=200),
                actor: Optional[str] = Query(None, max_length=200, description="part of actor1's or actor2's name"),
                since: Optional[date] = Query(None, description="first event date, YYYY-MM-DD"),
                until: Optional[date] = Query(None, description="last event date, YYYY-MM-DD"),
                min_fatalities: Optional[int] = Query(None, ge=0, le=10**9),
                bbox: Optional[str] = Query(None, max_length=200, pattern=r"^[-+0-9.eE]+(,[-+0-9.eE]+){3}$",
                                            description="west,south,east,north in degrees"),
                acled_only: bool = Query(False, description="only events within ACLED's scope")) -> Filters:
        if since and until and since > until:
            raise HTTPException(422, f"since ({since}) is after until ({until})")
        box = None
        if bbox:
            try:
                box = tuple(float(x) for x in bbox.split(","))
            except ValueError:
                raise HTTPException(422, f"bbox {bbox!r}: give four numbers west,south,east,north")
            w, s_, e, n = box
            if not all(math.isfinite(x) for x in box) or not (-180 <= w <= 180 and -180 <= e <= 180
                                                            and -90 <= s_ <= n <= 90):
                raise HTTPException(422, f"bbox {bbox!r}: longitudes within ±180, latitudes within ±90, south <= north")
        return Filters(country=country or None, admin1=admin1 or None, event_type=type or None,
                       sub_event_type=sub_event_type or None, actor=actor or None,
                       since=since.isoformat() if since else None, until=until.isoformat() if until else None,
                       bbox=box, min_fatalities=min_fatalities, acled_only=acled_only)

    Limit = Query(100, ge=1, le=1000, description="page size")
    Offset = Query(0, ge=0, le=10**9)

    # ------------------------------------------------------------------ reading
    @app.get("/health", response_model=m.Health, tags=["service"], responses={503: ERRORS_READ[503]})
    def health():
        with open_store() as store:
            c = store.counts()
        return {"status": "ok", "version": __version__, "store": getattr(store, "dialect", type(store).__name__),
                "documents": c["documents"], "incidents": c["incidents"]}

    @app.get("/api/incidents", response_model=m.IncidentPage, tags=["incidents"], responses=ERRORS_READ)
    def incidents(f: Filters = Depends(filters), limit: int = Limit, offset: int = Offset,
                  sort: Literal["date_desc", "date_asc", "fatalities_desc"] = "date_desc", _=Depends(reader)):
        """Incidents matching the filters (the CLI's, plus actor and minimum fatalities), a page at a time."""
        with open_store() as store:
            rows = snapshot(store).select(f)
        if sort == "date_asc":
            rows = rows[::-1]
        elif sort == "fatalities_desc":
            rows = sorted(rows, key=lambda i: -int(i.get("fatalities") or 0))
        return {"total": len(rows), "limit": limit, "offset": offset,
                "items": [q.summary(i) for i in rows[offset:offset + limit]]}

    @app.get("/api/incidents/{incident_id}", response_model=m.IncidentDetail, tags=["incidents"],
             responses={404: {"model": m.Problem, "description": "no such incident"}, **ERRORS_READ})
    def incident(incident_id: str, _=Depends(reader)):
        """One incident with every report: the report's text, its evidence spans and its figures."""
        with open_store() as store:
            inc = snapshot(store).by_id.get(incident_id) or store.incident(incident_id)
            if inc is None:
                raise HTTPException(404, f"no incident {incident_id!r}")
            return q.incident_detail(store, inc)

    @app.get("/api/geojson", response_model=m.FeatureCollection, tags=["incidents"], responses=ERRORS_READ)
    def geojson(f: Filters = Depends(filters), _=Depends(reader)):
        """Matching incidents as GeoJSON points ([longitude, latitude]) with their summary as properties."""
        with open_store() as store:
            # the model documents the shape; the dict is built to it, so skip re-validating thousands of
            # features, and keep the encoded answer while the store is unchanged
            snap = snapshot(store)
            body = snap.cached(("geojson", f), lambda: JSONResponse(q.geojson(snap.select(f))).body)
        return Response(body, media_type="application/json")

    @app.get("/api/timeline", response_model=m.Timeline, tags=["aggregates"], responses=ERRORS_READ)
    def timeline(f: Filters = Depends(filters), interval: Literal["day", "week", "month", "auto"] = "day",
                 _=Depends(reader)):
        """Events and fatalities by day, ISO week (dated by its Monday) or month, and event type; ``auto``
        takes weeks up to two years of events and months beyond (the answer says which)."""
        with open_store() as store:
            snap = snapshot(store)
            return snap.cached(("timeline", f, interval), lambda: q.timeline(snap.select(f), interval))

    @app.get("/api/facets", response_model=m.Facets, tags=["aggregates"], responses=ERRORS_READ)
    def facets(f: Filters = Depends(filters), _=Depends(reader)):
        """Countries, event types and the date range of the matching incidents (for filter menus)."""
        with open_store() as store:
            snap = snapshot(store)
            return snap.cached(("facets", f), lambda: q.facets(snap.select(f)))

    @app.get("/api/actors", response_model=m.ActorPage, tags=["aggregates"], responses=ERRORS_READ)
    def actors(f: Filters = Depends(filters), limit: int = Limit, offset: int = Offset, _=Depends(reader)):
        """Actors of the matching incidents, most active first."""
        with open_store() as store:
            snap = snapshot(store)
            return q.page(snap.cached(("actors", f), lambda: q.actors(snap.select(f))), limit, offset)

    @app.get("/api/places", response_model=m.PlacePage, tags=["aggregates"], responses=ERRORS_READ)
    def places(f: Filters = Depends(filters), limit: int = Limit, offset: int = Offset, _=Depends(reader)):
        """Locations of the matching incidents, with coordinates, most incidents first."""
        with open_store() as store:
            snap = snapshot(store)
            return q.page(snap.cached(("places", f), lambda: q.places(snap.select(f))), limit, offset)

    @app.get("/api/tolls", response_model=m.TollPage, tags=["incidents"], responses=ERRORS_READ)
    def tolls(since: Optional[date] = Query(None), until: Optional[date] = Query(None),
              kind: Optional[str] = Query(None, max_length=50, description="killed, injured, displaced, ..."),
              scope: Optional[str] = Query(None, max_length=50, description="cumulative, background or aggregate"),
              limit: int = Limit, offset: int = Offset, _=Depends(reader)):
        """Running totals, whole-war and aggregate figures: kept apart from incidents, never added to them."""
        if since and until and since > until:
            raise HTTPException(422, f"since ({since}) is after until ({until})")
        with open_store() as store:
            rows = q.select_tolls(snapshot(store).with_tolls(store), since=since and since.isoformat(),
                                  until=until and until.isoformat(), kind=kind, scope=scope)
        return q.page(rows, limit, offset)

    # ------------------------------------------------------------------ writing
    def _extract_and_store(docs) -> dict:
        """Run the pipeline over InputDocuments or read failures; store all or nothing."""
        from marsad.ingest.readers import ReadFailure
        from marsad.output.contract import document_to_dict
        for n, d in enumerate(docs, 1):
            if isinstance(d, ReadFailure):
                raise HTTPException(422, f"document {n}: {d.message}; nothing was stored")
        with pipe_lock:
            results = list(pipeline().process_many(docs))
        items = []
        for n, res in enumerate(results, 1):
            d = document_to_dict(res)
            if res.error is not None:
                raise HTTPException(422, f"document {n} ({d.get('doc_id')}): {res.error.get('message')}; "
                                         "nothing was stored")
            items.append((d, res.text, "api"))
        with open_store() as store:
            failed = []
            try:
                with store.transaction():  # the store's per-document savepoints nest inside: all or nothing
                    outcomes = store.add_documents(items)
                    failed = [o for o in outcomes if o.status == FAILED]
                    if failed:
                        raise _Rollback()
            except _Rollback:
                raise HTTPException(409, f"{failed[0].message}; nothing was stored")
        added = [o.status == "added" for o in outcomes]
        out = []
        for (d, text, _), was_added in zip(items, added):
            out.append({"doc_id": d["doc_id"], "stored": was_added, "events": len(d.get("events") or []),
                        "tolls": len(d.get("tolls") or []), "warnings": list(d.get("warnings") or []),
                        "event_ids": [ev["event_id"] for ev in d.get("events") or []]})
        return {"added": sum(added), "skipped": len(added) - sum(added), "documents": out}

    @app.post("/api/documents", response_model=m.SubmitResult, tags=["documents"], responses=ERRORS_WRITE)
    def submit(body: Union[m.BatchIn, m.DocumentIn] = Body(..., description="one document, or {'documents': [...]}"),
               _=Depends(writer)):
        """Extract events from one document or a batch and store them: all of them, or none on any error.
        A text already stored is skipped (``stored: false``)."""
        from marsad.ingest.normalize import repair_text
        from marsad.records import InputDocument
        docs = body.documents if isinstance(body, m.BatchIn) else [body]
        inputs = []
        for d in docs:
            text, warnings = repair_text(d.text)
            if not text.strip():
                raise HTTPException(422, "a document's text is empty or only whitespace; nothing was stored")
            inputs.append(InputDocument(text=text, doc_id=d.doc_id, title=d.title, source=d.source, url=d.url,
                                        publication_date=d.publication_date.isoformat() if d.publication_date else None,
                                        date_origin="metadata" if d.publication_date else None, origin="api",
                                        warnings=tuple(warnings)))
        return _extract_and_store(inputs)

    @app.post("/api/documents/upload", response_model=m.SubmitResult, tags=["documents"], responses=ERRORS_WRITE)
    def upload(files: list[UploadFile] = File(..., description=".txt .html .jsonl .json .csv .tsv .rss .atom files"),
               publication_date: Optional[date] = Form(None, description="for documents whose metadata gives none"),
               source: Optional[str] = Form(None, max_length=500, description="the outlet, when the files give none"),
               _=Depends(writer)):
        """Extract and store uploaded files, read as ``marsad ingest`` reads them; all or nothing."""
        from marsad.ingest.readers import ReadFailure, ReadOptions, SUPPORTED_SUFFIXES, read_path
        opts = ReadOptions(date=publication_date.isoformat() if publication_date else None, source=source)
        docs: list = []
        with tempfile.TemporaryDirectory(prefix="marsad-upload-") as tmp:
            for n, f in enumerate(files, 1):
                name = _safe_name(f.filename or f"upload-{n}.txt")
                if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                    raise HTTPException(422, f"{name}: unsupported file type; send "
                                             f"{', '.join(sorted(SUPPORTED_SUFFIXES))}; nothing was stored")
                folder = Path(tmp) / f"{n:04d}"
                folder.mkdir()
                path = folder / name
                path.write_bytes(f.file.read())
                for item in read_path(path, opts):
                    if isinstance(item, ReadFailure):
                        raise HTTPException(422, item.message.replace(str(folder) + "/", "")
                                            + "; nothing was stored")
                    docs.append(item)
                    if len(docs) > MAX_UPLOAD_DOCUMENTS:
                        raise HTTPException(413, f"more than {MAX_UPLOAD_DOCUMENTS} documents in one upload; "
                                                 "send them in smaller batches")
        if not docs:
            raise HTTPException(422, "the upload holds no documents")
        return _extract_and_store(docs)

    def warm() -> dict:
        """Read the store into the snapshot now (``marsad serve`` does, before it listens)."""
        with open_store() as store:
            snap = snapshot(store)
            return {"incidents": len(snap.incidents)}

    app.state.warm = warm

    # ------------------------------------------------------------------ dashboard
    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    app.add_middleware(SecurityHeaders)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    return app


class _Rollback(Exception):
    pass


def _safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[^A-Za-z0-9._\-]", "_", base).lstrip(".")[:120]
    return base or "upload.txt"

