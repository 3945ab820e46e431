"""Batch processing: many documents through the pipeline on N local processes (``local.py``) or on
Dask workers (``dask_engine.py``), and into the store in atomic batches (``ingest.py``)."""
from marsad.batch.ingest import IngestSummary, ingest_processed
from marsad.batch.local import Processed, process_items

__all__ = ["Processed", "process_items", "IngestSummary", "ingest_processed"]
