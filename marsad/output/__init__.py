"""Serialising pipeline results: the output contract (JSON), its schema, and the table/CSV formats."""
from marsad.output.contract import document_to_dict, event_to_dict, toll_to_dict, validate_document, load_schema
from marsad.output.formats import FORMATS, write_documents

__all__ = ["document_to_dict", "event_to_dict", "toll_to_dict", "validate_document", "load_schema",
           "FORMATS", "write_documents"]
