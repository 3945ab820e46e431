"""The ``marsad`` command line. Each command parses its arguments, calls the library, and maps
library errors to a one-line message on stderr and a non-zero exit status."""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path
from typing import Optional

from marsad import __version__
from marsad.errors import MarsadError
from marsad.output.formats import FORMATS

log = logging.getLogger("marsad")


def _progress(total: Optional[int], desc: str, enabled: Optional[bool]):
    from tqdm import tqdm
    if enabled is None:
        enabled = sys.stderr.isatty()
    return tqdm(total=total, desc=desc, unit="doc", disable=not enabled, file=sys.stderr, leave=False)


def _read_opts(args):
    from marsad.ingest.readers import ReadOptions
    if args.date:
        from datetime import date
        try:
            date.fromisoformat(args.date)
        except ValueError:
            raise MarsadError(f"--date {args.date!r}: expected YYYY-MM-DD")
    return ReadOptions(date=args.date, source=args.source, text_column=args.text_column,
                       date_column=args.date_column, id_column=args.id_column, title_column=args.title_column)


def _pipeline():
    from marsad.pipeline import Pipeline
    return Pipeline()


def _processed(args, report_errors: bool = True):
    """Every input document processed (on --workers processes), in input order; failures are
    reported on stderr when ``report_errors``."""
    from marsad.batch import process_items
    from marsad.ingest.readers import read_paths
    bar = _progress(None, "extract", args.progress)
    for p in process_items(read_paths(args.paths, _read_opts(args)), workers=args.workers,
                           pipeline_factory=_pipeline):
        bar.update(1)
        if p.error is not None:
            args._failed += 1
            if report_errors:
                print(f"marsad: {p.error.get('message')}", file=sys.stderr)
        yield p
    bar.close()


def cmd_extract(args) -> int:
    from marsad.output.formats import write_documents
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    args._failed = 0
    write_documents((p.doc for p in _processed(args)), fmt, sys.stdout)
    return 1 if args._failed else 0


def _db_path(args):
    """--db, else $MARSAD_DB, else the default SQLite file: a path or a postgresql:// URL."""
    from marsad.store import store_target
    return store_target(args.db)


def _db_label(target: str) -> str:
    from marsad.store.postgres import _redact
    return _redact(target)


def cmd_ingest(args) -> int:
    from marsad.batch import ingest_processed
    from marsad.output.formats import write_documents
    from marsad.store import open_store
    if args.batch_size < 1:
        raise MarsadError(f"--batch-size {args.batch_size}: give 1 or more")
    t0 = time.perf_counter()
    args._failed = 0
    shown: list = []
    keep = shown.append if args.format != "none" else None

    def error(message):
        print(f"marsad: {message}", file=sys.stderr)

    with open_store(_db_path(args)) as store:
        if args.engine == "dask":
            from marsad.batch.dask_engine import ingest_with_dask
            summary = ingest_with_dask(args, store, on_error=error, on_added=keep, started=t0)
        else:
            summary = ingest_processed(_processed(args, report_errors=False), store, batch_size=args.batch_size,
                                       on_error=error, on_added=keep, started=t0)
        counts = store.counts()
    if shown:
        write_documents(shown, args.format or "table", sys.stdout)
    print(f"ingested {summary.added} new document(s) with {summary.events} event(s); {summary.skipped} already stored; "
          f"{summary.errors} failed; store {_db_label(_db_path(args))} now holds {counts['documents']} document(s), "
          f"{counts['incidents']} incident(s) [{summary.seconds:.1f}s]", file=sys.stderr)
    print(f"summary: {summary.line()}", file=sys.stderr)
    return 1 if summary.errors else 0


def cmd_events(args) -> int:
    from marsad.output.formats import write_documents
    from marsad.store import Filters, open_store
    if getattr(args, "action", None) == "show":
        return cmd_events_show(args)
    if getattr(args, "action", None) == "unmerge":
        return cmd_events_unmerge(args)
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    filters = Filters(country=args.country, admin1=args.admin1, event_type=args.type, actor=args.actor,
                      since=_iso_date(args.since, "--since"), until=_iso_date(args.until, "--until"),
                      bbox=_bbox(args.bbox), min_fatalities=args.min_fatalities, acled_only=args.acled_only,
                      limit=args.limit)
    if args.output and not args.format:
        fmt = {".csv": "acled-csv", ".jsonl": "jsonl", ".json": "json", ".geojson": "geojson",
               ".parquet": "parquet"}.get(Path(args.output).suffix.lower(), "jsonl")
    with open_store(_db_path(args)) as store:
        rows = list(store.incidents(filters))
    if fmt == "table":
        # group the incidents as pseudo-documents for the human table
        rows = [{"doc_id": "store", "title": f"{len(rows)} incident(s)", "publication_date": None,
                 "events": rows, "tolls": []}]
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="" if "csv" in fmt else None) as out:
                write_documents(rows, fmt, out)
        except OSError as exc:
            raise MarsadError(f"--output {args.output}: cannot write ({exc.strerror})")
        print(f"wrote {len(rows) if fmt != 'table' else len(rows[0]['events'])} incident(s) to {args.output} "
              f"({fmt})", file=sys.stderr)
    else:
        write_documents(rows, fmt, sys.stdout)
    return 0


