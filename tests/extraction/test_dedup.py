"""Reports of one event inside an article merge into one event with every mention."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extraction.conftest import extract


def test_two_sentences_same_strike_merge(pipeline):
    text = (
        "Russian warplanes bombed Kafr Nabl on Monday, killing 4 civilians.\n"
        "The Russian air strikes on Kafr Nabl also destroyed a hospital.\n"
    )
    (event,) = extract(pipeline, text)
    assert len(event.mentions) == 2
    assert event.fatalities == 4


def test_caption_only_adds_a_mention(pipeline):
    text = (
        "Regime forces shelled Douma on Monday.\n"
        "Regime shelling on Douma [Getty]\n"
    )
    (event,) = extract(pipeline, text)
    assert len(event.mentions) == 2
    assert event.notes.startswith("Regime forces shelled")


def test_a_news_photo_caption_makes_no_event_of_its_own(pipeline):
    """An agency photo's caption ("In this photo taken on June 8 ...") shows an event; it does not report one."""
    text = (
        "In this photo taken on June 8, provided by the civil defence, workers help a woman after warplanes attacked Kafr Nabl.\n"
        "Regime forces shelled Douma on Monday, killing 3 civilians.\n"
    )
    assert [e.location for e in extract(pipeline, text)] == ["Duma"]


def test_the_lead_after_a_photo_credit_is_a_sentence_of_its_own(pipeline):
    """A caption runs into the lead with no full stop between, only the agency's credit and the dateline: the
    credit ends the caption, so the lead's strike and toll are read (they were lost with the caption)."""
    text = (
        "In this photo taken on June 8 provided by the civil defence workers help an injured woman after warplanes "
        "attacked a street in Aleppo Syria (AP photo) BEIRUT Air strikes on a market in the city of Idlib killed "
        "at least 21 civilians on Sunday."
    )
    assert [(e.location, e.fatalities) for e in extract(pipeline, text)] == [("Idleb", 21)]


def test_a_tab_ends_a_sentence_like_a_line_break(pipeline):
    """Some feeds break paragraphs with tabs and no full stop: "... on September 12 2016 in accordance with the
    agreement\t \t Regime renews onslaught Elsewhere airstrikes have targeted ..." - the date before the tabs is the
    truce's, not the strikes'."""
    text = ("Syrias army announces the end of the freeze on fighting that began at 7pm on September 12 2016 in accordance "
            "with the US-Russia agreement\t \t Regime renews onslaught Elsewhere airstrikes have targeted at least five "
            "neighbourhoods in the rebel-held east of Aleppo city after the regime declared the end of the ceasefire.")
    events = [e for e in extract(pipeline, text, published=date(2016, 9, 19)) if e.sub_event_type == "Air/drone strike"]
    assert [e.event_date for e in events] == [date(2016, 9, 19)]


def test_different_places_stay_apart(pipeline):
    text = "Russian warplanes bombed Kafr Nabl.\nRussian warplanes bombed Saraqib.\n"
    assert len(extract(pipeline, text)) == 2


def test_different_attackers_stay_apart(pipeline):
    text = "Russian jets carried out air raids on rebel positions near Jariz, which IS captured."
    kinds = sorted(e.sub_event_type for e in extract(pipeline, text))
    assert kinds == ["Air/drone strike", "Non-state actor overtakes territory"]


def test_battle_absorbs_accompanying_shelling(pipeline):
    text = "Regime forces clashed with rebels in Kafr Nabl amid heavy regime shelling of the town."
    (event,) = extract(pipeline, text)
    assert event.sub_event_type == "Armed clash"


@pytest.mark.parametrize("text", [
    "Unknown warplanes targeted the area near Saraqib amid clashes between the Syrian army and IS.",
    "Russian warplanes carried out air strikes on Kafr Nabl amid clashes between regime forces and rebels.",
])
def test_strikes_by_an_unnamed_force_or_an_ally_amid_a_clash_are_part_of_it(pipeline, text):
    (event,) = extract(pipeline, text)
    assert event.sub_event_type == "Armed clash"


def test_strikes_by_a_third_force_amid_a_clash_stay_apart(pipeline):
    text = "Turkish warplanes carried out air strikes on Kafr Nabl amid clashes between regime forces and rebels."
    kinds = sorted(e.sub_event_type for e in extract(pipeline, text))
    assert kinds == ["Air/drone strike", "Armed clash"]


