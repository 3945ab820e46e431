"""Language parsing: spaCy with an entity ruler fed by the gazetteer and the actor knowledge base.

``build_nlp`` and ``MODEL_NAME`` load on first use, so that the light helpers of this package
(``marsad.parse.doctext``) do not import spaCy."""

__all__ = ["build_nlp", "MODEL_NAME"]


def __getattr__(name: str):
    if name in __all__:
        from marsad.parse import nlp
        return getattr(nlp, name)
    raise AttributeError(f"module 'marsad.parse' has no attribute {name!r}")
