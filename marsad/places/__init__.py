"""Places: the gazetteer, importers and the geoparser (toponym recognition and resolution).

* :class:`marsad.places.gazetteer.Gazetteer` -- ``Gazetteer.open(path=None)`` opens (building on first
  use) the SQLite index in ``$MARSAD_HOME`` or the user data dir; ``lookup``, ``fuzzy``, ``get``,
  ``country``, ``admin1_name``, ``ruler_names``; ``Gazetteer.from_entries([...])`` for tests.
* :class:`marsad.places.geoparse.Geoparser` -- ``Geoparser(gaz).geoparse(doc) -> list[Place]`` and
  ``resolve_name(name, country_hint=None)``.
* :mod:`marsad.places.importers` -- ``import_geonames(gaz_path, *files)``, ``import_ocha(gaz_path,
  dir_or_files)``, ``info(gaz)``.
* :mod:`marsad.places.evaluate` -- ``evaluate_geoparse(xml_path, parse_fn, limit=None)``.
"""
from marsad.places.gazetteer import Gazetteer

__all__ = ["Gazetteer", "Geoparser"]


def __getattr__(name):
    if name == "Geoparser":
        from marsad.places.geoparse import Geoparser
        return Geoparser
    raise AttributeError(name)
