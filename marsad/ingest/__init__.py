"""Reading documents: plain text, HTML, JSONL, CSV, RSS/Atom, directories and stdin."""
from marsad.ingest.readers import read_path, read_paths, SUPPORTED_SUFFIXES
from marsad.ingest.normalize import normalize_for_parse, doc_hash, repair_text

__all__ = ["read_path", "read_paths", "SUPPORTED_SUFFIXES", "normalize_for_parse", "doc_hash", "repair_text"]
