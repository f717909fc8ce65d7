"""Helpers shared by the evaluators: name folding, date parsing, table printing."""

from __future__ import annotations

import re
import statistics

from extraction.acled_names import parse_acled_date  # noqa: F401 - re-exported for the evaluators
from gazetteer.admin import canonical_admin1
from gazetteer.normalise import normalise_name

_PARENS = re.compile(r"\([^)]*\)")
_PREFIX = re.compile(r"^[A-Za-z]{2,5}:\s*")


def place_key(name: str | None) -> str:
    """Case-, diacritic- and article-insensitive key of a place name."""
    return normalise_name(name or "")


def actor_key(name: str | None) -> str:
    """ACLED actor names without the "(Syria)"/"(2000-)" tags or the "QSD:" acronym prefix."""
    if not name:
        return ""
    text = _PREFIX.sub("", _PARENS.sub(" ", name)).lower()
    return " ".join(text.replace("'", "").replace("-", " ").split())


def actors_agree(predicted: str | None, gold: str | None) -> bool:
    """Equal after folding; a sub-unit of the same force ("... of Syria Military Intelligence") agrees."""
    p, g = actor_key(predicted), actor_key(gold)
    if not p or not g:
        return p == g
    return p == g or g.startswith(p + " ") or p.startswith(g + " ")


def admin_key(name: str | None) -> str | None:
    return canonical_admin1(name) if name else None


def share(hits: int, total: int) -> str:
    return f"{hits}/{total} = {100.0 * hits / total:.1f}%" if total else "n/a"


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.1f}" if values else "n/a"


def print_table(title: str, rows: list[tuple[str, str]]) -> None:
    print(f"\n{title}")
    width = max(len(k) for k, _ in rows) if rows else 0
    for key, value in rows:
        print(f"  {key.ljust(width)}  {value}")
