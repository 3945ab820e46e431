"""Bytes -> text: tell text from binary data, detect the encoding, and decode without losing text.

``decode_bytes(data, origin) -> (text, warnings)`` raises :class:`~marsad.errors.BinaryInputError`
for data that is not text (a PDF, an image, an archive, random bytes), naming the file and why.
Otherwise it decodes, in this order:

1. a byte-order mark: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE (a UTF-16 mark in front of plain 8-bit
   text is a stray mark and is dropped, with a warning);
2. UTF-16 without a mark, recognised by one byte of each pair being nearly always the same small
   value (NUL for Latin script, 0x06 for Arabic) and decoding to text;
3. UTF-8. Stray bytes that are not UTF-8 inside UTF-8 text (one Windows-1252 curly quote pasted into
   a UTF-8 file) are read one by one as Windows-1252, with a warning giving their number; bytes
   that are not characters in Windows-1252 either are dropped;
4. no valid multi-byte UTF-8 sequence and bytes above 0x7F: a single-byte encoding. Windows-1256
   (Arabic) when the high bytes form Arabic words with the article al-, Latin-1 when the bytes 0x80-0x9F that
   Windows-1252 leaves undefined occur, else Windows-1252 (a superset of Latin-1's letters). A
   warning names the encoding chosen.

The text returned is then repaired by :func:`marsad.ingest.normalize.repair_text` (NULs and
control characters dropped, mojibake undone, line ends unified). Offsets that marsad reports index
that repaired text, which is the document text the store keeps.
"""
from __future__ import annotations

import codecs
import re
from collections import Counter
from typing import Optional

from marsad.errors import BinaryInputError

# File signatures of common non-text formats (first bytes), by name for the error message.
MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "a PDF document"), (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/ODT)"),
    (b"PK\x05\x06", "a ZIP archive"), (b"\x1f\x8b", "a gzip-compressed file"), (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file"), (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an ELF executable"), (b"MZ", "a Windows executable"), (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an MS Office (OLE) document"), (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"), (b"ID3", "an MP3 audio file"), (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"), (b"\x00\x00\x00\x1cftyp", "an MP4 video"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"), (b"wOFF", "a web font"), (b"wOF2", "a web font"),
    (b"\x00asm", "a WebAssembly module"), (b"PAR1", "a Parquet file"), (b"ARROW1", "an Arrow file"),
    (b"\x93NUMPY", "a NumPy array"), (b"\x80\x04\x95", "a Python pickle"), (b"\x80\x05\x95", "a Python pickle"),
]

_BOMS = [(codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16")]

# C0 control bytes that never occur in text (tab, LF, VT, FF, CR and ESC do)
_CONTROL = frozenset(set(range(0x00, 0x09)) | {0x0E, 0x0F} | set(range(0x10, 0x1B)) | set(range(0x1C, 0x20)) | {0x7F})
_SAMPLE = 65536
# bytes that Windows-1252 leaves undefined: their presence means Latin-1 (as ISO 8859-1 C1 controls)
_CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})
_HIGH_RUN = re.compile(rb"[\xc0-\xff]{3,}")
_HIGH = re.compile(rb"[\x80-\xff]")
# a valid multi-byte UTF-8 sequence
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


_ESCAPED = re.compile("[\udc80-\udcff]")


def _as_cp1252(m: re.Match) -> str:
    """A byte that is not UTF-8 (escaped as a lone surrogate) read as Windows-1252, or dropped."""
    return bytes([ord(m.group(0)) - 0xDC00]).decode("cp1252", errors="ignore")


def sniff_binary(data: bytes) -> Optional[str]:
    """Why ``data`` is not text (a phrase for the error message), or None when it may be text."""
    for magic, what in MAGIC:
        if data.startswith(magic) and (not _printable(magic) or _has_control(data[:4096])):
            return what
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
                        codecs.BOM_UTF8)) or _utf16_without_bom(data):
        return None
    sample = data[:_SAMPLE]
    if not sample:
        return None
    n_control = sum(1 for b in sample if b in _CONTROL)
    # a text file may hold a few stray NULs or control bytes (they are repaired); binary data is
    # full of them (random bytes: about 11%)
    if n_control > max(4, 0.02 * len(sample)):
        return f"binary data ({100 * n_control / len(sample):.0f}% control bytes in the first {len(sample):,} bytes)"
    return None


def _printable(magic: bytes) -> bool:
    """A signature that is plain printable ASCII ("MZ", "RIFF", "ID3") can also open a text file
    ("MZ Zambia...", "ID3 staff"); the formats it marks always hold control bytes right after it."""
    return magic != b"%PDF-" and all(0x20 <= b < 0x7F for b in magic)


