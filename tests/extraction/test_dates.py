"""Dates read against the publication date (2015-12-02 was a Wednesday)."""

from __future__ import annotations

from datetime import date

import pytest

from extraction.dates import find_dates
from tests.extraction.conftest import extract

PUBLISHED = date(2015, 12, 2)

CASES = [
    ("fired artillery on Wednesday afternoon", date(2015, 12, 2), 1),
    ("the town was bombed on Monday", date(2015, 11, 30), 1),
    ("the town was bombed last Wednesday", date(2015, 11, 25), 1),
    ("yesterday, warplanes struck", date(2015, 12, 1), 1),
    ("clashes erupted last night", date(2015, 12, 1), 1),
    ("the day before yesterday", date(2015, 11, 30), 1),
    ("today's shelling", date(2015, 12, 2), 1),
    ("last week", date(2015, 11, 25), 2),
    ("three days ago", date(2015, 11, 29), 1),
    ("began on September 30", date(2015, 9, 30), 1),
    ("began on 30 September", date(2015, 9, 30), 1),
    ("tortured to death in November", date(2015, 11, 15), 3),
    ("in December 2014", date(2014, 12, 15), 3),
    ("On 29 April 2020, an explosion", date(2020, 4, 29), 1),
    ("on January 5, 2017.", date(2017, 1, 5), 1),
    ("on December 26th", date(2014, 12, 26), 1),  # a day after publication is read as last year's
    ("last month", date(2015, 11, 15), 3),
    ("2020-05-04", date(2020, 5, 4), 1),
    # after "on", a day before "killed" is the date ("in March 12 killed" would be a toll)
    ("The attack on the shrine on April 25 killed at least seven", date(2015, 4, 25), 1),
    # the weekend before a Wednesday's report: its Sunday, a span of two days (week precision)
    ("was captured over the weekend", date(2015, 11, 29), 2),
    ("clashes at the weekend", date(2015, 11, 29), 2),
    ("last weekend", date(2015, 11, 29), 2),
    # weeks ago: that many weeks before, to the week ("several"/"a few": three)
    ("which the army began an operation to retake two weeks ago", date(2015, 11, 18), 2),
    ("an offensive launched several weeks ago", date(2015, 11, 11), 2),
]


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("captured over the weekend", date(2016, 7, 16), date(2016, 7, 16)),  # a Saturday's report: that day
    ("captured over the weekend", date(2016, 7, 17), date(2016, 7, 17)),  # a Sunday's: that day
    ("fighting last weekend", date(2016, 7, 17), date(2016, 7, 10)),  # a Sunday's "last weekend": the week before
    ("fighting last weekend", date(2016, 7, 18), date(2016, 7, 17)),  # a Monday's: the Sunday before
])
def test_the_weekend_is_read_from_the_day_of_the_report(text, published, expected):
    (found,) = find_dates(text, published=published)
    assert (found.value, found.precision) == (expected, 2)


@pytest.mark.parametrize(("text", "expected", "precision"), CASES)
def test_date(text, expected, precision):
    found = find_dates(text, published=PUBLISHED)
    assert found, text
    assert (found[0].value, found[0].precision) == (expected, precision)


@pytest.mark.parametrize("text", ["the army may advance", "no date here", "39 kilometres northwest of Hama"])
def test_no_date(text):
    assert find_dates(text, published=PUBLISHED) == []


def test_relative_dates_need_a_publication_date():
    assert find_dates("on Wednesday", published=None) == []
    assert find_dates("on 29 April 2020", published=None)[0].value == date(2020, 4, 29)


def test_offsets_point_at_the_words():
    text = "Shelling on Wednesday killed two."
    (found,) = find_dates(text, published=PUBLISHED)
    assert text[found.start : found.end] == found.text == "Wednesday"


# An undated report right after a sentence that dates its event to the day tells of that day, in the same governorate.
_DATED = "Rebels said government helicopters dropped barrel bombs on Kafr Zita in Hama on March 25."


@pytest.mark.parametrize(
    ("follow", "expected"),
    [
        ("Activists said the regime also struck the hospital in Latamneh, killing two people.", date(2017, 3, 25)),
        # another governorate: another story, dated by the publication
        ("Activists said the regime also struck the hospital in Saraqib, killing two people.", date(2017, 4, 2)),
        # a new part of the story
        ("Meanwhile, activists said the regime struck the hospital in Latamneh, killing two people.", date(2017, 4, 2)),
    ],
)
def test_an_undated_report_tells_of_the_day_the_sentence_before_gave(pipeline, follow, expected):
    events = extract(pipeline, f"{_DATED} {follow}", published=date(2017, 4, 2))
    (hospital,) = [e for e in events if "hospital" in e.notes]
    assert hospital.event_date == expected