def _iso_date(value: Optional[str], option: str) -> Optional[str]:
    if value is None:
        return None
    from datetime import date
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise MarsadError(f"{option} {value!r}: expected YYYY-MM-DD")


def _bbox(value: Optional[str]):
    """ "W,S,E,N" in degrees (GeoJSON's order) -> a tuple of floats."""
    if value is None:
        return None
    try:
        w, s, e, n = (float(x) for x in value.split(","))
    except ValueError:
        raise MarsadError(f"--bbox {value!r}: expected WEST,SOUTH,EAST,NORTH in degrees, e.g. 35.5,32.3,42.4,37.3")
    if not (-90 <= s <= n <= 90 and -180 <= w <= 180 and -180 <= e <= 180):
        raise MarsadError(f"--bbox {value!r}: latitudes must lie in -90..90 with SOUTH <= NORTH, longitudes in -180..180")
    return (w, s, e, n)


def cmd_events_show(args) -> int:
    import json
    from marsad.output.incident import format_incident
    from marsad.store import open_store
    with open_store(_db_path(args)) as store:
        inc = store.incident(args.incident_id)
    if inc is None:
        raise MarsadError(f"no incident {args.incident_id!r} in {_db_label(_db_path(args))}")
    if args.json:
        print(json.dumps(inc, indent=1, ensure_ascii=False))
    else:
        sys.stdout.write(format_incident(inc))
    return 0


def cmd_events_unmerge(args) -> int:
    from marsad.store import open_store
    with open_store(_db_path(args)) as store:
        ids = store.unmerge(args.incident_id, args.doc_id)
    print(f"split document {args.doc_id} out of incident {args.incident_id}: its reports now form "
          f"{', '.join(ids)}; the split is recorded and holds for later ingestion")
    return 0


def cmd_eval(args) -> int:
    import json
    from marsad.eval import run_eval
    res = run_eval(args.kind, args.file, limit=args.limit, pipeline_factory=_pipeline, progress=args.progress,
                   labels=args.labels)
    if args.json:
        print(json.dumps(res, indent=1, ensure_ascii=False))
    else:
        from marsad.eval.report import print_report
        print_report(args.kind, res, sys.stdout)
    return 0


def cmd_gazetteer(args) -> int:
    import json
    from marsad.places import Gazetteer
    from marsad.places import importers
    if args.action == "build":
        gaz = Gazetteer.open(args.path, rebuild=True) if args.path else Gazetteer.open(rebuild=True)
        print(json.dumps(importers.info(gaz), indent=1))
    elif args.action == "info":
        gaz = Gazetteer.open(args.path) if args.path else Gazetteer.open()
        print(json.dumps(importers.info(gaz), indent=1))
    elif args.action == "import":
        if not args.files:
            raise MarsadError("gazetteer import: give the files or folders to import")
        gaz = Gazetteer.open(args.path) if args.path else Gazetteer.open()
        kind = args.kind
        if kind == "auto":
            kind = importers.detect_kind(args.files) if hasattr(importers, "detect_kind") else "geonames"
        if kind == "ocha":
            n = importers.import_ocha(gaz.path, *args.files)
        else:
            n = importers.import_geonames(gaz.path, *args.files)
        print(f"imported {n} place(s) into {gaz.path}")
    return 0


def cmd_actors(args) -> int:
    from marsad.actors.lookup import explain
    t0 = time.perf_counter()
    print(explain(" ".join(args.name)))
    print(f"[{(time.perf_counter() - t0) * 1000:.0f} ms]", file=sys.stderr)
    return 0