def test_regional_report_merges_into_specific_one(pipeline):
    text = (
        "Russian jets carried out air strikes on rebels in Idlib province.\n"
        "Russian jets bombed rebel positions in Kafr Nabl.\n"
    )
    (event,) = extract(pipeline, text)
    assert event.location_text == "Kafr Nabl"
    assert len(event.mentions) == 2


def test_strikes_backing_a_battle_are_part_of_it(pipeline):
    text = "The SDF, supported by Coalition air strikes, clashed with IS fighters in Kafr Nabl."
    (event,) = extract(pipeline, text)
    assert event.sub_event_type == "Armed clash"
    assert event.actor1 == "SDF: Syrian Democratic Forces"


def test_capture_after_clashes_is_one_capture_from_the_other_side(pipeline):
    text = "Regime forces clashed with IS in Kafr Nabl and took control of the town."
    (event,) = extract(pipeline, text)
    assert event.sub_event_type == "Government regains territory"
    assert (event.actor1, event.actor2) == ("Military Forces of Syria", "Islamic State")


def test_word_for_attacks_does_not_swallow_strikes(pipeline):
    text = (
        "Regime warplanes struck the village of Kafr Nabl, killing 8 civilians.\n"
        "He said the attacks amounted to war crimes.\n"
    )
    assert [(e.sub_event_type, e.location_text) for e in extract(pipeline, text)] == [("Air/drone strike", "Kafr Nabl")]


def test_weak_sentence_with_its_own_place_is_its_own_event(pipeline):
    text = (
        "Regime warplanes bombed Saraqib on Monday.\n"
        "Eight civilians were killed when warplanes struck the village of Kafr Nabl.\n"
    )
    places = sorted(e.location_text for e in extract(pipeline, text))
    assert places == ["Kafr Nabl", "Saraqib"]


def test_a_town_and_its_own_neighbourhood_are_one_place(pipeline):
    # The city named first, the neighbourhood it was in told after: one event, at the neighbourhood.
    from datetime import date as _date

    from extraction.records import Article

    text = ("Rebel shells hit Aleppo city on Sunday. Later mortar shells fell on the Sukkari neighbourhood, "
            "killing two civilians.")
    events = pipeline.extract(Article(text=text, published=_date(2016, 11, 20), article_id="t")).events
    assert [(e.location, e.fatalities) for e in events] == [("As-Sukkari", 2)]


def test_a_neighbourhood_told_with_its_city_and_again_later_is_one_event(pipeline):
    # The first sentence names the city and the neighbourhood; the city's event takes the neighbourhood told in the
    # next sentence and becomes the neighbourhood's - then it is the same event as the first sentence's
    # neighbourhood (written, SANA's headline-and-lead style).
    text = ("Three citizens killed in terrorist rocket attack in Aleppo city At least three citizens were killed in a "
            "terrorist rocket attack on al-Sukkari neighbourhood in the city of Aleppo. "
            "A police source said that rocket shells landed on a square in al-Sukkari neighbourhood killing 3 citizens.")
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events] == [("As-Sukkari", 3)]


def test_said_that_points_back_at_nothing(pipeline):
    # "said that rocket shells landed" reports what was said; "that" is no demonstrative ("that attack"), so the
    # sentence's own place and toll make it a report of its own, not a mention of the event before.
    text = ("Warplanes struck the town of Kafranbel on Monday. "
            "A police source said that rocket shells landed on a square in Harasta, killing 3 citizens.")
    events = extract(pipeline, text)
    assert sorted((e.sub_event_type, e.location, e.fatalities) for e in events) == [
        ("Air/drone strike", "Kafr Nobol", None), ("Shelling/artillery/missile attack", "Harasta", 3)]