@pytest.mark.parametrize(("second", "expected"), [
    # counted from the day the report before gave, however long before publication
    ("A day later Islamic State fighters attacked army positions near Deir Ezzor airport.", date(2016, 9, 18)),
    ("Two days later Islamic State fighters attacked army positions near Deir Ezzor airport.", date(2016, 9, 19)),
    # told a day later, done that day
    ("A day later a military source disclosed that Islamic State fighters attacked army positions near Deir Ezzor "
     "airport.", date(2016, 9, 17)),
])
def test_a_day_later_counts_from_the_day_told_before(pipeline, second, expected):
    text = ("Coalition jets struck Syrian army troops near Deir Ezzor airport on September 17 killing 62 soldiers.\n"
            + second + "\n")
    clashes = [e for e in extract(pipeline, text, published=date(2016, 10, 6)) if e.event_type == "Battles"]
    assert clashes and all(e.event_date == expected for e in clashes)


@pytest.mark.parametrize(("text", "expected"), [
    # a weekday's possessive dates the noun after it, before a later date of another clause
    ("Tuesdays bombing run on eastern Aleppo ended a pause inside the city declared by Russia on Oct. 18.",
     date(2016, 11, 15)),
    ("Tuesday's bombing run on eastern Aleppo ended a pause inside the city declared by Russia on Oct. 18.",
     date(2016, 11, 15)),
    ("The monitor said Mondays deadly air raid on the convoy in Orum al-Kubra destroyed 18 trucks.", date(2016, 11, 14)),
    # a dateline before the first sentence is no possessive: the weekday after the trigger dates it
    ("Published November 16 2016 An explosion at a mosque in Syrias Idlib province on Friday killed 25 fighters.",
     date(2016, 11, 11)),
])
def test_a_weekdays_possessive_dates_the_event_it_names(pipeline, text, expected):
    events = extract(pipeline, text, published=date(2016, 11, 16))
    assert events and events[0].event_date == expected, [(e.event_date, e.sub_event_type) for e in events]


def test_a_well_known_event_named_without_its_day_is_dated_to_it(pipeline):
    """data/landmark_events.csv: the Khan Shaykhun sarin attack was on 4 April 2017; a later report naming it without a
    day is that event on its day, and a new attack there told with its own day keeps it."""
    text = ("The senior officials exchanged views about the terrible suspected chemical attack in the Syrian town of Khan "
            "Shaikhoun in Idlib Province which killed 86 people.")
    events = extract(pipeline, text, published=date(2017, 4, 10))
    assert [(e.sub_event_type, e.event_date) for e in events] == [("Chemical weapon", date(2017, 4, 4))]
    new = "On Friday a chlorine attack hit Khan Sheikhun in Idlib province, injuring 12 people."
    assert [e.event_date for e in extract(pipeline, new, published=date(2017, 5, 10))] == [date(2017, 5, 5)]


def test_the_reports_of_a_well_known_event_take_its_day_even_when_another_day_heads_them(pipeline):
    """The report heading a group can carry another day (the dateline's, glued to the headline: "Friday 23 August 2013
    U.N. chief pushes Syria to allow for chemical attack probe"); once another report of the same event at the
    landmark's place is dated to the landmark (Ghouta, 21 August 2013), the event is."""
    text = ("Friday 23 August 2013 U.N. chief pushes Syria to allow for chemical attack probe. Activists in the suburbs of "
            "Damascus say the inspectors are staying a five-minute drive away. Were being exterminated with poison gas "
            "while they drink their coffee said an activist.")
    events = extract(pipeline, text, published=date(2013, 8, 23))
    assert [(e.sub_event_type, e.location, e.event_date) for e in events] == [
        ("Chemical weapon", "Damascus", date(2013, 8, 21))]


def test_an_event_told_to_the_week_takes_the_day_of_another_event_at_its_place(pipeline):
    """"48 people executed ... in the village of Rityan earlier this week" and "troops entered the town Tuesday" (the
    capture of Rityan): the executions took place on that Tuesday, as the capture did; a weekend is no week."""
    text = ("Syrian troops seized the village of Rityan north of Aleppo on Tuesday after heavy clashes with rebels. "
            "The Observatory said 48 people were executed by government forces in the village of Rityan earlier this week.")
    events = extract(pipeline, text, published=date(2015, 2, 22))
    assert {(e.sub_event_type, e.event_date) for e in events} == {
        ("Government regains territory", date(2015, 2, 17)), ("Attack", date(2015, 2, 17))}
    weekend = ("Rebels shelled Aleppo on Tuesday killing 5 people. Violence culminated at the weekend in deadly "
               "air strikes on Aleppo that killed 12 civilians.")
    events = extract(pipeline, weekend, published=date(2016, 9, 19))
    assert {(e.sub_event_type, e.event_date) for e in events} == {
        ("Shelling/artillery/missile attack", date(2016, 9, 13)), ("Air/drone strike", date(2016, 9, 18))}