def cmd_validate(args) -> int:
    import json
    from marsad.output.contract import validate_document
    bad = 0
    n = 0
    with open(args.file, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                continue
            n += 1
            errs = validate_document(json.loads(line))
            for e in errs:
                bad += 1
                print(f"{args.file}:{i}: {e}")
    print(f"{n} document(s), {bad} contract violation(s)", file=sys.stderr)
    return 1 if bad else 0


def cmd_serve(args) -> int:
    from pathlib import Path
    from marsad.api import Settings, create_app
    from marsad.store import open_store
    db = _db_path(args)
    open_store(db).close()  # fail now, naming the store, if it cannot be opened
    settings = Settings(db=db, token_path=Path(args.tokens) if args.tokens else None,
                        max_body_bytes=int(args.max_body_mb * 1_000_000), write_per_minute=args.write_rate,
                        read_per_minute=args.read_rate, read_token=args.read_token,
                        cors_origins=tuple(args.cors_origin or ()))
    app = create_app(settings)
    t0 = time.perf_counter()
    n = app.state.warm()["incidents"]
    print(f"marsad: read {n} incident(s) in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    import uvicorn
    print(f"marsad: serving {_db_label(db)} on http://{args.host}:{args.port}/ (dashboard), "
          f"http://{args.host}:{args.port}/api/ (API), /openapi.json (schema)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning" if not args.verbose else "info")
    return 0


def cmd_token(args) -> int:
    from marsad.api.tokens import TokenStore
    tokens = TokenStore(args.tokens)
    if args.action == "create":
        token = tokens.create(args.name)
        print(token)
        print(f"token {args.name!r} created; it is shown only now (stored hashed in {tokens.path}). "
              "Send it as 'Authorization: Bearer TOKEN'.", file=sys.stderr)
    elif args.action == "revoke":
        if not tokens.revoke(args.name):
            raise MarsadError(f"no active token named {args.name!r} in {tokens.path}")
        print(f"token {args.name!r} revoked", file=sys.stderr)
    else:
        for t in tokens.list():
            print(f"{t['name']}\tcreated {t['created_at']}\t{'revoked ' + t['revoked_at'] if t['revoked_at'] else 'active'}")
    return 0


def _add_input_args(p):
    p.add_argument("paths", nargs="+", metavar="PATH", help="files (.txt .html .jsonl .json .csv .tsv .rss .atom .xml), folders, or - for stdin")
    p.add_argument("--date", help="publication date YYYY-MM-DD, for documents whose own metadata has none")
    p.add_argument("--source", help="outlet name for documents that do not give one")
    p.add_argument("--text-column", help="CSV/TSV: column with the article text")
    p.add_argument("--date-column", help="CSV/TSV: column with the publication date")
    p.add_argument("--id-column", help="CSV/TSV: column with the document id")
    p.add_argument("--title-column", help="CSV/TSV: column with the title")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes to run the pipeline on (each loads the models once); output is in input "
                        "order and identical to --workers 1")


DB_HELP = ("SQLite file or postgresql://user:password@host:port/dbname URL (default: $MARSAD_DB, else "
           "marsad.sqlite in the user data dir or $MARSAD_HOME)")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="marsad", description="News text to ACLED-compatible, geocoded conflict event records.")
    ap.add_argument("--version", action="version", version=f"marsad {__version__}")
    ap.add_argument("-v", "--verbose", action="count", default=0)
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract events from documents and print them")
    _add_input_args(p)
    p.add_argument("--format", choices=FORMATS, help="output format (default: table on a terminal, else jsonl)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("ingest", help="extract and store documents and events in the embedded database")
    _add_input_args(p)
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--format", choices=FORMATS + ("none",), default="table", help="how to print what was ingested")
    p.add_argument("--batch-size", type=int, default=16, metavar="N",
                   help="documents per transaction: a crash loses at most the batch in progress, and "
                        "re-running the command stores exactly what is missing")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: --workers processes here; dask: Dask distributed workers (a local cluster "
                        "of --workers processes, or the cluster of --scheduler)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--shards", metavar="DIR", help="where the Dask engine writes its Parquet shards "
                   "(default: a new folder under shards/ in the data dir; must be reachable by every worker)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("events", help="list, filter and export stored incidents")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--country", help="country name or ISO3 code")
    p.add_argument("--admin1", help="first-level administrative unit (governorate, state, province)")
    p.add_argument("--type", help="ACLED event type, sub-event type or PLOVER class")
    p.add_argument("--actor", help="actor1 or actor2 containing this text (case-insensitive)")
    p.add_argument("--bbox", metavar="W,S,E,N", help="bounding box in degrees: west,south,east,north")
    p.add_argument("--min-fatalities", type=int, metavar="N", help="incidents with at least N fatalities")
    p.add_argument("--since", help="first event date, YYYY-MM-DD")
    p.add_argument("--until", help="last event date, YYYY-MM-DD")
    p.add_argument("--acled-only", action="store_true", help="only events within ACLED's scope")
    p.add_argument("--limit", type=int)
    p.add_argument("--format", choices=FORMATS, help="acled-csv, jsonl, geojson and parquet are for loading "
                   "elsewhere (default: table on a terminal, else jsonl; with --output, from its extension)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=cmd_events, action=None)
    esub = p.add_subparsers(dest="action", metavar="{show,unmerge}")
    q = esub.add_parser("show", help="one incident: its reports, figures by source, revisions and why each report was merged")
    q.add_argument("incident_id")
    q.add_argument("--db", default=argparse.SUPPRESS)
    q.add_argument("--json", action="store_true", help="print the stored record as JSON")
    q.set_defaults(func=cmd_events)
    q = esub.add_parser("unmerge", help="split a document's reports out of an incident (recorded: later ingestion keeps it split)")
    q.add_argument("incident_id")
    q.add_argument("doc_id")
    q.add_argument("--db", default=argparse.SUPPRESS)
    q.set_defaults(func=cmd_events)

    p = sub.add_parser("eval", help="score marsad against gold data")
    p.add_argument("kind", choices=["acled", "fakes", "case", "geoparse", "merging"])
    p.add_argument("file")
    p.add_argument("--labels", help="merging: same-incident groups (default: the FA-KES dev labels shipped with marsad)")
    p.add_argument("--limit", type=int)
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("gazetteer", help="build, import into and describe the gazetteer index")
    gsub = p.add_subparsers(dest="action", required=True)
    for name, text in (("build", "(re)build the index from the packaged data"), ("info", "describe the index")):
        q = gsub.add_parser(name, help=text)
        q.add_argument("--path", help="gazetteer index file (default: in the user data dir)")
        q.set_defaults(func=cmd_gazetteer, files=[], kind="auto")
    q = gsub.add_parser("import", help="import GeoNames dumps or OCHA COD gazetteer files/folders")
    q.add_argument("files", nargs="+")
    q.add_argument("--kind", choices=["auto", "geonames", "ocha"], default="auto")
    q.add_argument("--path", help="gazetteer index file (default: in the user data dir)")
    q.set_defaults(func=cmd_gazetteer)

    p = sub.add_parser("actors", help="the actor knowledge base")
    asub = p.add_subparsers(dest="action", required=True)
    q = asub.add_parser("lookup", help="what a name resolves to, and why")
    q.add_argument("name", nargs="+")
    q.set_defaults(func=cmd_actors)

    p = sub.add_parser("serve", help="serve the REST API and the dashboard over the store")
    p.add_argument("--db", help="SQLite database (default: marsad.sqlite in the user data dir or $MARSAD_HOME)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--tokens", help="token file (default: tokens.sqlite in the user data dir)")
    p.add_argument("--read-token", action="store_true", help="reading needs a token too (default: only writes do)")
    p.add_argument("--cors-origin", action="append", metavar="ORIGIN",
                   help="allow cross-origin requests from ORIGIN (repeatable; default: none)")
    p.add_argument("--max-body-mb", type=float, default=10.0, help="largest request body in MB (default 10)")
    p.add_argument("--write-rate", type=float, default=30.0, help="write requests a minute per token (default 30)")
    p.add_argument("--read-rate", type=float, default=1200.0,
                   help="read requests a minute per token or client address (default 1200; 0 turns it off)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("token", help="API tokens for writing through `marsad serve`")
    tsub = p.add_subparsers(dest="action", required=True)
    for name, text in (("create", "create a token and print it (once)"), ("revoke", "revoke a token")):
        q = tsub.add_parser(name, help=text)
        q.add_argument("name", help="who or what the token is for")
        q.add_argument("--tokens", help="token file (default: tokens.sqlite in the user data dir)")
        q.set_defaults(func=cmd_token)
    q = tsub.add_parser("list", help="list tokens (names and dates, never the tokens)")
    q.add_argument("--tokens", help="token file (default: tokens.sqlite in the user data dir)")
    q.set_defaults(func=cmd_token)

    p = sub.add_parser("validate", help="check a jsonl file against the output contract")
    p.add_argument("file")
    p.set_defaults(func=cmd_validate)
    return ap


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING - 10 * min(args.verbose, 2), format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except MarsadError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
