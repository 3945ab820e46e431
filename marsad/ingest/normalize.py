"""Text repair and offset-preserving normalisation.

Two different operations:

* :func:`repair_text` runs once on input, before a document gets its id: decodes mojibake,
  strips NUL bytes and a BOM, unifies line ends. The repaired text *is* the document text; every
  offset marsad reports refers to it.
* :func:`normalize_for_parse` returns a same-length copy for the parser only: curly quotes become
  straight ones, dashes used as section marks become hyphens, non-breaking spaces become spaces.
  Because the length never changes, offsets into the parsed text are offsets into the document.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

_SAME_LENGTH = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": " ", "\u3000": " ",
})

_MOJIBAKE = re.compile("[\u00c2\u00c3\u00e2\u00c5][\u0080-\u00bf\u201a-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u20ac\u2122]")


def _fix_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8 bytes that were decoded as cp1252/latin-1 ("â€™" -> "’"), when that is clearly what happened."""
    if not _MOJIBAKE.search(text):
        return text, False
    for enc in ("cp1252",):
        try:
            fixed = text.encode(enc).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if len(_MOJIBAKE.findall(fixed)) < len(_MOJIBAKE.findall(text)):
            return fixed, True
    # Mixed text: repair piecewise, run by run.
    def piece(m: re.Match) -> str:
        s = m.group(0)
        raw = bytearray()
        for ch in s:
            try:
                raw += ch.encode("cp1252")
            except UnicodeEncodeError:
                if ord(ch) < 256:
                    raw.append(ord(ch))  # bytes cp1252 leaves undefined (0x81, 0x8d, 0x8f, 0x90, 0x9d)
                else:
                    return s
        try:
            return bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            return s
    fixed = re.sub("[\u00c2\u00c3\u00e2\u00c5][\u0080-\u00bf\u201a-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u20ac\u2122]{1,2}", piece, text)
    return fixed, fixed != text


# Characters that are never text: C0 controls but tab and line ends, DEL, C1 controls, lone
# surrogates (from JSON "\ud800" escapes or undecodable bytes) and the non-characters U+FFFE/FFFF.
# Vertical tab and form feed (page breaks in text extracted from PDFs) become line ends.
_CONTROL_CHARS = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_PAGE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def repair_text(text: str) -> tuple[str, list[str]]:
    """Return (repaired text, warnings about what was repaired).

    NUL bytes and control characters are dropped, not replaced, so the words around them stay
    whole ("Idl\\x00ib" is "Idlib"); the repaired text is the document text, and every offset
    marsad reports indexes it."""
    warnings: list[str] = []
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        warnings.append(f"removed {text.count(chr(0))} NUL byte(s)")
        text = text.replace("\x00", "")
    text = text.translate(_PAGE_BREAKS)
    # Mojibake repair, then control characters out; again while that changes anything, since a
    # control character between a mojibake pair hides it ("Â\x01€"), so that repairing the
    # repaired text changes nothing.
    n_control, fixed_any = 0, False
    for _ in range(3):
        text, fixed = _fix_mojibake(text)
        found = len(_CONTROL_CHARS.findall(text))
        text = _CONTROL_CHARS.sub("", text)
        fixed_any |= bool(fixed)
        n_control += found
        if not found:
            break
    if fixed_any:
        warnings.append("repaired mojibake (UTF-8 read as cp1252/latin-1)")
    if n_control:
        warnings.append(f"removed {n_control} control character(s)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return text, warnings


def normalize_for_parse(text: str) -> str:
    """Same-length copy of ``text`` that the parser handles better (quotes, dashes, odd spaces)."""
    out = text.translate(_SAME_LENGTH)
    assert len(out) == len(text)
    return out


def doc_hash(text: str) -> str:
    """The document id: sha256 of the whitespace-normalised text, first 16 hex chars."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]
