"""Columnar (Apache Arrow) views of the contract, for Parquet: events or incidents, and documents.

The columns are the CSV export's (``formats.CSV_COLUMNS``) with their proper types, plus the whole
record as JSON, so a Parquet file loses nothing the JSONL export has.
"""
from __future__ import annotations

import json
from typing import IO, Iterable

from marsad.output.formats import CSV_COLUMNS, _events_with_doc, _flat

_INT = {"time_precision", "inter1", "inter2", "geo_precision", "fatalities", "fatalities_low", "fatalities_high",
        "injuries", "civilians", "children", "women", "combatants"}
_FLOAT = {"latitude", "longitude"}


def _pa():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        from marsad.errors import ConfigError
        raise ConfigError("Parquet needs pyarrow: pip install 'marsad[parquet]'") from exc
    return pa, pq


def event_schema():
    pa, _ = _pa()
    fields = []
    for c in CSV_COLUMNS:
        t = pa.int64() if c in _INT else pa.float64() if c in _FLOAT else pa.string()
        fields.append(pa.field(c, t))
    fields += [pa.field("documents", pa.list_(pa.string())), pa.field("record_json", pa.string())]
    return pa.schema(fields)


def _int(v):
    try:
        return int(v) if v is not None and v != "" else None
    except (TypeError, ValueError):
        return None


def _float(v):
    try:
        return float(v) if v is not None and v != "" else None
    except (TypeError, ValueError):
        return None


def events_table(items: Iterable[dict]):
    """Contract documents or stored incidents -> one row per event/incident."""
    pa, _ = _pa()
    rows = []
    for doc_id, ev in _events_with_doc(items):
        r = _flat(doc_id, ev)
        row = {}
        for c in CSV_COLUMNS:
            v = r.get(c)
            row[c] = _int(v) if c in _INT else _float(v) if c in _FLOAT else (None if v is None else str(v))
        row["documents"] = [str(x) for x in ev.get("documents", [doc_id])]
        row["record_json"] = json.dumps(ev, ensure_ascii=False)
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=event_schema())


def write_parquet(table, out) -> None:
    """Write an Arrow table as Parquet to a path or a binary file object."""
    _, pq = _pa()
    pq.write_table(table, out, compression="zstd")


def write_events_parquet(items: Iterable[dict], out: IO[bytes]) -> None:
    write_parquet(events_table(items), out)
