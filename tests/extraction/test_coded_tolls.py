"""A coder's remark on the toll in an ACLED-style note ("Unknown fatalities coded as 10.") is the event's toll."""

from __future__ import annotations

from datetime import date

import pytest

from extraction.coded_tolls import coded_toll, toll_for
from tests.extraction.conftest import extract


@pytest.mark.parametrize(
    ("text", "names", "events", "toll"),
    [
        ("Fatalities were reported on both sides. Unknown fatalities coded as 10.", ("Tadmor",), 1, 10),
        ("Unknown number of fatalities coded as ten.", ("Tadmor",), 1, 10),
        ("Total fatalities coded to 26.", ("Hajin",), 1, 26),
        ("Fatalities coded to 0.", ("Hajin",), 1, 0),
        ("Coded 4 fatalities conservatively.", ("Hajin",), 1, 4),
        ("Total fatalities 11.", ("Hajin",), 1, 11),
        # a stated total is the final word over its parts; an added attacker counts
        ("An unknown number of regime fighters, coded as an additional 10, were killed. Total fatalities coded as 14.", ("X",), 1, 14),
        ("Unknown fatalities coded as 10 with 1 additional fatality added for the suicide attacker.", ("X",), 1, 11),
        # shared out: a count for the event's own place, else for each, else an even share of the total
        ("Total fatalities of 21 are split as follows: 9 Tadmor, 6 Arak and 6 Sokhneh.", ("Arak",), 3, 6),
        ("Total fatalities of 21 are split as follows: 9 Tadmor, 6 Arak and 6 Sokhneh.", ("Tadmor",), 3, 9),
        ("Total fatalities coded to 40 and split with 16 coded to Hajin and 12 coded to Sosa and Baghuz each.", ("Sosa",), 3, 12),
        ("The 30 total fatalities are split, with Hajin allocated 12 and Sosa and Baghuz each allocated 9.", ("Hajin",), 3, 12),
        ("Unknown number of fatalities coded as ten and split, five each, between Foah and Kafraya.", ("Foah",), 2, 5),
        ("Fatalities coded as 14 and split evenly between the two events.", ("Kum",), 2, 7),
        ("Unknown fatalities are assumed 10 and divided equally on 2 days.", ("Kum",), 1, 5),
        # uneven, with no count for this place: the remark gives nothing
        ("Unknown fatalities coded as 10 and split between Arbin, Zamalka and Otaya.", ("Douma",), 3, None),
    ],
)
def test_remarks_give_the_toll(text: str, names: tuple[str, ...], events: int, toll: int | None) -> None:
    coded = coded_toll(text)
    assert coded is not None
    assert toll_for(coded, names=names, events=events) == toll


def test_a_whole_figure_is_the_first_events_only() -> None:
    coded = coded_toll("Unknown fatalities coded as 10.")
    assert toll_for(coded, names=("Arak",), events=2, first=True) == 10
    assert toll_for(coded, names=("Tadmor",), events=2, first=False) is None


@pytest.mark.parametrize(
    "text",
    [
        "At least 12 fatalities were reported after the shelling of Douma.",
        "The monitor said fatalities had risen to 40 since the offensive began.",
        "Medics coded the wounded by colour as they arrived at the field hospital.",
    ],
)
def test_news_prose_has_no_remark(text: str) -> None:
    assert coded_toll(text) is None


def test_the_pipeline_reads_the_remark(pipeline) -> None:
    """The note's own words say only "fatalities were reported"; the remark states the figure the coder used."""
    note = ("Regime forces clashed with Islamic State fighters in Sokhneh in Homs countryside. Fatalities were reported on "
            "both sides. Unknown fatalities coded as 10.")
    events = extract(pipeline, note, published=date(2017, 8, 4))
    assert [(e.location, e.fatalities) for e in events] == [("Sokhneh", 10)]
    zero = extract(pipeline, "Regime forces clashed with rebels in Kafr Nabuda in Hama with fatalities reported. Fatalities coded to 0.",
                   published=date(2019, 5, 20))
    assert [e.fatalities for e in zero] == [0]


def test_a_remark_without_the_word_fatalities_is_read_too(pipeline) -> None:
    """The pipeline used to look for remarks only in notes that say "fatalities"; this one says "coded" alone."""
    note = ("Regime forces clashed with Islamic State fighters in Tadmor in Homs. An unknown number of fighters, coded as 10, "
            "were killed in the clashes.")
    assert [e.fatalities for e in extract(pipeline, note, published=date(2017, 8, 4))] == [10]
