"""A quality floor: the evaluator on the dev data present on this machine must not fall below the last release.

The figures are the ones `python -m extraction.evaluate` prints (bundled gazetteer only).  Extraction is
deterministic, so a floor is the released figure rounded down to a tenth of a percentage point: on the
923 ACLED notes a rule whose removal costs two notes fails this test, on the 87 matched whole-article
events one event.  When a change improves a
figure, raise its floor here in the same commit; a change that lowers one must say why and lower it on
purpose.  The dev data is not in the repository (``../shared/eval``, or ``CONFLICT_MAP_EVAL_DIR``); without
it the test is skipped and says so.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest

from tests.conftest import EVAL_DIR

RELEASED = "f537775"  # the commit these floors were measured on; raise them as the figures rise

# Whole articles: tests/gold/fakes (hand-coded gold over fakes_articles_dev.csv) plus the seed.  Re-based when
# the matcher stopped taking a same-named place in another governorate for the gold's (al-Sabil in Dar'a for
# As-Sabil in Aleppo): on 38b36ca that stricter matcher gives P 50.9%, R 44.5%, fatalities 69.4%.
# Issue 10 merged: P 109/183 -> 110/182, R 109/191 -> 110/191, sub-type 96/109 -> 96/110: the newly matched
# event (Russian strikes on Al-Rashideen, told in a sentence that names poisonous gasses for another attack) is
# coded Chemical weapon - the same 96 are right, one more match is wrong.
# Issue 10, third round (sub10, measured on 86c74bf): P 110/181 -> 110/180.
# Issue 9 (main, 2026-12-06, measured on 5db840a): precision 111/174 -> 116/176, recall 111/191 -> 116/191, sub-type 88.8%,
# actor1 90/116, fatalities 86/116.
# Issue 9 (main, 2026-12-06 second session): two more matched events (a strike with its own toll no longer
# absorbed by the battle of another sentence; Herfa placed over the border the text names): P 117/175, R 117/191;
# sub-type 103 -> 104, actor1 90 -> 91, fatalities 86 -> 87 right, but the newly matched rebel shelling of Aleppo
# (f=6) pairs with the gold's barrel-bomb strike (f=8, still merged into its neighbour), so the shares fall:
# floors lowered to the new shares on purpose.
# Issue 9 (main, 196b7f0): P 120/178, R 120/191, sub-type 108/120, actor1 93/120, fatalities 93/120.
# Issue 9 (main, 2026-12-06 third session): P 121/177, R 121/191, sub-type 109/121, actor1 94/121, fatalities 93/121:
# fatalities lowered by one event on purpose - "Redur Khalil one of the spokespersons within SDF said" is a person,
# no longer the village Khalil, and the unplaced clash told before it (with the article's 24 dead) now merges into
# the Shaddadeh clash of his sentence, which the gold codes without a toll.
# Issue 9 (main, 2026-12-06 fourth session, 92a0f4b): P 122/174, R 122/191, sub-type 110/122, actor1 96/122, fatalities 94/122.
# Then P 122/172 and fatalities 92/122, lowered on purpose: "20 rocket shells fired by ISIS terrorists positioned in ...
# targeted houses in al-Qusor and Hrabesh" is one shelling, no longer also two Armed clashes (two extras gone), and
# the city-level "four civilians were killed when ISIS targeted residential neighborhoods in Deir Ezzor" now merges
# into the Hrabesh shelling of that sentence instead of standing alone where the gold's al-Qusor event (4 dead) matched it.
# Then a place borrowed from another sentence no longer merges a total of another size into an event (dedup._same_place):
# P 123/173, R 123/191, sub-type 112/123, actor1 98/123, fatalities 94/123 (the barrel bomb of 1914947538 with its 8 dead
# is its own event again, not absorbed by the battle of 245).
# Fifth session: P 123/168; fatalities 96/123 (an agency's photo credit ends the caption the lead ran on from: its 21 dead
# are read); sub-type 113/123 ("A shell fired by regime troops hit ... killing five" is a shelling, was an Attack).
# Then actor1 98 -> 100/123 (an unnamed perpetrator of a deed against civilians is the group whose deed was told
# just before: pipeline._carry_perpetrators). Fatalities 97/123 ("aerial and artillery bombardments": the toll to the strike).
# Then an area named right after the verb before any other place is the event's ("shelling the Aqrab area near
# the Housing Project", placechoice.choose_places): P 123/169, fatalities 98/123.
# Sixth session of 2026-12-06: a back-reference whose place lies inside the one told first is that event (pipeline._holds):
# P 123/168 -> 123/166; then the Rashidin bombing placed by its back-reference, attacks named only as support or
# cause, allegiances ("pro-opposition television") no side: P 123/163, sub-type 114, actor1 101, fatalities 99 of 123.
# Seventh session of 2026-12-06: homonyms placed by the town named after them, unnamed strikes on rebel-held places the
# state's, "a day after" clauses, sums across "including", the day's share of a running toll, dated titles as headlines,
# force convoys only, "Syrian or Russian" as the state with its ally associated, truces violence happened despite: P 127/162, R 127/191, sub-type 118,
# actor1 109, fatalities 106 of 127.
# Eighth session (2026-12-06): a toll told at the event's own place over one told for a wider area, an undated report
# dated by the sentence before in the same governorate: P 127/161, fatalities 108 of 127. Then fire at positions with no
# fighting told as shelling, one aircraft named as its force: P 129/161, R 129/191. Then photo credits, titles, legal
# notes, fighters "destroyed", the helper's gazetteer near misses (gz-x): P 131/163, R 131/191, sub-type 122, actor1 114,
# fatalities 113 of 131. Then hideouts destroyed as shelling: P 134/166, R 134/191.
# Ninth session (2026-12-06): generic "jihadists" as the one Islamist group named, the weekend as a date, violence an
# area "has seen" as no event, ground taken "as X pushed into" as X's, devices destroyed as no bombing: P 134/165,
# R 134/191, sub-type 126, actor1 118, fatalities 116 of 134.
# Tenth session (2026-12-07): executions told in their own sentence, with their own place and toll, are an Attack
# beside the capture (dedup.absorbs), as ACLED and the gold code them: P 134/166, lowered on purpose - in 1914947538
# the split-off Rityan executions are dated by "earlier this week" (the 19th), not by the "Tuesday" of the
# back-reference "The killings took place after troops entered the town Tuesday" (the gold's 17th), so both the
# capture and the executions stay two days off the gold.
# Then a car bomb "destroyed" beside the strike that destroyed it is no event of its own (the strike is): P 135/166,
# R 135/191, sub-type 127, actor1 119, fatalities 117 of 135.
# Eleventh session (2026-12-07): claims, relative clauses, war-origin history, deeds abroad, "Another targeted": P 135/162,
# R 135/191. (The Castello Road and Bani Zeid as gazetteer rows gave P 136/165, R 136/191 on the gold but were reverted:
# on FA-KES articles nobody read, the road, named as a route, became the place of the city's strikes, and Bani Zeid, named
# as where shooters sat, the place of their shelling.) Fatalities 117 -> 116 of 135, lowered on purpose: "killing
# seven students and injuring a female teacher and 19 others" summed 7 + 19 = 26 (the hurt across "injuring" are no part
# of the dead; fatalities' sum pattern); the 7 now go to the shooters' place ("terrorists positioned in Bustan al-Qasser
# fired a mortar shell on al-Furqan School"), where the 26 had also been, and the gold's pair there lost its toll.
# Reading "positioned in" as the shooters' origin was tried: it placed the shell right but merged the school's unknown
# name into Aleppo with the next sentence's unknown names (gold recall -2), so it was left out.
# Twelfth session (2026-12-07): places given by distance and bearing, provinces a place lies between, SANA's "al- X"
# and glued headers, list tolls given once, "a day later", the unnamed opposition one attacker with the group named:
# P 137/160, R 137/191, actor1 122, fatalities 119 of 137.
# Thirteenth session (2026-12-07): the destroyed-materiel frame, subheads between dashes, a week's event dated by the
# day another report names, civilians' strike tolls kept from battles told elsewhere, "the province" named by the
# sources' home: P 141/164 = 86.0%, R 141/191 = 73.8%, actor1 126, fatalities 123 of 141.
# Fourteenth session (2026-12-07): weekday possessives dating their noun, a quarter listed with another city's quarters,
# a stripped list cut with one known name, two acts with their own victims at two towns, civilians never a side of a
# clash: P 144/167 = 86.2%, R 144/191 = 75.4%, actor1 129, fatalities 126 of 144.
# Fifteenth session (2026-12-07): a landmark event takes its day from any report of it dated to it (the Ghouta attack,
# headed by a dateline's Friday): P 145/167, R 145/191. Governorate 144/144 -> 144/145, actor1 129/144 -> 129/145 and
# fatalities 126/144 -> 126/145 lowered on purpose: the new match is the one wrong on all three (ACLED places "the
# outskirts of Damascus" in Rif Dimashq, its actor is told only in a sentence about allegations, its toll only as the
# opponents' claim), so no event got worse.
# Then (same session) "X al-Y" near its known first word, lists that carry what locates a place, a force's own units,
# a strike told as following "the attack", a week dated by another event's day at its place, a city's surroundings by
# their side, the unknown last place of a list, the Old City: P 153/174 = 87.9%, R 153/191 = 80.1%. The evaluator now
# pairs same sub-types first (a bombing and a shelling at one city paired crosswise before): sub-type 143 -> 149,
# fatalities 132 -> 134 of 153 from that alone.
ARTICLE_FLOORS = {"precision": 0.875, "recall": 0.800, "governorate": 0.993, "sub_event_type": 0.970,
                  "actor1": 0.890, "fatalities": 0.870}
# ACLED's one-line notes (acled_syria_dev.csv).  actor1 lowered by one note on purpose (issue 10, sub-type 835 ->
# 841 of 923; fatalities 752 with issue 9 merged): a capture now absorbs the clash told in its sentence, and
# ACLED's undirected actor1 for "..., where the factions managed to gain control of Qbeibat" is the side that lost
# the ground (both actors are still right).
# Issue 10, third round (sub10, measured on 86c74bf): event type 880 -> 881, sub-type 841 -> 849, actor1 722 -> 723,
# both actors 700 -> 702, fatalities 759 -> 760 of 923.
# The 2020 rows (every event type, ACLED's full coding of late April - 9 May 2020) on their own, first printed on
# sub10: 322/340 sub-types right.
# Issue 10, fourth round (sub10, measured on b688e7d): event type 881 -> 882, sub-type 849 -> 850 (2020 rows 322 -> 323
# of 340), actor1 724 -> 725, both actors 702 -> 703, fatalities 774 -> 775 of 923.
# Issue 9 (main, 2026-12-06): within 10 km 746 -> 745 of 923 (80.8% -> 80.7%), lowered on purpose: "Syrian Democratic Forces
# repelled an IS attack on Rawdah neighbourhood of Ar-Raqqa city. Eight IS members were killed, including two snipers" was two
# events (the snipers read as an attack, at the city) and is now one, at OCHA's Alrawda ("Rawda - Raqqa centre", 8.7 km from
# the city's point and 11 km from ACLED's, which codes the city) - actor1 724 -> 725 and both actors 703 -> 704 rose with it.
# Issue 9 and 10 (main, 5db840a): event type 883, sub-type 851, both actors 704, fatalities 776 of 923.
# Issue 9 (main, 196b7f0): governorate 887, actor1 726, both actors 705, fatalities 780 of 923.
# Issue 9 (main, 2026-12-06, third session): fatalities 780 -> 865 of 923 from reading the coder's toll remarks
# ("Unknown fatalities coded as 10", "split, 5 each"; extraction/coded_tolls.py); the 727 notes without one stay 701 right.
# Issue 9 (main, 0bca6cb): governorate 890, within 10 km 748, actor1 732, both actors 714, fatalities 865 of 923.
# Issue 9 (main, 92a0f4b): event type 890, sub-type 862 (2020 rows 328/340), actor1 734, both actors 716 of 923.
# Issue 9 (2026-12-06, fifth session): actor1 734 -> 733, both actors 716 -> 714, lowered on purpose. Any actor's name
# with "-held" written after it now says who holds the place, as the lexicon's "rebel-held" already did
# (roles._holder): the FA-KES dev articles gain (civilians, not "Al Qaeda", as the target of a strike on "the Al
# Qaeda-held city of Idlib"); two notes lose: "rockets ... impacted regime-held Tiyas airbase where Iranian forces ...
# are located" (ACLED: the regime; now Iran), and an overtaking whose side came only from "the IS-controlled Hajin".
# Then "shell" (singular) became a weapon word: one note loses event type, 2020 sub-type, actor1 and both actors
# ("unidentified gunmen targeted a QSD hammer vehicle ... with a shell": ACLED's Armed clash; the shell's own event
# takes the QSD named before it as its side). Dropping the instrument's event instead lost places on FA-KES
# ("targeted al-Razi Hospital with rocket shells and fired others on al-Jamiliyeh and al-Mohafaza"), so it stays.
# The same change: within 10 km 748 -> 754 of 923, while three notes lose event type or actor1 (the event matched first is
# another one now: "clashed ... in the areas of Khalsa and Khan Tuman", "near Al-Sukkariyah crossing in Al Bab city").
# Then a strike the target's air defences fought back, written either way round ("intercepted by the regime's air
# defenses", "shot down a missile"), is a clash: event type 888 -> 892, sub-type 862 -> 866 of 923; "stormed" is a
# raid, not a capture: sub-type 868; a manned aircraft shot down is a clash: event type 893, sub-type 869.
# Issue 9 (2026-12-06, sixth session): US (UK, French) forces in Syria coded as ACLED codes them, the Global Coalition
# with the state associated (roles.as_coalition): actor1 730 -> 736, both actors 713 -> 718 of 923. "near" a governorate's
# capital reaches 50 km (gazetteer.ranking.NEAR_CAPITAL_KM): within 10 km 754 -> 755; then actor1 737 (pipeline._holds).
# Ninth session: a name written as a city is the city (geo._the_city): within 10 km 756 -> 758, actor1 739, both 720.
ACLED_FLOORS = {"matched": 0.989, "event_type": 0.967, "sub_event_type": 0.941, "sub_event_type_2020": 0.958, "admin1": 0.964,
                "within_10km": 0.821, "actor1": 0.800, "both_actors": 0.785, "date_equal": 0.988,
                "fatalities": 0.937}
# Which place in a sentence is the event's (event_location_syria_dev.jsonl).
# 922/1013 (2026-12-07; was 923: "aerial assault" became an air strike trigger, which bounds the clause of "Russian and
# Syrian jets continued their wide-scale aerial assault against IS in eastern Syria, striking several of its positions
# in Deir Ezzor": Deir Ezzor is chosen where the gold marks "eastern Syria"; the trigger fixed 2 FA-KES sub-types)
LOCATION_FLOORS = {"choice": 0.910}


def _eval_dir() -> Path:
    configured = os.environ.get("CONFLICT_MAP_EVAL_DIR")
    path = Path(configured) if configured else EVAL_DIR
    if not (path / "seed_gold.json").is_file():
        pytest.skip(f"no dev data at {path} (../shared/eval next to the repository, or set CONFLICT_MAP_EVAL_DIR): "
                    "the quality floor is not checked on this machine")
    return path


@pytest.fixture(scope="module")
def pipelines(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - (articles pipeline, ACLED pipeline)
    from extraction.pipeline import Pipeline
    from extraction.settings import ExtractionSettings
    from gazetteer import Gazetteer

    gazetteer = Gazetteer.default(data_dir=tmp_path_factory.mktemp("floor"), online=False)
    return (Pipeline(gazetteer=gazetteer, settings=ExtractionSettings(unquantified_fatalities="none")),
            Pipeline(gazetteer=gazetteer, settings=ExtractionSettings(unquantified_fatalities="acled")))


def _quietly(run, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
    with contextlib.redirect_stdout(io.StringIO()):
        return run(*args, **kwargs)


def _below(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    missing = sorted(set(floors) - set(figures))
    assert not missing, f"the evaluator no longer reports {missing}"
    return [f"{name}: {figures[name]:.1%} < floor {floor:.1%}" for name, floor in floors.items()
            if figures[name] + 1e-9 < floor]


def test_the_seed_article_still_gives_all_seven_events_and_nothing_false(pipelines) -> None:  # noqa: ANN001
    from extraction.evaluate import seed

    score = _quietly(seed.run, _eval_dir(), pipeline=pipelines[0])
    assert (len(score.found), score.required) == (7, 7), f"missed {score.missed}"
    assert score.false_positives == [] and score.forbidden_places == [] and score.forbidden_fatalities == []


def test_whole_articles_do_not_fall_below_the_released_figures(pipelines) -> None:  # noqa: ANN001
    from extraction.evaluate import articles

    eval_dir = _eval_dir()
    figures = _quietly(articles.run, articles.DEFAULT_GOLD_DIR, eval_dir / "fakes_articles_dev.csv",
                       pipeline=pipelines[0], seed_gold=eval_dir / "seed_gold.json")
    below = _below(figures, ARTICLE_FLOORS)
    assert not below, "; ".join(below)


def test_acled_notes_do_not_fall_below_the_released_figures(pipelines) -> None:  # noqa: ANN001
    from extraction.evaluate import acled

    figures = _quietly(acled.run, _eval_dir() / "acled_syria_dev.csv", pipeline=pipelines[1])
    below = _below(figures, ACLED_FLOORS)
    assert not below, "; ".join(below)


def test_event_place_choice_does_not_fall_below_the_released_figure(pipelines) -> None:  # noqa: ANN001
    from extraction.evaluate import location

    figures = _quietly(location.run, _eval_dir() / "event_location_syria_dev.jsonl", pipeline=pipelines[0])
    below = _below(figures, LOCATION_FLOORS)
    assert not below, "; ".join(below)
