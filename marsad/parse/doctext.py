"""Per-Doc values that spaCy recomputes on every access, computed once and kept in ``doc.user_data``."""
from __future__ import annotations


def doc_text(doc) -> str:
    """The text of a parsed Doc, joined once per Doc (spaCy's ``Doc.text`` joins every token's text on
    each access) and kept in ``doc.user_data``."""
    text = doc.user_data.get("marsad.text")
    if text is None or len(text) != (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0):
        text = doc.text
        doc.user_data["marsad.text"] = text
    return text
