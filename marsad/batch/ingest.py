"""Processed documents into the store, in atomic batches, with a running summary.

A batch of ``batch_size`` documents is one transaction (``BaseStore.add_documents``): if the
process dies, every earlier batch is stored and nothing of the current one, and because documents
are keyed by the hash of their text, running the same command again stores exactly what is missing.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from marsad.batch.local import Processed
from marsad.errors import StoreError
from marsad.store.base import ADDED, FAILED, SKIPPED, BaseStore


@dataclass
class IngestSummary:
    documents: int = 0  # read and processed (errors included)
    added: int = 0
    skipped: int = 0  # already stored
    errors: int = 0  # unreadable, failed analysis, or refused by the store
    events: int = 0  # events of the added documents
    merges: int = 0  # of those, events merged into incidents already stored
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        return (f"{self.documents} document(s) in {self.seconds:.1f}s ({self.docs_per_s:.1f} documents/s): "
                f"{self.added} new, {self.skipped} already stored, {self.errors} error(s); "
                f"{self.events} event(s), {self.merges} merged into stored incidents")


def ingest_processed(processed: Iterable[Processed], store: BaseStore, batch_size: int = 16,
                     on_error: Optional[Callable[[str], None]] = None,
                     on_added: Optional[Callable[[dict], None]] = None,
                     on_progress: Optional[Callable[[int], None]] = None,
                     started: Optional[float] = None) -> IngestSummary:
    """Store every processed document, ``batch_size`` to a transaction; report errors by callback.
    ``started`` (a ``time.perf_counter()`` value) is when the job began, for documents/s."""
    s = IngestSummary() if started is None else IngestSummary(started=started)
    batch: list[Processed] = []

    def flush():
        if not batch:
            return
        try:
            outcomes = store.add_documents([(p.doc, p.text, p.origin) for p in batch])
        except StoreError as exc:  # locked, disk full, server gone: say what is kept and how to resume
            raise StoreError(f"{exc.message}. {s.added} document(s) of this run were stored before it and are kept; "
                             f"the batch of {len(batch)} being written was rolled back. Run the same command "
                             f"again to resume: stored documents are skipped") from exc
        for p, o in zip(batch, outcomes):
            if o.status == ADDED:
                s.added += 1
                s.events += o.events
                s.merges += o.merges
                if on_added:
                    on_added(p.doc)
            elif o.status == SKIPPED:
                s.skipped += 1
            elif o.status == FAILED:
                s.errors += 1
                if on_error:
                    on_error(o.message)
        if on_progress:
            on_progress(len(batch))
        batch.clear()

    for p in processed:
        s.documents += 1
        if p.error is not None:
            s.errors += 1
            if on_error:
                on_error(p.error.get("message") or p.error.get("code"))
            if on_progress:
                on_progress(1)
            continue
        batch.append(p)
        if len(batch) >= batch_size:
            flush()
    flush()
    s.seconds = time.perf_counter() - s.started
    return s
