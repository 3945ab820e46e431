"""The ingest pipeline on Dask distributed workers.

    marsad ingest ARCHIVE/ --engine dask [--workers N | --scheduler tcp://host:8786] [--shards DIR]

The client reads the input and sends chunks of documents to the workers; each worker loads the
models once (the first chunk it gets) and writes, per chunk, two Parquet shards:
``documents-NNNNNN.parquet`` (id, content hash, origin, text, the contract JSON or the error) and
``events-NNNNNN.parquet`` (one typed row per event, ``output/tables.py``). The client then loads
the shards, in input order, into the store through the same add path as the local engine
(``batch/ingest.py``: atomic batches, idempotent, cross-document merging), so the result is the
local engine's. Without ``--scheduler`` a LocalCluster of ``--workers`` processes is started and
stopped; with it, the workers must have marsad installed and reach ``--shards`` (a shared folder).
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections import deque
from pathlib import Path
from typing import Callable, Iterator, Optional

from marsad.batch.ingest import IngestSummary, ingest_processed
from marsad.batch.local import CHUNK, Processed, chunks, ensure_models, process_chunk
from marsad.errors import ConfigError, MarsadError

_PIPELINE = None  # one per worker process, loaded by its first chunk


def _worker_pipeline():
    global _PIPELINE
    if _PIPELINE is None:
        from marsad.pipeline import Pipeline
        _PIPELINE = Pipeline()
    return _PIPELINE


def process_shard(chunk: list, index: int, shards: str) -> dict:
    """Run on a worker: process one chunk and write its two shards; returns their paths."""
    import pyarrow as pa
    from marsad.ingest.normalize import doc_hash
    from marsad.output.tables import events_table, write_parquet

    done = process_chunk(_worker_pipeline(), chunk)
    docs = pa.Table.from_pylist([
        {"seq": index * CHUNK + i, "doc_id": str(p.doc.get("doc_id")), "content_hash": doc_hash(p.text) if p.text else None,
         "origin": p.origin, "text": p.text, "error": p.error is not None,
         "result_json": json.dumps(p.doc, ensure_ascii=False)} for i, p in enumerate(done)],
        schema=pa.schema([("seq", pa.int64()), ("doc_id", pa.string()), ("content_hash", pa.string()),
                          ("origin", pa.string()), ("text", pa.string()), ("error", pa.bool_()),
                          ("result_json", pa.string())]))
    out = Path(shards)
    dpath, epath = out / f"documents-{index:06d}.parquet", out / f"events-{index:06d}.parquet"
    # write then rename: a shard that exists is complete
    for table, path in ((docs, dpath), (events_table(p.doc for p in done), epath)):
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        write_parquet(table, str(tmp))
        os.replace(tmp, path)
    return {"documents": str(dpath), "events": str(epath), "n": len(done)}


def read_shard(path: str) -> list[Processed]:
    import pyarrow.parquet as pq
    t = pq.read_table(path).sort_by("seq")
    return [Processed(json.loads(r["result_json"]), r["text"] or "", r["origin"]) for r in t.to_pylist()]


def _client(args):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError("--engine dask needs Dask distributed and pyarrow: pip install 'marsad[dask]'") from exc
    if not args.verbose:  # distributed logs every start and stop at INFO; marsad prints its own summary
        logging.getLogger("distributed").setLevel(logging.WARNING)
    if args.scheduler:
        try:
            return Client(args.scheduler, timeout="30s"), None
        except (OSError, TimeoutError) as exc:
            raise MarsadError(f"--scheduler {args.scheduler}: cannot reach the Dask scheduler ({exc})") from exc
    ensure_models()  # build the gazetteer once, before the workers race to
    cluster = LocalCluster(n_workers=max(args.workers, 1), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    return Client(cluster), cluster


def _shards_dir(args) -> Path:
    if args.shards:
        p = Path(args.shards)
    else:
        from marsad.paths import data_home
        p = data_home() / "shards" / time.strftime("%Y%m%d-%H%M%S") / str(os.getpid())
    p.mkdir(parents=True, exist_ok=True)
    return p


def ingest_with_dask(args, store, on_error: Optional[Callable] = None, on_added: Optional[Callable] = None,
                     started: Optional[float] = None) -> IngestSummary:
    from marsad.cli import _progress, _read_opts
    from marsad.ingest.readers import read_paths

    shards = _shards_dir(args)
    client, cluster = _client(args)
    bar = _progress(None, "dask", args.progress)
    try:
        n_workers = max(len(client.scheduler_info().get("workers", {})), 1)

        def processed() -> Iterator[Processed]:
            pending: deque = deque()
            for i, c in enumerate(chunks(read_paths(args.paths, _read_opts(args)))):
                pending.append(client.submit(process_shard, c, i, str(shards), pure=False))
                if len(pending) >= 3 * n_workers:
                    yield from _collect(pending.popleft())
            while pending:
                yield from _collect(pending.popleft())

        def _collect(fut) -> list[Processed]:
            try:
                res = fut.result()
            except Exception as exc:
                raise MarsadError(f"a Dask task failed ({exc.__class__.__name__}: {exc}); documents stored so far "
                                  "are kept, re-run the same command to continue") from exc
            got = read_shard(res["documents"])
            bar.update(len(got))
            return got

        summary = ingest_processed(processed(), store, batch_size=args.batch_size, on_error=on_error,
                                   on_added=on_added, started=started)
    finally:
        bar.close()
        client.close()
        if cluster is not None:
            cluster.close()
    print(f"marsad: Parquet shards of documents and events in {shards}", file=sys.stderr)
    return summary
