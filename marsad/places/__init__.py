"""Places: the gazetteer, importers and the geoparser (toponym recognition and resolution)."""
from marsad.places.gazetteer import Gazetteer

__all__ = ["Gazetteer", "Geoparser"]


def __getattr__(name):
    if name == "Geoparser":
        from marsad.places.geoparse import Geoparser
        return Geoparser
    raise AttributeError(name)
