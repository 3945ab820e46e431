"""Language parsing: spaCy with an entity ruler fed by the gazetteer and the actor knowledge base."""
from marsad.parse.nlp import build_nlp, MODEL_NAME

__all__ = ["build_nlp", "MODEL_NAME"]
