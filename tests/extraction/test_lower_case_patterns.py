"""Guard for the speed-up that runs the toll patterns without case folding on an ASCII sentence's lower case
(fatalities._lower_patterns): it finds the same matches only while no pattern holds a capital letter (a literal, or a
class without the lower-case letter) or an inline flag. A new alternative written with a capital would silently stop
matching; this test parses each pattern and fails first."""

from __future__ import annotations

import re

import pytest

from extraction import fatalities

try:  # Python 3.11+: the parser's modules were made private
    import re._constants as _sc  # type: ignore[import-not-found]
    import re._parser as _sp  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_constants as _sc  # type: ignore[no-redef]
    import sre_parse as _sp  # type: ignore[no-redef]


def _capitals(seq) -> list[str]:  # noqa: ANN001, C901
    """What in a parsed pattern reads letter case: upper-case literals, classes holding a capital without its lower
    case, inline flags."""
    found: list[str] = []
    for op, av in seq:
        if op in (_sc.LITERAL, _sc.NOT_LITERAL) and chr(av).isascii() and chr(av).isupper():
            found.append(chr(av))
        elif op is _sc.IN:
            chars: set[str] = set()
            for cop, cav in av:
                if cop is _sc.LITERAL:
                    chars.add(chr(cav))
                elif cop is _sc.RANGE:
                    chars.update(chr(c) for c in range(cav[0], min(cav[1], 127) + 1))
            found += [c for c in chars if c.isascii() and c.isupper() and c.lower() not in chars]
        elif op is _sc.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                found.append("inline flag")
            found += _capitals(sub)
        elif op is _sc.BRANCH:
            for branch in av[1]:
                found += _capitals(branch)
        elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT, getattr(_sc, "POSSESSIVE_REPEAT", None)):
            found += _capitals(av[2])
        elif op in (_sc.ASSERT, _sc.ASSERT_NOT):
            found += _capitals(av[1])
        elif op in (_sc.GROUPREF, getattr(_sc, "GROUPREF_EXISTS", None)):
            found.append("group reference")
    return found


@pytest.mark.parametrize("key", sorted(set(fatalities._patterns()) - fatalities._CASED))  # noqa: SLF001
def test_a_toll_pattern_run_on_lower_case_holds_no_capital(key):
    pattern = fatalities._patterns()[key]  # noqa: SLF001
    assert _capitals(_sp.parse(pattern.pattern, pattern.flags)) == []
    assert fatalities._lower_patterns()[key].flags & re.IGNORECASE == 0  # noqa: SLF001


@pytest.mark.parametrize("text", [
    "At least 12 Civilians Were Killed and 20 WOUNDED when regime jets struck Douma.",
    "KILLING FOUR IS fighters and two Rebels, the Observatory said.",
    "Two Children And A Woman were killed; one man later died of his wounds.",
    "Dozens Of People were killed, including 3 children, between 10 and 15 of them fighters.",
])
def test_an_ascii_sentence_reads_as_with_case_folding(text):
    # A character outside ASCII (after the full stop, where no toll reaches) sends the sentence down the case-folding path.
    assert fatalities.find_fatalities(text) == fatalities.find_fatalities(text + " é")