def test_a_battle_holds_the_strikes_told_with_it_and_their_toll_whichever_is_coarser(pipeline):
    # The clash is placed in a governorate, the strikes told in the next sentence only in the country: one battle,
    # with the toll told after the strikes (the two coarse places are compared both ways).
    text = ("Clashes took place between regime forces and IS in the vicinity of al Teem oil field in Deir-ez-Zor. "
            "During the clashes, regime warplanes launched several airstrikes on IS positions. "
            "Between 15 and 17 regime fighters were killed and 27 others were wounded.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.admin1, e.fatalities) for e in events] == [("Armed clash", "Deir ez-Zor", 15)]


def test_a_strike_told_in_its_own_sentence_with_its_own_toll_is_not_part_of_the_battle(pipeline):
    text = (
        "Heavy fighting between regime forces and rebels in Aleppo killed 40 fighters on Saturday.\n"
        "On Saturday rebel shelling of regime-held areas of Aleppo killed six people.\n"
    )
    kinds = sorted((e.sub_event_type, e.fatalities) for e in extract(pipeline, text))
    assert kinds == [("Armed clash", 40), ("Shelling/artillery/missile attack", 6)]


def test_a_suicide_bombing_that_kills_is_one_event_not_also_an_attack(pipeline):
    """"killed five people in an unprecedented attack on a hospital": the bombing is the attack (ACLED codes the
    suicide bomb, with civilians as its target), wherever the sentence that places it stands."""
    text = (
        "Suicide bomber kills 5 in Jableh\n"
        "A suicide bomber driving an ambulance killed five people on Monday in an unprecedented attack on a hospital "
        "that took the civil war to the coast for the first time, a monitoring group said. A man drove an ambulance "
        "packed with explosives into the parking of the Jableh hospital.\n"
    )
    assert [(e.sub_event_type, e.fatalities) for e in extract(pipeline, text)] == [("Suicide bomb", 5)]


def test_the_countrys_possessive_without_its_apostrophe_is_no_unknown_place(pipeline):
    """FA-KES strips apostrophes: "in Syrias northwestern province of Idlib" names the country, not an unknown
    village standing in for Idlib, so the next sentence's strike there is the same event with the same toll."""
    text = (
        "Air raids carried out by Syrian regime and Russian warplanes in Syrias northwestern province of Idlib killed "
        "at least 39 civilians on Monday a monitor said. A local civil defence official said a regime warplane "
        "launched an air strike on a crowded market in the rebel-held city. Rescue workers were still searching the "
        "rubble for survivors late on Monday evening and the monitor said the toll could rise further.\n"
    )
    assert [(e.admin1, e.fatalities) for e in extract(pipeline, text, published=date(2016, 6, 14))] == [("Idlib", 39)]


def test_the_countrys_possessive_before_a_governorate_is_no_part_of_its_name(pipeline):
    """"in central Syrias Hama province" (apostrophe stripped) is Hama, not an unknown place "Syrias Hama"."""
    text = "IS killed more than 50 people in an attack on two villages in central Syrias Hama province on Thursday a monitor said."
    assert [(e.admin1, e.fatalities) for e in extract(pipeline, text)] == [("Hama", 50)]


def test_a_report_placed_nowhere_with_a_far_other_toll_is_another_event(pipeline):
    """A headline with no place and a toll far from the town's is not the town's event."""
    text = ("Islamic State killed 270 in gas field battle: monitor.\n"
            "In Raqqa two women were stoned to death by Islamic State fighters, the Observatory said.\n")
    raqqa = [e for e in extract(pipeline, text) if e.location_text == "Raqqa"]
    assert [e.fatalities for e in raqqa] == [2]


@pytest.mark.parametrize("text", [
    # the clause places its event abroad: no event here, and no toll for the event told before
    "Russian jets bombed Kafr Nabl on Monday. Peshmerga fighters shot dead six ISIS suicide bombers west of Kirkuk.",
    # the story stays abroad in the sentences after it that name no place
    "Russian jets bombed Kafr Nabl on Monday. A suicide attack was foiled west of Kirkuk. Six suicide bombers attacked the base and were shot.",
    # a toll told abroad is no toll of the event before
    "Russian jets bombed Kafr Nabl on Monday. Coalition raids killed at least 220 civilians in Iraq.",
])
def test_events_abroad_make_no_event_here(pipeline, text):
    events = extract(pipeline, text)
    assert [(e.location_text, e.fatalities) for e in events] == [("Kafr Nabl", None)]


def test_executions_told_in_their_own_sentence_are_no_part_of_the_capture(pipeline):
    """ACLED codes violence against civilians apart from the battle for the place: the killings, with their own place
    and toll in their own sentence, are an Attack beside the capture, which keeps no toll of theirs."""
    text = ("Government forces captured the village of Tal Jijan on Tuesday after heavy clashes with rebels. "
            "The Observatory said 30 people, including 8 children, were executed by government forces in Tal Jijan on Tuesday.")
    events = extract(pipeline, text, published=date(2015, 2, 18))
    assert sorted((e.sub_event_type, e.fatalities) for e in events) == [("Attack", 30), ("Government regains territory", None)]


def test_us_warplanes_and_the_us_led_coalition_are_one_campaigns_strike(pipeline):
    """News calls the coalition's strikes "US warplanes" in the next sentence: one event, not two."""
    text = ("The US-led coalition's jets killed at least 60 civilians in the village of Tokhar near Manbij on Tuesday.\n"
            "US warplanes targeted residential areas in Tokhar and killed over 60 civilians.\n")
    (event,) = extract(pipeline, text, published=date(2016, 7, 20))
    assert event.actor1 == "Global Coalition Against Daesh" and event.fatalities == 60


def test_terrorist_groups_and_the_group_named_are_one_attack(pipeline):
    """SANA tells one mortar attack twice: by "the so called Jaish al-Fateh" and by "terrorist groups positioned in
    Binnish": the unnamed opposition and the group named are one attacker (never IS or the SDF, its enemies)."""
    text = ("A girl was injured in a terrorist mortar attack by the so called Jaish al-Fateh on al-Fouaa town in the "
            "northern countryside of Idleb on Sunday.\n"
            "Local sources said that terrorist groups positioned in Binnish town targeted al-Fouaa with mortar shells "
            "injuring a 6-year-old girl.\n")
    (event,) = [e for e in extract(pipeline, text, published=date(2016, 11, 20)) if e.location == "Foah"]
    assert event.actor1 == "Jaish al Fateh" and len(event.mentions) == 2


def test_rebels_and_islamic_state_stay_apart(pipeline):
    text = ("Rebels shelled the town of Marea on Monday.\n"
            "Islamic State fighters shelled the town of Marea on Monday.\n")
    assert len(extract(pipeline, text, published=date(2016, 6, 6))) == 2


def test_a_subhead_between_dashes_is_a_line_of_its_own(pipeline):
    """"... a brutal crackdown on dissent. - Troops kill 10 children - Meanwhile the Observatory said ...": the full
    stop before the dash ends the sentence and the subhead is a headline, so the execution in Rityan is its own
    sentence's event, not background glued to the history before it."""
    text = ("Syrias war began in March 2011 as a pro-democracy revolt. It morphed into a conflict after the regime "
            "unleashed a brutal crackdown on dissent. - Troops kill 10 children - Meanwhile the Observatory said 10 "
            "children were among 48 people executed by government forces in the northern village of Rityan on Tuesday.")
    events = extract(pipeline, text, published=date(2015, 2, 22))
    assert [(e.sub_event_type, e.location, e.fatalities) for e in events] == [("Attack", "Retyan", 48)]
    assert events[0].notes.startswith("Meanwhile")


def test_a_report_naming_the_day_dates_an_event_told_by_its_week(pipeline):
    """"The brief seizure of Rityan was part of an abortive army offensive this week" and, before it, the fighting that
    won it "on Tuesday": the day an earlier report of the event names in that week is its date."""
    text = ("Government forces clashed with rebels in the village of Rityan on Tuesday. "
            "The brief seizure of Rityan was part of an abortive army offensive this week.")
    events = extract(pipeline, text, published=date(2015, 2, 22))
    assert [(e.sub_event_type, e.event_date, e.time_precision) for e in events] == [
        ("Government regains territory", date(2015, 2, 17), 1)]


def test_two_acts_with_their_own_victims_at_two_named_places_are_two_events(pipeline):
    """The village unknown to the gazetteer is placed at the town it lies near, but its victims are its own
    (dedup._told_apart)."""
    text = ("In other parts of Deir al-Zor province the militants crucified two men in the city of Mayadin on Sunday "
            "and two others were beheaded for blasphemy in the nearby town of al-Bulel, the Observatory said.")
    events = extract(pipeline, text, published=date(2014, 8, 11))
    assert sorted((e.location_text, e.fatalities) for e in events) == [("Mayadin", 2), ("al-Bulel", 2)]


def test_a_toll_told_for_the_country_and_again_for_the_town_is_one_event(pipeline):
    text = ("Air strikes in Syria killed up to 22 people mostly children on Wednesday when warplanes struck a "
            "school complex in the town of Hass in Idlib province, activists said.")
    events = extract(pipeline, text, published=date(2016, 10, 27))
    assert [(e.location, e.fatalities) for e in events] == [("Has", 22)]


def test_a_sentence_opener_glued_to_the_last_word_begins_a_sentence(pipeline):
    """The full stop (or the subhead's line break) before "According to", "Meanwhile" ... was lost: the opener begins a
    sentence, so the police command that gave the figures is no actor of the city-wide toll, and a subhead before it
    is a headline, no event of its own (components._GLUED_OPENER, sentence.sentence_kind)."""
    text = ("Six civilians were killed on Thursday and 34 others were injured in terrorist rocket attacks on several "
            "neighborhoods in Aleppo city According to a source at Aleppo Police Command two people were killed and 15 "
            "others were injured in a rocket attack launched by terrorists on Salah Eddin neighborhood.")
    events = extract(pipeline, text, published=date(2016, 8, 26))
    assert sorted((e.location_text, e.fatalities, e.actor1) for e in events) == [
        ("Aleppo", 6, "Opposition Rebels"), ("Salah Eddin", 2, "Opposition Rebels")]
    subhead = ("Eight persons wounded in Foaa and Kefraya in Idleb Meanwhile civil sources told SANA that 8 persons among "
               "them two children were wounded in terrorist rocket shells on al-Foaa and Kefraya in Idleb countryside.")
    events = extract(pipeline, subhead, published=date(2016, 6, 6))
    assert {e.sub_event_type for e in events} == {"Shelling/artillery/missile attack"}
    assert all(e.notes.startswith("Meanwhile") for e in events)


def test_a_resolution_condemning_attacks_is_no_protest(pipeline):
    text = ("Meanwhile a UN committee has approved a resolution strongly condemning the recent escalation of attacks in "
            "Aleppo and continuing violence by the Syrian government against its own people.")
    assert not extract(pipeline, text, published=date(2016, 11, 16))
    protest = "Hundreds of people protested in Idlib city on Friday condemning the Russian air strikes."
    assert [e.sub_event_type for e in extract(pipeline, protest, published=date(2016, 11, 16))] == ["Peaceful protest"]


def test_civilians_are_never_a_side_of_a_clash(pipeline):
    """The battle where a strike hit fleeing civilians is its setting; a clash that is the sentence's only violence
    keeps its event without them as a side (pipeline._clashes_civilians_suffered)."""
    text = ("Dozens of civilians have reportedly been killed by US-led air strikes as they fled from the front lines of a "
            "battle raging in the city of Manbij in the governorate of Aleppo.")
    events = extract(pipeline, text, published=date(2016, 7, 21))
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
    clash = "A man and a child were killed during shooting between rival opposition factions in Qminas in Idleb."
    events = extract(pipeline, clash, published=date(2019, 5, 4))
    assert [e.sub_event_type for e in events] == ["Armed clash"] and events[0].actor2 != "Civilians"


def test_a_strike_told_as_following_the_attack_is_another_event(pipeline):
    """"They claimed the attack was caused by an airstrike" is the chemical attack itself; "Warplanes continued to pound
    the town after the attack" is a later strike, its own event - while a restatement after such a strike ("The
    raids on Khan Sheikhoun ...") may still be that strike."""
    text = ("A suspected chemical attack killed 58 people in the town of Khan Sheikhoun in Idlib province on Tuesday. "
            "Activists claimed the attack was caused by an airstrike carried out by regime warplanes on Khan Sheikhoun. "
            "Warplanes continued to pound the town after the attack including near a medical point.")
    events = extract(pipeline, text, published=date(2017, 4, 4))
    assert sorted(e.sub_event_type for e in events) == ["Air/drone strike", "Chemical weapon"]
    (strike,) = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert strike.location == "Khan Shaykun" and "after the attack" in strike.mentions[0].sentence
