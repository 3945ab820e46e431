"""marsad's exceptions. One base class; every error has a stable code.

    MarsadError
    ├── InputError          [M001] a file or document cannot be read (names the file)
    │   ├── EncodingError   [M002] bytes that cannot be decoded or repaired
    │   ├── BinaryInputError [M003] the data is not text (PDF, image, archive, random bytes)
    │   └── LimitError      [M004] over an input limit (document size, batch, line length, HTML depth)
    ├── ConfigError         [M010] bad option or setting
    ├── GazetteerError      [M020] gazetteer missing, corrupt or a bad import file
    ├── KnowledgeBaseError  [M030] an actor file is malformed or conflicts
    └── StoreError          [M040] the database cannot be opened or written
"""
from __future__ import annotations


class MarsadError(Exception):
    code = "M000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InputError(MarsadError):
    code = "M001"


class EncodingError(InputError):
    code = "M002"


class ConfigError(MarsadError):
    code = "M010"


class GazetteerError(MarsadError):
    code = "M020"


class KnowledgeBaseError(MarsadError):
    code = "M030"


class StoreError(MarsadError):
    code = "M040"


class BinaryInputError(InputError):
    """[M003] the data is not text (a PDF, an image, an archive, random bytes)."""
    code = "M003"


class LimitError(InputError):
    """[M004] a document, line, batch or HTML page is over one of marsad's input limits."""
    code = "M004"
