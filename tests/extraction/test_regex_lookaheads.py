"""Guard for the speed-ups that put a lookahead first in a pattern, "(?=[abc])...": it names the letters a match can
begin with, so the engine tries the rest only there. It must cover every letter the rest of the pattern can start
with; a new alternative starting with another letter would silently stop matching. This test parses each such
pattern of the extraction modules and checks the class against the pattern's real first characters."""

from __future__ import annotations

import re

import pytest

from extraction import components, dates, events, fatalities, pipeline, placechoice, placecues, roles, sentence, triggers

try:  # Python 3.11+: the parser's modules were made private
    import re._constants as _sc  # type: ignore[import-not-found]
    import re._parser as _sp  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_constants as _sc  # type: ignore[no-redef]
    import sre_parse as _sp  # type: ignore[no-redef]

MODULES = (components, dates, events, fatalities, pipeline, placechoice, placecues, roles, sentence, triggers)
_LEAD = re.compile(r"^\(\?=\[([^\]]+)\]\)")


class _Unknown(Exception):
    pass


def _first(seq) -> tuple[set[str], bool]:  # noqa: ANN001
    out: set[str] = set()
    for op, av in seq:
        found, nullable = _item(op, av)
        out |= found
        if not nullable:
            return out, False
    return out, True


def _item(op, av) -> tuple[set[str], bool]:  # noqa: ANN001, C901
    if op is _sc.LITERAL:
        return {chr(av)}, False
    if op is _sc.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is _sc.LITERAL:
                chars.add(chr(a))
            elif o is _sc.RANGE and a[1] - a[0] <= 200:
                chars |= {chr(c) for c in range(a[0], a[1] + 1)}
            else:
                raise _Unknown
        return chars, False
    if op is _sc.BRANCH:
        chars, nullable = set(), False
        for branch in av[1]:
            found, n = _first(branch)
            chars |= found
            nullable = nullable or n
        return chars, nullable
    if op is _sc.SUBPATTERN:
        return _first(av[-1])
    if op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT, getattr(_sc, "POSSESSIVE_REPEAT", None)):
        low, _, sub = av
        found, nullable = _first(sub)
        return found, low == 0 or nullable
    if op in (_sc.AT, _sc.ASSERT, _sc.ASSERT_NOT):
        return set(), True
    raise _Unknown(op)


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for module in MODULES:
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and _LEAD.match(value.pattern):
                found.append((f"{module.__name__}.{name}", value))
    for name, value in placecues._role_patterns().items():  # noqa: SLF001 - the role patterns live in a cached dict
        if _LEAD.match(value.pattern):
            found.append((f"placecues role {name!r}", value))
    return found


def _class_chars(body: str, flags: int) -> set[str]:
    """The characters of a bracketed class "[body]"."""
    (op, members), = _sp.parse(f"[{body}]", flags)
    chars, _ = _item(op, members)
    return chars


def test_there_are_such_patterns():
    assert len(_patterns()) >= 20  # the guard below checks something


@pytest.mark.parametrize(("name", "pattern"), _patterns(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_leading_lookahead_covers_every_first_letter(name, pattern):
    lead = _LEAD.match(pattern.pattern)
    allowed = _class_chars(lead.group(1), pattern.flags)
    rest = pattern.pattern[lead.end():]
    try:
        first, nullable = _first(list(_sp.parse(rest, pattern.flags)))
    except _Unknown:
        pytest.skip(f"{name}: its first characters cannot be listed")
    assert not nullable, f"{name}: the rest of the pattern can match empty, so the lookahead may refuse a match"
    if pattern.flags & re.IGNORECASE:
        first, allowed = {c.lower() for c in first}, {c.lower() for c in allowed}
    missing = first - allowed
    assert not missing, f"{name}: the lookahead leaves out {sorted(missing)}, letters a match can begin with"


def test_the_guard_catches_a_missing_letter():
    broken = re.compile(r"(?=[ab])(?:alpha|beta|gamma)")
    first, _ = _first(list(_sp.parse(broken.pattern[len("(?=[ab])"):], broken.flags)))
    assert first - _class_chars("ab", broken.flags) == {"g"}
