"""Turn files, directories and stdin into :class:`~marsad.records.InputDocument` objects.

Each reader yields documents or :class:`ReadFailure` records; a failure names the file (and line
or row) and the problem, and never stops the other documents from being read.

Publication date precedence: a date in the document's own metadata (JSONL/CSV column, HTML meta,
RSS pubDate), then the ``date`` argument (``--date``), then a dateline found later in the text by
the pipeline.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from marsad.errors import InputError, LimitError
from marsad.ingest import encoding
from marsad.ingest.normalize import repair_text
from marsad.records import InputDocument

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".json", ".csv", ".tsv",
                      ".rss", ".atom", ".xml"}


@dataclass(frozen=True)
class ReadFailure:
    origin: str
    code: str
    message: str
    doc_id: Optional[str] = None


Item = Union[InputDocument, ReadFailure]


@dataclass(frozen=True)
class Limits:
    """Input limits; going over one is a clear error naming the file (and line) and the limit.

    A single-document file (text, HTML, stdin) may hold ``max_document_bytes``; a batch file
    (JSONL, JSON, CSV/TSV, RSS/Atom) ``max_batch_bytes`` and ``max_batch_documents`` documents (the
    documents after the limit are not read, and the failure says from which line to split the
    file); one JSONL line or CSV row ``max_line_chars`` characters (that record fails, the others
    are read). HTML elements may nest :data:`HTML_MAX_DEPTH` deep: that is lxml's own limit, past
    which it would silently cut the page, so a deeper page fails with a clear error instead."""

    max_document_bytes: int = 20 * 2**20
    max_batch_bytes: int = 2**30
    max_batch_documents: int = 1_000_000
    max_line_chars: int = 10_000_000


HTML_MAX_DEPTH = 255  # libxml2's limit without XML_PARSE_HUGE (html and body included)


@dataclass(frozen=True)
class ReadOptions:
    date: Optional[str] = None  # --date, YYYY-MM-DD
    source: Optional[str] = None  # --source
    text_column: Optional[str] = None
    date_column: Optional[str] = None
    id_column: Optional[str] = None
    title_column: Optional[str] = None
    limits: Limits = Limits()


def decode_bytes(data: bytes, origin: str) -> tuple[str, list[str]]:
    """Decode and repair file bytes (:mod:`marsad.ingest.encoding`): (text, warnings).

    Raises :class:`~marsad.errors.BinaryInputError` when the bytes are not text."""
    text, warnings = encoding.decode_bytes(data, origin)
    text, w = repair_text(text)
    return text, warnings + [f"{origin}: {x}" for x in w]


def _read_bytes(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise LimitError(f"{path}: {size:,} bytes is over the limit of {limit:,} bytes for one file; skipped")
    return path.read_bytes()


def parse_date_value(value) -> Optional[str]:
    """A metadata date (ISO, RFC 822, "June 4 2016", m/d/yy...) as YYYY-MM-DD, or None."""
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return _date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    from email.utils import parsedate_to_datetime
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})$", s)
    if m:  # US-style m/d/y, as in most CSV exports we see
        y = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        try:
            return _date(y, int(m[1]), int(m[2])).isoformat()
        except ValueError:
            return None
    try:
        import dateparser
        d = dateparser.parse(s, languages=["en"], settings={"STRICT_PARSING": True})
    except Exception:  # dateparser raises many kinds on odd strings
        d = None
    return d.date().isoformat() if d else None


def _doc(text: str, origin: str, opts: ReadOptions, warnings: list[str], **meta) -> Item:
    if not text or not text.strip():
        return ReadFailure(origin, "empty", f"{origin}: no text")
    meta_date = parse_date_value(meta.pop("date", None))
    pub = meta_date or opts.date
    return InputDocument(
        text=text, doc_id=meta.get("doc_id"), title=meta.get("title"), source=meta.get("source") or opts.source,
        url=meta.get("url"), publication_date=pub,
        date_origin="metadata" if meta_date else ("argument" if opts.date else None),
        origin=origin, warnings=tuple(warnings))


_NAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?=[_\-. ])")


def date_from_filename(path: Path) -> Optional[str]:
    """Scrapers and archives often name files by publication date: "2018-02-09_idlib.txt"."""
    m = _NAME_DATE.match(path.name)
    if not m:
        return None
    try:
        return _date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def read_text_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    text, warnings = decode_bytes(_read_bytes(path, opts.limits.max_document_bytes), str(path))
    yield _doc(text, str(path), opts, warnings, date=date_from_filename(path))


def html_depth_exceeded(html: str) -> bool:
    """True when elements nest deeper than lxml parses (it would silently cut the page there)."""
    from lxml import etree
    parser = etree.HTMLParser()
    try:
        etree.fromstring(html, parser)
    except (etree.LxmlError, ValueError):
        return False  # unparseable pages are reported by the extraction itself
    return any("Excessive depth" in e.message for e in parser.error_log)


def html_to_document(html: str, origin: str, opts: ReadOptions, warnings: list[str], url=None) -> Item:
    import trafilatura
    if html_depth_exceeded(html):
        return ReadFailure(origin, "html_depth", f"{origin}: HTML elements nested more than "
                           f"{HTML_MAX_DEPTH} deep (the HTML parser's limit); skipped")
    try:
        res = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_recall=True)
    except Exception as exc:  # trafilatura/lxml raise various errors on broken markup
        return ReadFailure(origin, "html", f"{origin}: cannot parse HTML ({exc.__class__.__name__}: {exc})")
    if res is None:
        return ReadFailure(origin, "html", f"{origin}: no main text found in the HTML page")
    get = (lambda k: getattr(res, k, None)) if not isinstance(res, dict) else res.get
    text = get("text") or ""
    text, w = repair_text(text)
    return _doc(text, origin, opts, warnings + w, title=get("title"), date=get("date"),
                source=get("sitename") or get("hostname"), url=get("url") or url)


def read_html_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    html, warnings = decode_bytes(_read_bytes(path, opts.limits.max_document_bytes), str(path))
    item = html_to_document(html, str(path), opts, warnings)
    if isinstance(item, InputDocument) and item.date_origin != "metadata" and date_from_filename(path):
        from dataclasses import replace
        item = replace(item, publication_date=date_from_filename(path), date_origin="metadata")
    yield item


def _object_to_doc(obj, origin: str, opts: ReadOptions, warnings: list[str]) -> Item:
    if not isinstance(obj, dict):
        return ReadFailure(origin, "json", f"{origin}: expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if text is None:
        for k in ("content", "body", "article_content", "notes"):
            if obj.get(k):
                text = obj[k]
                break
    if not isinstance(text, str):
        return ReadFailure(origin, "json", f"{origin}: object has no 'text' string",
                           doc_id=str(obj["id"]) if obj.get("id") is not None else None)
    text, w = repair_text(text)
    doc_id = obj.get("id", obj.get("doc_id"))
    return _doc(text, origin, opts, warnings + w, doc_id=str(doc_id) if doc_id is not None else None,
                title=obj.get("title"), date=obj.get("date") or obj.get("publication_date"),
                source=obj.get("source"), url=obj.get("url"))


def _batch_full(origin: str, n: int, where: str, limits: Limits) -> ReadFailure:
    return ReadFailure(origin, "batch_limit", f"{origin}: more than {limits.max_batch_documents:,} documents in "
                       f"one file; the rest, from {where}, was not read: split the file there")


def read_jsonl_text(text: str, origin: str, opts: ReadOptions) -> Iterator[Item]:
    # JSON Lines are separated by "\n" only: str.splitlines() would also split inside a record at
    # U+2028/U+2029 or a form feed, which JSON allows unescaped in strings
    lim = opts.limits
    n_docs = 0
    for n, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        if n_docs >= lim.max_batch_documents:
            yield _batch_full(origin, n_docs, f"line {n}", lim)
            return
        n_docs += 1
        if len(line) > lim.max_line_chars:
            yield ReadFailure(where, "line_too_long", f"{where}: line of {len(line):,} characters is over the limit "
                              f"of {lim.max_line_chars:,}; skipped")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, "json", f"{where}: invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield ReadFailure(where, "json", f"{where}: JSON nested too deeply")
            continue
        yield _object_to_doc(obj, where, opts, [])
    if n_docs == 0:
        yield ReadFailure(origin, "empty", f"{origin}: no documents (no JSON lines)")


def read_jsonl_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    text, warnings = decode_bytes(_read_bytes(path, opts.limits.max_batch_bytes), str(path))
    for w in warnings:
        log.warning(w)
    yield from read_jsonl_text(text, str(path), opts)


def read_json_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    text, warnings = decode_bytes(_read_bytes(path, opts.limits.max_batch_bytes), str(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        # Many "json" exports are really JSON lines.
        yield from read_jsonl_text(text, str(path), opts)
        return
    except RecursionError:
        yield ReadFailure(str(path), "json", f"{path}: JSON nested too deeply")
        return
    items = data if isinstance(data, list) else [data]
    if not items:
        yield ReadFailure(str(path), "empty", f"{path}: no documents (an empty JSON array)")
    for i, obj in enumerate(items):
        if i >= opts.limits.max_batch_documents:
            yield _batch_full(str(path), i, f"item {i}", opts.limits)
            return
        yield _object_to_doc(obj, f"{path}[{i}]", opts, warnings)


_TEXT_COLS = ("text", "article_content", "content", "body", "notes", "article", "story")
_DATE_COLS = ("publication_date", "date", "published", "pubdate", "event_date")
_ID_COLS = ("id", "doc_id", "unit_id", "data_id", "event_id_cnty")
_TITLE_COLS = ("title", "headline", "article_title")


def _pick(fields: list[str], wanted: Optional[str], candidates, origin: str, what: str, required=False):
    low = {f.lower().strip(): f for f in fields}
    if wanted:
        if wanted in fields:
            return wanted
        if wanted.lower() in low:
            return low[wanted.lower()]
        raise InputError(f"{origin}: no column {wanted!r} for the {what} (columns: {', '.join(fields)})")
    for c in candidates:
        if c in low:
            return low[c]
    if required:
        raise InputError(f"{origin}: cannot tell which column holds the {what}; use --{what}-column "
                         f"(columns: {', '.join(fields)})")
    return None


def read_csv_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    text, warnings = decode_bytes(_read_bytes(path, opts.limits.max_batch_bytes), str(path))
    yield from read_csv_text(text, path, opts, "\t" if path.suffix.lower() == ".tsv" else ",")


def read_csv_text(text: str, path, opts: ReadOptions, delim: str = ",") -> Iterator[Item]:
    """CSV/TSV text (``path`` names it in messages): one document or failure per row."""
    lim = opts.limits
    reader = csv.DictReader(io.StringIO(text), delimiter=delim)
    old_limit = csv.field_size_limit(lim.max_line_chars)
    try:
        fields = reader.fieldnames or []
    except csv.Error as exc:
        yield ReadFailure(str(path), "csv", f"{path}: cannot read the header row ({exc})")
        return
    finally:
        csv.field_size_limit(old_limit)
    try:
        tcol = _pick(fields, opts.text_column, _TEXT_COLS, str(path), "text", required=True)
        dcol = _pick(fields, opts.date_column, _DATE_COLS, str(path), "date")
        icol = _pick(fields, opts.id_column, _ID_COLS, str(path), "id")
        hcol = _pick(fields, opts.title_column, _TITLE_COLS, str(path), "title")
    except InputError as exc:
        yield ReadFailure(str(path), "csv", exc.message)
        return
    rows = iter(reader)
    n_docs = 0
    while True:
        where = f"{path}:{reader.line_num + 1}"
        old_limit = csv.field_size_limit(lim.max_line_chars)  # a process-wide setting: restored below
        try:
            row = next(rows)
        except StopIteration:
            if n_docs == 0:
                yield ReadFailure(str(path), "empty", f"{path}: no documents (no rows after the header)")
            return
        except csv.Error as exc:  # a field over the limit, a bad quote: this row fails, the rest is read
            code = "line_too_long" if "field larger" in str(exc) else "csv"
            yield ReadFailure(where, code, f"{where}: {exc} (limit {lim.max_line_chars:,} characters); row skipped"
                              if code == "line_too_long" else f"{where}: cannot read the row ({exc})")
            continue
        finally:
            csv.field_size_limit(old_limit)
        if n_docs >= lim.max_batch_documents:
            yield _batch_full(str(path), n_docs, f"line {where.rsplit(':', 1)[1]}", lim)
            return
        n_docs += 1
        size = sum(len(v) for v in row.values() if isinstance(v, str))
        if size > lim.max_line_chars:
            yield ReadFailure(where, "line_too_long", f"{where}: row of {size:,} characters is over the limit of "
                              f"{lim.max_line_chars:,}; skipped")
            continue
        body, w = repair_text(row.get(tcol) or "")
        yield _doc(body, where, opts, w, doc_id=(row.get(icol) or None) if icol else None,
                   title=row.get(hcol) if hcol else None, date=row.get(dcol) if dcol else None,
                   source=row.get("source"), url=row.get("url") or row.get("link"))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def read_feed_text(text: str, origin: str, opts: ReadOptions) -> Iterator[Item]:
    if _ENTITY_DECL.search(text):
        # entity declarations are how XML bombs ("billion laughs", external entities) work; feeds need none
        yield ReadFailure(origin, "xml", f"{origin}: XML with entity declarations (<!ENTITY>) is not accepted")
        return
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        yield ReadFailure(origin, "xml", f"{origin}: invalid XML ({exc})")
        return
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    if not items:
        yield ReadFailure(origin, "xml", f"{origin}: not an RSS or Atom feed (no <item> or <entry>)")
        return
    feed_title = None
    for el in root.iter():
        if _local(el.tag) == "title":
            feed_title = (el.text or "").strip() or None
            break
    for i, it in enumerate(items):
        if i >= opts.limits.max_batch_documents:
            yield _batch_full(origin, i, f"item {i + 1}", opts.limits)
            return
        fields: dict[str, str] = {}
        for ch in it:
            name = _local(ch.tag)
            val = (ch.text or "").strip()
            if name == "link" and not val:
                val = ch.get("href", "")
            if name == "encoded":
                name = "content"
            if val and name not in fields:
                fields[name] = val
        body = fields.get("content") or fields.get("description") or fields.get("summary") or ""
        where = f"{origin}[item {i + 1}]"
        if "<" in body and ">" in body:
            body = _strip_html(body)
        body, w = repair_text(body)
        title = fields.get("title")
        if title and body and not body.startswith(title):
            pass
        yield _doc(body, where, opts, w, doc_id=fields.get("guid") or fields.get("id"), title=title,
                   date=fields.get("pubdate") or fields.get("published") or fields.get("updated") or fields.get("date"),
                   source=feed_title, url=fields.get("link"))


_ENTITY_DECL = re.compile(r"<!ENTITY", re.I)


def _strip_html(fragment: str) -> str:
    from html import unescape
    txt = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", fragment)
    txt = re.sub(r"(?i)<\s*(br|/p|/div|/li|/h\d)\s*/?>", "\n", txt)
    txt = re.sub(r"<[^>]+>", "", txt)
    return re.sub(r"[ \t]+", " ", unescape(txt)).strip()


def read_feed_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    text, warnings = decode_bytes(_read_bytes(path, opts.limits.max_batch_bytes), str(path))
    yield from read_feed_text(text, str(path), opts)


_READERS = {".txt": read_text_file, ".text": read_text_file, ".md": read_text_file,
            ".html": read_html_file, ".htm": read_html_file,
            ".jsonl": read_jsonl_file, ".ndjson": read_jsonl_file, ".json": read_json_file,
            ".csv": read_csv_file, ".tsv": read_csv_file,
            ".rss": read_feed_file, ".atom": read_feed_file, ".xml": read_feed_file}


_CODES = {"M002": "encoding", "M003": "binary", "M004": "too_large"}


def read_stdin(opts: ReadOptions, stream=None) -> Iterator[Item]:
    stream = stream or sys.stdin.buffer
    limit = opts.limits.max_batch_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield ReadFailure("<stdin>", "too_large", f"<stdin>: more than {limit:,} bytes; nothing read")
        return
    try:
        text, warnings = decode_bytes(data, "<stdin>")
    except InputError as exc:
        yield ReadFailure("<stdin>", _CODES.get(exc.code, "input"), exc.message)
        return
    head = text.lstrip()[:200]
    if head.startswith("{"):
        yield from read_jsonl_text(text, "<stdin>", opts)
    elif head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<feed"):
        yield from read_feed_text(text, "<stdin>", opts)
    elif head.lower().startswith(("<!doctype html", "<html")):
        yield html_to_document(text, "<stdin>", opts, warnings)
    elif len(data) > opts.limits.max_document_bytes:
        yield ReadFailure("<stdin>", "too_large", f"<stdin>: {len(data):,} bytes of plain text is over the limit "
                          f"of {opts.limits.max_document_bytes:,} bytes for one document; nothing read")
    else:
        yield _doc(text, "<stdin>", opts, warnings)


def read_path(path: Union[str, Path], opts: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """Read one path (file, directory or "-") into documents and failures, in a stable order."""
    if str(path) == "-":
        yield from read_stdin(opts)
        return
    p = Path(path)
    if not p.exists():
        yield ReadFailure(str(p), "not_found", f"{p}: no such file or directory")
        return
    if p.is_dir():
        # folders hold reports; their README/LICENSE files describe the folder and are not reports
        files = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")
                       and not f.stem.upper().startswith(("README", "LICENSE", "CHANGELOG")))
        for f in files:
            if f.suffix.lower() in SUPPORTED_SUFFIXES:
                yield from read_path(f, opts)
            else:
                yield ReadFailure(str(f), "unsupported", f"{f}: unsupported file type {f.suffix or '(none)'!r}; skipped")
        return
    reader = _READERS.get(p.suffix.lower())
    if reader is None:
        reader = read_text_file  # an unknown suffix given explicitly: treat as text
    try:
        yield from reader(p, opts)
    except InputError as exc:  # not text, or over a limit: this file fails, the others are read
        yield ReadFailure(str(p), _CODES.get(exc.code, "input"), exc.message)
    except OSError as exc:
        yield ReadFailure(str(p), "io", f"{p}: cannot read ({exc.strerror or exc})")


def read_paths(paths: Iterable[Union[str, Path]], opts: ReadOptions = ReadOptions()) -> Iterator[Item]:
    for p in paths:
        yield from read_path(p, opts)