def _has_control(head: bytes) -> bool:
    return any(b in _CONTROL for b in head)


def _utf16_without_bom(data: bytes) -> Optional[str]:
    """"utf-16-le"/"utf-16-be" for UTF-16 text without a mark: one byte of each pair is nearly
    always the same small value below 0x20 (NUL for Latin script, 0x04 for Cyrillic, 0x06 for Arabic...), and
    what it decodes to is text, not control characters."""
    sample = data[:_SAMPLE]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for enc, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        top, n = Counter(high).most_common(1)[0]
        # the script byte of UTF-16 text is a C0 value (alphabets live below U+2000); a printable
        # ASCII byte there is 8-bit text whose bytes happen to pair up ("001.2.31")
        if top >= 0x20 or n <= 0.4 * len(high) or Counter(low).most_common(1)[0][1] > 0.4 * len(low):
            continue
        chars = sample[:len(sample) // 2 * 2].decode(enc, errors="replace")
        bad = sum(1 for c in chars if ord(c) < 0x20 and c not in "\t\n\r\x0b\x0c" or c == "\ufffd")
        if bad <= 0.02 * len(chars):
            return enc
    return None


def _stray_bom(rest: bytes) -> bool:
    """A UTF-16 mark followed by plain 8-bit text (no NULs, mostly printable ASCII with spaces)."""
    sample = rest[:_SAMPLE]
    if not sample or b"\x00" in sample:
        return False
    printable = sum(1 for b in sample if 0x20 <= b < 0x7F or b in (9, 10, 13))
    return printable >= 0.9 * len(sample) and sample.count(b" ") >= 0.08 * len(sample)


def _single_byte_encoding(data: bytes) -> str:
    high = _HIGH.findall(data)
    if any(b[0] in _CP1252_UNDEFINED for b in high):
        return "latin-1"
    # Arabic in Windows-1256: letters are 0xC1-0xFE, so words are runs of high bytes; accented
    # letters of Western text in Windows-1252 stand alone inside ASCII words
    # (and the article al- "\xc7\xe1", in nearly every Arabic sentence, is there)
    in_runs = sum(len(r) for r in _HIGH_RUN.findall(data))
    if len(high) >= 6 and in_runs >= 0.6 * len(high) and b"\xc7\xe1" in data:
        return "cp1256"
    return "cp1252"


_NAMES = {"cp1252": "Windows-1252", "cp1256": "Windows-1256 (Arabic)", "latin-1": "Latin-1 (ISO 8859-1)"}


def decode_bytes(data: bytes, origin: str) -> tuple[str, list[str]]:
    """Decode ``data`` read from ``origin`` (a file name, for messages): (text, warnings).

    Raises :class:`BinaryInputError` when the data is not text. The text is not yet repaired."""
    why = sniff_binary(data)
    if why is not None:
        raise BinaryInputError(f"{origin}: not a text file: {why}; skipped")
    warnings: list[str] = []
    for bom, enc, name in _BOMS:
        if data.startswith(bom):
            rest = data[len(bom):]
            if name == "UTF-16" and _stray_bom(rest):
                warnings.append(f"{origin}: a UTF-16 byte-order mark in front of 8-bit text was dropped")
                data = rest
                break
            if name == "UTF-8":
                data = rest
                break
            text = rest.decode(enc, errors="replace")
            if "\ufffd" in text:
                warnings.append(f"{origin}: {text.count(chr(0xfffd))} undecodable {name} unit(s) replaced by U+FFFD")
            return text, warnings
    enc16 = _utf16_without_bom(data)
    if enc16:
        warnings.append(f"{origin}: decoded as {enc16.upper()} (no byte-order mark)")
        return data.decode(enc16, errors="replace"), warnings
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    n_high = len(_HIGH.findall(data))
    if sum(len(m) for m in _UTF8_MULTI.findall(data)) >= 0.5 * n_high:
        # UTF-8 text with stray bytes: most high bytes form valid UTF-8 sequences
        text = data.decode("utf-8", errors="surrogateescape")
        n_bad = len(_ESCAPED.findall(text))
        text = _ESCAPED.sub(_as_cp1252, text)
        warnings.append(f"{origin}: {n_bad} byte(s) that are not UTF-8 read as Windows-1252 (or dropped)")
        return text, warnings
    enc = _single_byte_encoding(data)
    warnings.append(f"{origin}: not UTF-8; decoded as {_NAMES[enc]}")
    return data.decode(enc, errors="ignore"), warnings

