"""The pipeline over N processes on one machine, in input order.

Documents go to the workers in chunks of ``CHUNK`` (the pipeline's own batch size, so each chunk is
parsed exactly as one process would parse it); each worker loads the models once, when it starts;
results come back in input order, with at most two chunks per worker in flight, so memory stays
bounded however long the input is. ``workers=1`` runs in this process, through the same code.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Callable, Iterable, Iterator, Optional

from marsad.errors import MarsadError

CHUNK = 16  # = Pipeline.process_many's batch size


@dataclass(frozen=True)
class Processed:
    """One document's result as the batch layer passes it on: the contract dict, the analysed text
    (what the store hashes) and where it came from."""
    doc: dict
    text: str
    origin: Optional[str] = None

    @property
    def error(self) -> Optional[dict]:
        return self.doc.get("error")


def process_chunk(pipeline, chunk: list) -> list[Processed]:
    """Run one chunk of InputDocument/ReadFailure items through ``pipeline``, in order."""
    from marsad.output.contract import document_to_dict
    out = []
    for item, res in zip(chunk, pipeline.process_many(chunk, batch_size=max(len(chunk), 1))):
        out.append(Processed(document_to_dict(res), res.text, getattr(item, "origin", None)))
    return out


_WORKER_PIPELINE = None


def _init_worker():
    global _WORKER_PIPELINE
    from marsad.pipeline import Pipeline
    _WORKER_PIPELINE = Pipeline()


def _work(chunk: list) -> list[Processed]:
    return process_chunk(_WORKER_PIPELINE, chunk)


def chunks(items: Iterable, size: int = CHUNK) -> Iterator[list]:
    it = iter(items)
    while True:
        c = list(islice(it, size))
        if not c:
            return
        yield c


def ensure_models() -> None:
    """Build the gazetteer index once, here, before workers start (they would race to build it)."""
    from marsad.places.gazetteer import default_path, Gazetteer
    if not default_path().exists():
        Gazetteer.open().conn.close()


def process_items(items: Iterable, workers: int = 1, pipeline_factory: Optional[Callable] = None) -> Iterator[Processed]:
    """Every item (InputDocument or ReadFailure) processed, in input order, on ``workers`` processes."""
    if workers < 1:
        raise MarsadError(f"--workers {workers}: give 1 or more")
    if workers == 1:
        if pipeline_factory is None:
            from marsad.pipeline import Pipeline
            pipeline_factory = Pipeline
        pipe = pipeline_factory()
        for c in chunks(items):
            yield from process_chunk(pipe, c)
        return
    ensure_models()
    # fork where there is one (fast, and this process has loaded no model to share); spawn elsewhere
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker) as pool:
        pending: deque = deque()
        src = chunks(items)
        try:
            for c in src:
                pending.append(pool.submit(_work, c))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool as exc:
            raise MarsadError(f"a worker process died ({exc}); documents stored so far are kept, "
                              "re-run the same command to continue") from exc
        finally:
            for f in pending:
                f.cancel()


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
