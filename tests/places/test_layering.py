"""The places package's index modules form one direction of use: normalize <- packs <- gazetteer <- importers
(the packs' builder, the index and the importers; see marsad/INTERFACES.md). Imports inside functions count."""
import ast
from pathlib import Path

PLACES = Path(__file__).resolve().parents[2] / "marsad" / "places"
ORDER = ["normalize", "packs", "gazetteer", "importers"]


def _places_imports(module: str) -> set:
    tree = ast.parse((PLACES / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "marsad.places":
                found |= {a.name for a in node.names}
            elif node.module.startswith("marsad.places."):
                found.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[2] for a in node.names if a.name.startswith("marsad.places.")}
    return found & set(ORDER)


def test_each_module_uses_only_those_below_it():
    for i, module in enumerate(ORDER):
        above = set(ORDER[i:])
        assert not (_places_imports(module) & above), (module, _places_imports(module) & above)
    assert "gazetteer" in _places_imports("importers") and "packs" in _places_imports("gazetteer")
