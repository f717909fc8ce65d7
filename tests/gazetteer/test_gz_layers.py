"""The gazetteer package reads bottom up: each module imports only modules of its own or a lower layer.

Layers (gazetteer/README.md): data and records, then matching, then context and ranking,
then the ``Gazetteer`` facade, then the tools built on it.  Imports under
``if TYPE_CHECKING`` count too: a cycle for the type checker is still a cycle for a reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "gazetteer"
LAYERS = [
    {"errors", "settings", "records", "normalise", "admin", "variants", "table", "store"},  # data and records
    {"index", "generic"},  # matching: which places could a name mean
    {"context", "ranking", "answers"},  # context and ranking: which one does it mean here
    {"gazetteer", "online"},  # the facade
    {"cli", "evaluate", "importers", "__main__", "__init__"},  # tools on top
]
LAYER_OF = {name: n for n, names in enumerate(LAYERS) for name in names}


def _module(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gazetteer."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.ImportFrom) and node.module == "gazetteer":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("gazetteer."))
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_one_way(path: Path) -> None:
    module = _module(path)
    assert module in LAYER_OF, f"{module}: add it to a layer in this test and in gazetteer/README.md"
    for imported in _imports(path) - {module}:
        if imported in ("__init__",) or imported not in LAYER_OF:
            continue
        assert LAYER_OF[imported] <= LAYER_OF[module], f"{module} (layer {LAYER_OF[module]}) imports {imported} (layer {LAYER_OF[imported]})"
