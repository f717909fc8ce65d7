"""Sub-types decided by what happened (verb frames, force on demonstrators, whether a side fought,
whether the weapon was used), not by one word.  Sentences written for the test; the real ones are
in tests/gold/subtypes.jsonl (scripts/eval_subtypes.py)."""

from __future__ import annotations

import pytest

from extraction.frames import find_frames
from extraction.pipeline import Pipeline
from extraction.settings import ExtractionSettings
from tests.extraction.conftest import extract


@pytest.fixture(scope="module")
def anywhere(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    """Keeps events placed only at country level: one sentence often names no Syrian place."""
    from gazetteer import Gazetteer

    return Pipeline(
        gazetteer=Gazetteer.default(data_dir=tmp_path_factory.mktemp("gz"), online=False),
        settings=ExtractionSettings(keep_unplaced=True),
    )


def sub_types(pipeline: Pipeline, text: str) -> list[str]:
    return [e.sub_event_type for e in extract(pipeline, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Same people, same place: what happened decides (the three protests).
        ("Protesters clashed with police in Daraa.", "Violent demonstration"),
        ("Police fired tear gas at protesters in Daraa.", "Protest with intervention"),
        ("Protesters set fire to a police station in Daraa.", "Violent demonstration"),
        ("Security forces shot dead three protesters in Daraa.", "Excessive force against protesters"),
        ("Shots were fired at the protesters in Daraa, wounding five.", "Excessive force against protesters"),
        ("Hundreds of residents gathered in front of the hospital in Atarib to protest against the bombing.", "Peaceful protest"),
        ("More than 2,000 people demonstrated outside the governorate building in Sweida calling for the release of detainees.", "Peaceful protest"),
        # A weapon used, or only found, seized, defused, shot down.
        ("A car bomb exploded in Azaz.", "Remote explosive/landmine/IED"),
        ("A car bomb was defused in Azaz.", "Disrupted weapons use"),
        ("The army found a cache of weapons and ammunition in Jassem.", "Disrupted weapons use"),
        ("Weapons belonging to IS were seized in Deir ez-Zor.", "Disrupted weapons use"),
        ("Opposition factions shot down at least five armed drones over Idlib.", "Disrupted weapons use"),
        ("Security forces arrested a man attempting to detonate his suicide vest in Jableh.", "Disrupted weapons use"),
        ("A suicide bomber blew himself up at a checkpoint in Jableh.", "Suicide bomb"),
        # An attack fought off is a clash; a weapon stopped before use is disrupted (whatever the verb).
        ("Government forces repelled an attack by IS fighters on an army base near Palmyra.", "Armed clash"),
        ("The army thwarted an attempt by the terrorists to infiltrate into the village of Mhardeh.", "Armed clash"),
        ("An attack by rebels on the town of Suran was repulsed by the army on Monday.", "Armed clash"),
        ("Police foiled a suicide attack at a checkpoint in Jableh.", "Disrupted weapons use"),
        ("Security forces foiled an attempt by two gunmen to detonate a car bomb in Jableh.", "Disrupted weapons use"),
        ("A suicide bomb blast killed 16 people in Hasakeh.", "Suicide bomb"),
        # Territory: fought for, or handed over.
        ("IS captured the town of Palmyra from government forces.", "Non-state actor overtakes territory"),
        ("The SDF handed the villages to the army.", "Non-violent transfer of territory"),
        ("The SDF handed over Tal Rifaat to the army.", "Non-violent transfer of territory"),
        ("Militants took over a deserted base near Palmyra.", "Non-violent transfer of territory"),
        # Bases, agreements, groups.
        ("Turkish forces set up an observation point near Morek.", "Headquarters or base established"),
        ("A new military base was established by Russian forces near Qamishli.", "Headquarters or base established"),
        ("A prisoner exchange was agreed between the government and the rebels.", "Agreement"),
        ("Local leaders reached an agreement with the government that rebel fighters would leave the town and hand over their heavy weapons.", "Agreement"),
        ("Rebel factions formed a joint operations room in Idlib.", "Change to group/activity"),
        ("On 29 April 2020, regime forces continued to loot civilian residences in Maarat al-Numan.", "Looting/property destruction"),
        # Crowds: against the authorities a riot, against people mob violence; arrests at a protest are intervention.
        ("On 1 June 2023, supporters of the opposition leader clashed with police and burned a supermarket in Dakar.", "Violent demonstration"),
        ("A crowd of residents beat to death a man accused of kidnapping a child in Jarablus.", "Mob violence"),
        ("SDF members arrested several residents protesting fuel prices in Al-Shuhayl.", "Protest with intervention"),
        ("Police used water cannon and batons to push back supporters who were marching toward parliament.", "Protest with intervention"),
        ("Teachers in Azaz held a march on Sunday to demand higher salaries.", "Peaceful protest"),
        # States named by nationality are state forces: their captures are the government's, their detentions arrests.
        ("Philippine military forces retook the last buildings held by Maute Group militants in Marawi.", "Government regains territory"),
        ("Kenyan police detained twelve men in Mombasa.", "Arrests"),
        ("Russia and Ukraine swapped 95 prisoners of war each on Friday.", "Agreement"),
        ("A mass grave containing the remains of dozens of people was discovered near Raqqa.", "Other"),
        # Whom the force was aimed at, told before the toll: the demonstrators named by who they are.
        ("Soldiers fired live rounds at students marching in Kampala, killing four.", "Excessive force against protesters"),
        # An execution kills someone already held: unarmed whatever side he fought on (ACLED: Attack).
        ("IS executed two captured SDF fighters in Raqqa.", "Attack"),
        # A detention participle after its noun describes the victim; the event is what follows.
        ("A man detained at a checkpoint in Homs was raped by the guards.", "Sexual violence"),
        # What was agreed is a merger: the change to the groups is the event.
        ("Five factions agreed to merge into a single front in Idlib.", "Change to group/activity"),
        # Moved or deployed, not fired: a movement of forces.
        ("Russia deployed S-300 air defense systems to Tartus.", "Change to group/activity"),
        ("Tanks were sent to the front line near Saraqib.", "Change to group/activity"),
        ("Rebels handed over the border crossing to government forces in Daraa.", "Non-violent transfer of territory"),
        # A capture won by fighting told with its clash is one territory event; a clash where no one gained is a clash.
        ("Clashes broke out between the army and IS near Palmyra, where IS managed to take control of the village of Tiba.",
         "Non-state actor overtakes territory"),
        ("Rebels and regime forces fought in Kafr Nabudah, with neither side gaining ground.", "Armed clash"),
        # Violence said to go on, with no place of its own, is the backdrop of what was done.
        ("Pro-government forces blocked a road leading to Azaz as heavy clashes continued there.", "Other"),
        # Ground raids told with arrests are the arrest operation, whatever word list names them.
        ("Turkish forces carried out raids and arrests in Ras al-Ain.", "Abduction/forced disappearance"),
        # The movement that hands ground over is the transfer; violence told after it, in a clause of cause, its backdrop.
        ("The last convoy of rebel fighters left Darayya under a withdrawal deal.", "Non-violent transfer of territory"),
        ("The town of Madaya was evacuated by rebels after months of siege and relentless bombing.", "Non-violent transfer of territory"),
        # Heritage destroyed outside an attack is property destruction; destroyed by an attack it is the attack's damage.
        ("IS militants blew up the ancient temple of Bel in Palmyra.", "Looting/property destruction"),
        ("Russian warplanes destroyed a church in Idlib, killing five.", "Air/drone strike"),
        # A riot of people held in custody is no demonstration: rioters against their guards.
        ("Inmates rioted at the central prison in Aleppo, setting fire to mattresses.", "Mob violence"),
        # Chemical agents spelt either way.
        ("Shells containing toxic gasses hit the old city of Aleppo.", "Chemical weapon"),
    ],
)
def test_sub_type_from_what_happened(anywhere, text, expected):
    assert sub_types(anywhere, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A relative clause describes a person; a present passive describes a place; an appeal or forecast is no
        # event: the killing and the detention stay, no Agreement, base or disrupted weapon joins them.
        ("Unknown gunmen shot and killed a former commander who had accepted the reconciliation agreement in Mzeireb.",
         ["Armed clash"]),
        ("HTS arrested the head of the camp, accused of selling the land on which the camp is established.",
         ["Abduction/forced disappearance"]),
        ("Moscow urged him to agree to a ceasefire in Ghouta.", []),
        ("Regime air defences attempted to intercept the missiles over Masyaf but failed.", []),
        # Negated: "without" governs the strike, and the aircraft named carried out none either.
        ("Israeli drones flew over Quneitra without carrying out any strike.", []),
    ],
)
def test_no_strategic_event_from_descriptions_appeals_and_failed_attempts(anywhere, text, expected):
    assert sub_types(anywhere, text) == expected


def test_frames_replace_the_words_inside_them():
    spans = list(find_frames("Police said a car bomb was defused near the market."))
    assert [(sub, "a car bomb was defused"[2:]) for *_, sub in spans] == [("Disrupted weapons use", "car bomb was defused")]
    text = "He was found dead after a bomb exploded."
    assert list(find_frames(text)) == []  # "found ... bomb" crosses "after": not the verb's object


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The rebel Army of Mujahideen detained an activist in Aleppo.", "Army of Mujahideen"),
        ("The Arakan Army captured the town of Paletwa.", "Arakan Army"),
        ("Fighters of Liwa Suqur al-Sham clashed with IS near Palmyra.", "Liwa Suqur al-Sham"),
    ],
)
def test_groups_named_by_the_shape_of_their_names(text, name):
    from extraction.components import named_groups

    assert [text[a:b] for a, b in named_groups(text)] == [name]


@pytest.mark.parametrize("text", ["The Army said it had retaken the hill.", "the Lebanese Army deployed", "Forces of Operation Dawn of Idlib shelled Kafr Nabl."])
def test_states_and_sentence_starts_are_no_named_groups(text):
    from extraction.components import named_groups

    assert named_groups(text) == []


def test_a_named_group_detains_as_an_abduction(anywhere):
    assert sub_types(anywhere, "The rebel Army of Mujahideen detained a female activist in Aleppo.") == ["Abduction/forced disappearance"]


def test_strikes_named_as_support_do_not_make_the_ground_attack_a_strike(pipeline):
    from tests.extraction.conftest import extract

    text = ("Syrian regime forces, with the support of Russian airstrikes, launched an attack against an "
            "unidentified armed group near Shezar in Hama.")
    assert [e.sub_event_type for e in extract(pipeline, text)] == ["Armed clash"]


@pytest.mark.parametrize(("text", "actor1"), [
    ("Rebel vehicles were destroyed in a series of army air strikes near Daraa on Sunday.", "Military Forces of Syria"),
    ("Three civilians were killed in Russian raids on Kafr Nabl on Monday.", "Military Forces of Russia"),
    # the means is no trigger word of its own: the passive's verb is the trigger, the force on its means the agent
    ("At least 50 al-Nusra terrorists were killed in army operations against their positions in Rabia on Tuesday.",
     "Military Forces of Syria"),
])
def test_the_force_named_on_the_means_did_it(pipeline, text, actor1):
    from tests.extraction.conftest import extract

    assert [e.actor1 for e in extract(pipeline, text)] == [actor1]


@pytest.mark.parametrize(("text", "actor1"), [
    ("The rebel Army of Mujahideen meanwhile detained an activist in Aleppo.", "Army of Mujahideen"),
    ("Rebels meanwhile detained two activists in Aleppo.", "Opposition Rebels"),
])
def test_meanwhile_between_subject_and_verb_is_no_clause_break(pipeline, text, actor1):
    from tests.extraction.conftest import extract

    # A detention by an armed group is an abduction (ACLED); it needs the group as the detainer.
    assert [(e.sub_event_type, e.actor1) for e in extract(pipeline, text)] == [("Abduction/forced disappearance", actor1)]


def test_a_month_abbreviation_that_begins_a_name_is_not_the_date(pipeline):
    text = "On 19 October 2019, clashes took place between opposition factions and QSD in Jan Tamr in al-Hasakeh."
    events = extract(pipeline, text)
    assert [str(e.event_date) for e in events] == ["2019-10-19"]



def test_a_frame_verb_glued_by_a_hyphen_is_part_of_an_adjective():
    assert list(find_frames("Residents gathered near the Turkish-established base in Morek.")) == []
    assert [kind for *_, kind in find_frames("Turkish forces established a base in Morek.")] == ["Headquarters or base established"]


# Issue 10 (third round): mechanisms, each written for the test.

@pytest.mark.parametrize(("text", "expected"), [
    # "controlled" as the finite verb of its clause, with ground or a named place as its object, is a capture ...
    ("Government forces controlled Tal Sousin village in Hama on Friday.", ["Government regains territory"]),
    ("Rebels launched an attack on regime forces and then controlled Kafr Zita in Hama.", ["Non-state actor overtakes territory"]),
])
def test_controlled_as_a_finite_verb_is_a_capture(anywhere, text, expected):
    assert sub_types(anywhere, text) == expected


@pytest.mark.parametrize("text", [
    # ... as an adjective (after a preposition or an -ing verb) it describes who holds the ground: no capture.
    "IS launched an offensive targeting the Syrian Arab Army (SAA) controlled villages of Tal Sousin.",
    "Mortar shells fell on the government controlled Suleimaniyeh District of Aleppo.",
    "Demonstrators denounced plans to open crossings with regime controlled areas.",
    "When it controlled the ancient city of Palmyra IS carried out public beheadings.",
])
def test_controlled_as_an_adjective_is_no_capture(text):
    assert [kind for *_, kind in find_frames(text) if kind == "CAPTURE"] == []


def test_positions_taken_in_the_fighting_are_the_clash(anywhere):
    # ACLED's territory sub-types are a location won; positions, points or a checkpoint seized are the fighting.
    assert sub_types(anywhere, "HTS fighters seized control of an army checkpoint near Kafr Nabl.") == ["Armed clash"]
    assert sub_types(anywhere, "Rebels captured several positions on Jabal al-Afai in Qalamoun.") == ["Armed clash"]
    # ... unless handed over without a fight.
    assert sub_types(anywhere, "Rebels seized the positions abandoned by the army near Morek.") == ["Non-violent transfer of territory"]


@pytest.mark.parametrize(("text", "expected"), [
    # enemy fighters taken in the field: a clash between the two forces (ACLED), not territory, not an arrest
    ("Turkish forces captured 4 YPG members near Jandairis.", ["Armed clash"]),
    ("Regime forces captured two rebels of Jaysh al-Izza on the Kafr Nabl front.", ["Armed clash"]),
    # the passive's agent and a place held by fighters are no combatants taken
    ("The town of Kafr Nabl was captured by opposition fighters on Monday.", ["Non-state actor overtakes territory"]),
    ("Syrian government forces seized a rebel-held neighbourhood of Aleppo on Tuesday.", ["Government regains territory"]),
])
def test_combatants_taken_are_a_clash(anywhere, text, expected):
    assert sub_types(anywhere, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # fighters of another force abducted or detained by armed men: no civilian victim, so a clash (ACLED) ...
    ("Unknown gunmen abducted 3 regime soldiers from a checkpoint in Mzeireb.", ["Armed clash"]),
    ("HTS detained four members of Ahrar al-Sham in Sarmada.", ["Armed clash"]),
    # ... while civilians taken, or people not counted as fighters, stay an abduction
    ("HTS abducted a journalist in Sarmada.", ["Abduction/forced disappearance"]),
])
def test_fighters_abducted_are_a_clash(anywhere, text, expected):
    assert sub_types(anywhere, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # small arms fired with the shells: direct fire between two forces, a clash (ACLED) ...
    ("Unknown gunmen fired machine guns and RPGs at a regime post in Mzeireb.", ["Armed clash"]),
    ("Gunmen attacked a checkpoint in Kafr Nabl using shells and machine guns.", ["Armed clash"]),
    # ... small arms carried or destroyed are not fired
    ("The army shelled vehicles equipped with machine guns near Kafr Nabl.", ["Shelling/artillery/missile attack"]),
])
def test_small_arms_fired_with_shells_are_a_clash(anywhere, text, expected):
    assert sub_types(anywhere, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the instrument of a bombing says how it was bombed: one event of the instrument's kind ...
    ("Regime forces bombed a market in Kafr Nabl with heavy artillery.", ["Shelling/artillery/missile attack"]),
    ("Regime forces bombarded Kafr Nabl with barrel bombs.", ["Air/drone strike"]),
    # ... and an aircraft's missiles are its strike, no second event
    ("Russian jets bombed Kafr Nabl with missiles.", ["Air/drone strike"]),
])
def test_a_bombing_is_of_its_instruments_kind(anywhere, text, expected):
    assert sub_types(anywhere, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Ground won in the sentence right after the fighting, by one of its sides, is the fighting's outcome: one event,
    # standing where the fighting was first told, taken from the other side of the fight.
    ("Clashes took place between regime forces and Hayat Tahrir al-Sham on Mashara hill in the Quneitra countryside. "
     "Regime forces seized control of the hill amid Russian airstrikes.",
     [("Government regains territory", "Military Forces of Syria", "Hayat Tahrir al-Sham")]),
    ("Regime forces moved to storm the town of Salhiyeh, starting from the Safsaf area, which led to violent clashes "
     "with Islamic State fighters. Regime forces established control of the Safsaf area.",
     [("Government regains territory", "Military Forces of Syria", "Islamic State")]),
])
def test_ground_won_the_sentence_after_the_fighting_is_one_territory_event(anywhere, text, expected):
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in extract(anywhere, text)] == expected


def test_gains_told_after_the_fighting_are_no_territory_won(anywhere):
    # "made advances", "more than half of": ground gained, no place won - the clash stays the event told first.
    text = ("Regime forces moved to storm the town of Salhiyeh, starting from the Safsaf area, which led to violent clashes "
            "with Islamic State fighters. Regime forces regained control of more than half of the Safsaf area.")
    assert sub_types(anywhere, text)[0] == "Armed clash"


def test_a_pronoun_subject_without_a_place_tells_more_of_the_event_before(anywhere):
    # "They killed ... and controlled their positions": the same capture, and its toll.
    text = ("Rebels controlled Abu al-Shamat road near Qalamoun after clashes with IS. "
            "They killed 4 IS members and controlled the area.")
    events = extract(anywhere, text)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Non-state actor overtakes territory", 4)]


@pytest.mark.parametrize(("text", "expected"), [
    # An accord that begins or takes effect was made: its announced start is the Agreement ...
    ("US and Russian officials said a ceasefire would begin on Monday in Aleppo.", ["Agreement"]),
    ("A 72-hour truce took effect at midnight in Daraa.", ["Agreement"]),
    # ... and the diplomats who made or announced it do not make the sentence diplomacy discussed from afar.
    ("The Sudanese army and the Rapid Support Forces agreed to a 72-hour ceasefire starting at midnight, the US State "
     "Department announced.", ["Agreement"]),
    # Not its time in another clause, nor diplomacy without an agreement made.
    ("Air strikes on Aleppo resumed days after the truce took effect.", ["Air/drone strike"]),
    ("The foreign ministers discussed the truce in Geneva.", []),
])
def test_an_accord_that_begins_was_made(anywhere, text, expected):
    assert sub_types(anywhere, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A demonstrative names events already told: the sentence's news is the other event it tells.
    ("This escalation in attacks came a day after the town of Madaya was evacuated by rebels after relentless bombing.",
     "Non-violent transfer of territory"),
    # A side leaving, told in a clause of time, keeps the violence told after it as its backdrop.
    ("Kurdish fighters entered Tal Abyad after the army withdrew from the town during a brief battle with IS.",
     "Non-violent transfer of territory"),
    # Guards: a time word after "this" is no back-reference; a force entering during an offensive is not leaving.
    ("This morning rebels attacked army positions in Morek.", "Armed clash"),
    # ... nor "this" as a pronoun with its verb: "This follows protests" tells the protests.
    ("This follows protests in Saraqeb against HTS on Friday.", "Peaceful protest"),
])
def test_told_events_and_a_side_leaving(anywhere, text, expected):
    assert sub_types(anywhere, text)[0] == expected


def test_a_force_entering_during_an_offensive_is_no_transfer(anywhere):
    assert "Non-violent transfer of territory" not in sub_types(
        anywhere, "The killings took place after troops entered the town of Rityan during an offensive.")


@pytest.mark.parametrize(("text", "expected"), [
    # A crowd's violence aimed at an authority's premises is a riot against it; at people or a community's
    # property it is mob violence.
    ("A mob stormed the embassy compound in Damascus, tearing down plaques.", "Violent demonstration"),
    ("An angry mob set fire to the governorate building in Sweida.", "Violent demonstration"),
    ("A mob vandalised a Hindu temple in Cumilla.", "Mob violence"),
    ("A mob beat a man to death outside the police station in Azaz.", "Mob violence"),
])
def test_whom_a_crowds_violence_is_aimed_at(anywhere, text, expected):
    assert sub_types(anywhere, text) == [expected]


@pytest.mark.parametrize("text", [
    # A force blocking, barring or turning back who or what was on its way is a development of no other kind, and the
    # inspectors or monitors it blocked do not make the sentence diplomacy discussed from afar.
    "But the army then blocked the U.N. inspectors at the gates of Khan al-Assal.",
    "Russian military police turned back an American convoy near Qamishli on Monday.",
])
def test_a_force_blocking_others_passage_is_other(anywhere, text):
    assert sub_types(anywhere, text) == ["Other"]


def test_an_actor_inside_a_verb_frame_is_its_object(anywhere):
    # "shot down a regime forces' drone": the frame holds its object, and the force named in it is the target.
    events = extract(anywhere, "Opposition factions shot down a regime forces' drone over the Ghab Plain.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Disrupted weapons use", "Opposition Rebels", "Military Forces of Syria")]


@pytest.mark.parametrize(("text", "expected"), [
    # A force closing its own area's entrances, roads or crossings is a security measure (Change to group/activity);
    # blocking another force's way is Other.
    ("Turkish forces closed all of Afrin's entrances until further notice.", "Change to group/activity"),
    ("HTS blocked the road in front of a Turkish column near Daret Azza.", "Other"),
])
def test_closing_ones_own_ground_and_blocking_anothers_way(anywhere, text, expected):
    assert sub_types(anywhere, text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # The weapon told, then said stopped before it could go off or arrive: it was not used.
    ("IS launched a VBIED at the army checkpoint outside Deir ez-Zor; this terrorist attack was foiled before it could "
     "reach its destination.", "Disrupted weapons use"),
    # Guard: one that went off was used, whatever happened to another.
    ("A car bomb exploded at the checkpoint in Azaz after another was stopped before reaching the market.",
     "Remote explosive/landmine/IED"),
])
def test_a_weapon_stopped_later_in_the_sentence(anywhere, text, expected):
    assert sub_types(anywhere, text)[0] == expected


@pytest.mark.parametrize(("text", "actor1"), [
    ("The YPG said the attacks occurred on June 28 and targeted the Kurdish-held Salhiya district of Hasakeh city.", None),
    ("Russia's defence ministry said militants shelled the Hamdaniya district of Aleppo on Monday.", None),
    ("IS said it had captured the town of Sukhnah on Monday.", "Islamic State"),  # the speaker goes on to tell of itself
    ("The Syrian army said rebels shelled the Midan district of Aleppo on Monday, killing three people.", "Opposition Rebels"),
])
def test_who_tells_of_the_event_did_not_do_it(pipeline, text, actor1):
    from datetime import date

    from tests.extraction.conftest import extract

    # published days after June 28 (a day that long before publication would be history: events._history)
    (event,) = extract(pipeline, text, published=date(2016, 7, 1))
    assert (event.actor1 if event.actor1 not in ("Unidentified Armed Group",) else None) == actor1


def test_a_speaker_is_not_the_target_either(pipeline):
    from tests.extraction.conftest import extract

    text = ("Another bomb attack was also reported on the Al-Sabura road west of the capital Damascus with regime media "
            "saying one person had been killed.")
    (event,) = extract(pipeline, text)
    assert "Military Forces of Syria" not in (event.actor1, event.actor2) and event.sub_event_type == "Attack"


@pytest.mark.parametrize(("text", "actors"), [
    # "shelled by", "killed by": the agent ("led by" names a leader, a whole word)
    ("Rebel positions near Kafr Nabuda were shelled by regime forces on Monday.", ("Military Forces of Syria", "Opposition Rebels")),
    # agents joined by "and" are partners: the second is the first's associate, not whom it hit
    ("Rebel positions near Kafr Nabuda were shelled by regime and Russian forces on Monday.",
     ("Military Forces of Syria", "Opposition Rebels")),
])
def test_agents_after_by(pipeline, text, actors):
    from tests.extraction.conftest import extract

    (event,) = extract(pipeline, text)
    assert (event.actor1, event.actor2) == actors


@pytest.mark.parametrize(("text", "expected"), [
    # Joining an accord is agreeing to it.
    ("Three more towns joined the cessation of hostilities agreement in Homs on Monday.", ["Agreement"]),
    ("Two rebel factions in Daraa signed up to the ceasefire on Sunday.", ["Agreement"]),
    # Guard: joining a named group stays a change to the group.
    ("The Hamza Division joined Ahrar al-Sham in Idlib.", ["Change to group/activity"]),
])
def test_joining_an_accord_is_an_agreement(anywhere, text, expected):
    assert sub_types(anywhere, text) == expected


@pytest.mark.parametrize("text", [
    "Russian warplanes have not targeted any of the groups in Homs.",
    "Government forces did not attack the village of Tal Mardikh.",
    "The ministry said Russian planes had not carried out air strikes on Idlib.",  # a light verb between
    "The army had stopped shelling Douma on Sunday.",
    "Russia halted air strikes on Aleppo on Tuesday.",
    # whose advance was stopped, with its possessive (or the apostrophe FA-KES strips)
    "The coalition sought to stop the Syrian army's advance into Deir Ezzor.",
    "The coalition sought to stop the Syrian armys advance into Deir Ezzor.",
    # a pause, halt or lull in the violence (a noun) is no violence either
    "Russia announced a pause in bombing Aleppo on Thursday.",
])
def test_violence_negated_or_halted_is_no_event(anywhere, text):
    assert sub_types(anywhere, text) == []


def test_a_halt_to_bombing_for_a_truce_is_the_truce(anywhere):
    # What was stopped is the bombing (named between the verb and the truce), not the truce.
    text = "Moscow announced on Tuesday that its air force had stopped bombing Aleppo to pave the way for an eight-hour truce."
    assert sub_types(anywhere, text) == ["Agreement"]
    # Guard: a patrol prevented is still a patrol that did not happen.
    assert sub_types(anywhere, "The army prevented a Russian patrol from entering Saraqeb.") == ["Other"]


@pytest.mark.parametrize("text", [
    # A demonstration said to be held is that day's event: the diplomats it appeals to and the country it is in do not
    # make the sentence a discussion from afar.
    "Chanting slogans, the protesters marched to the offices of the United Nations in Sydney to call for the Security "
    "Council's resolution to be implemented.",
    "In Lebanon some 200 Kurds staged a demonstration in downtown Beirut in solidarity with Kobani.",
])
def test_a_protest_held_abroad_or_addressed_to_diplomats_is_a_protest(anywhere, text):
    assert sub_types(anywhere, text)[:1] == ["Peaceful protest"]


def test_protests_only_named_by_diplomats_are_no_protest(anywhere):
    assert sub_types(anywhere, "The Security Council discussed the protests in Syria.") == []


@pytest.mark.parametrize(("text", "expected"), [
    # A grenade thrown in a gun attack is part of that attack, which its target decides (ACLED codes them so).
    ("Gunmen targeted a group of civilians in Jarablus with a grenade before opening fire on them, killing two people.",
     "Attack"),
    # Guard: a grenade thrown alone is a Grenade attack.
    ("Unidentified gunmen threw a hand grenade at a house in Qamishli.", "Grenade"),
    ("A grenade was thrown at a checkpoint in Daraa, wounding two soldiers.", "Grenade"),
])
def test_a_grenade_in_a_gun_attack_is_that_attack(anywhere, text, expected):
    assert sub_types(anywhere, text)[:1] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # Property taken by force and levies imposed on people are looting (ACLED: Looting/property destruction).
    ("The brigade imposed various royalties on the farmers of the villages around Afrin.", "Looting/property destruction"),
    ("Fighters of the faction seized and sold the olive harvest of farmers near Jandairis.", "Looting/property destruction"),
    ("Gunmen confiscated the houses of displaced families in Tal Abyad.", "Looting/property destruction"),
    # Guards: ground and weapons seized stay a capture and a disrupted weapon.
    ("IS seized the town of Palmyra from government forces.", "Non-state actor overtakes territory"),
    ("The army seized weapons and ammunition in Daraa.", "Disrupted weapons use"),
])
def test_property_seized_and_levies_imposed_are_looting(anywhere, text, expected):
    assert sub_types(anywhere, text)[:1] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # A ground raid followed by detentions told in the next sentence was the arrest operation: one event, decided by
    # who raided (a state's forces arrest, an armed group abducts).
    ("Regime intelligence forces raided the neighbourhoods around the hospital in Kafr Batna. Twenty young men were "
     "arrested for unknown reasons.", ["Arrests"]),
    ("QSD fighters raided houses in Basira. Several men were detained.", ["Abduction/forced disappearance"]),
    # Guard: a raid with no detentions after it stays the raid.
    ("Rebel forces raided an Islamic State base in Saraqeb. The town was calm on Sunday.", ["Armed clash"]),
])
def test_a_raid_followed_by_detentions_is_the_arrest(anywhere, text, expected):
    assert sub_types(anywhere, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A toll dated to one day is one event, though worded like a running toll.
    ("Dozens of people have been killed in Syria's Idlib province on Tuesday in a suspected chemical attack.",
     ["Chemical weapon"]),
    # Guards: the day is when it was said, the count is a war's, or a period is named.
    ("At least 400,000 people have been killed in Syria in the war, a monitor said on Tuesday.", []),
    ("More than 300000 people have been killed in Syria since 2011.", []),
])
def test_a_toll_dated_to_one_day_is_an_event(anywhere, text, expected):
    assert sub_types(anywhere, text) == expected


def test_plural_chemical_agents_are_chemical_weapons(anywhere):
    text = "Barrels containing toxic gases fell on Saraqeb on Tuesday."
    assert sub_types(anywhere, text)[:1] == ["Chemical weapon"]


@pytest.mark.parametrize(("text", "expected"), [
    # "fired at/on" before a time or a count has no target: the shells fired name the event
    ("ISIL terrorists fired at dawn several rocket shells on al-Qusour neighborhood in Deir Ezzor.", ["Shelling/artillery/missile attack"]),
    ("Rebels fired at least 10 rockets on Kafr Nabl.", ["Shelling/artillery/missile attack"]),
    ("Gunmen fired at a checkpoint in Kafr Nabl.", ["Armed clash"]),
])
def test_fired_at_a_time_is_no_gun_attack(anywhere, text, expected):
    assert sub_types(anywhere, text) == expected


def test_the_second_verb_of_a_strikes_subject_is_the_strike(anywhere):
    """"The Syrian Arab Air Force destroyed a convoy near Salamiyah and killed about a hundred militants": one strike by
    the air force, not a second event (a clash by an unknown group)."""
    text = "The Syrian Arab Air Force destroyed a convoy of vehicles near the city of Salamiyah and killed dozens of militants."
    assert sub_types(anywhere, text) == ["Air/drone strike"]


@pytest.mark.parametrize(("text", "expected"), [
    # the weapon is the subject of "targeted", however long the phrase that says who fired it ...
    ("20 rocket shells fired by ISIS terrorists positioned in Hweijet Saqer and al-Hweiqa targeted houses in Hrabesh.",
     {"Shelling/artillery/missile attack"}),
    # ... but not across a clause
    ("Regime shelling continued on Kafr Nabl and the nearby villages on Monday while gunmen targeted a checkpoint in Saraqib.",
     {"Armed clash", "Shelling/artillery/missile attack"}),
])
def test_a_weapon_is_the_subject_of_the_verb_after_its_phrase(anywhere, text, expected):
    assert set(sub_types(anywhere, text)) == expected


@pytest.mark.parametrize("text", [
    # the weapon a passive attack verb was done "in" names it: one strike by the army, not a clash started by IS
    "Sites for ISIL terrorists were also targeted in army airstrikes in al-Rahjan village 50 km east of Hama city.",
    "Ten IS group targets were hit in the strikes near Palmyra on Sunday.",
])
def test_an_attack_done_in_airstrikes_is_the_strike(anywhere, text):
    assert sub_types(anywhere, text) == ["Air/drone strike"]


@pytest.mark.parametrize(("text", "expected"), [
    # what a force fights with or from, destroyed by a side that names no weapon: an attack on it (a weak frame)
    ("An army unit destroyed an ammunition depot in Kharab Shahem town in the countryside of Daraa.",
     ["Shelling/artillery/missile attack"]),
    ("Army units destroyed two vehicles equipped with heavy machineguns belonging to al-Nusra terrorists in Busra al-Harir.",
     ["Shelling/artillery/missile attack"]),
    # the air force as the subject: its strike
    ("The Syrian Air Force destroyed a convoy of vehicles armed with machine guns near Salamiyah.", ["Air/drone strike"]),
    ("The Russian Aerospace Forces have destroyed a Daesh command center near Mayadin.", ["Air/drone strike"]),
    # a strong trigger beside it tells the event: the destroyed vehicles are its damage
    ("Airstrikes killed 14 IS fighters and destroyed 6 of their vehicles in Mayadin.", ["Air/drone strike"]),
    # a plan, and what is not a force's materiel, are no attack
    ("Syria agreed to destroy its chemical weapons stockpile near Mayadin.", ["Agreement"]),
    ("Government forces continued to pound opposition areas in Mayadin on Tuesday.", ["Shelling/artillery/missile attack"]),
    ("The price of a portion of bread in Mayadin had risen to 500 Syrian pounds.", []),
    # a weapon destroyed is a weapon taken out of use
    ("The army destroyed a mortar and a bulldozer used by insurgents in Mayadin.", ["Disrupted weapons use"]),
])
def test_materiel_destroyed_is_an_attack_on_it(anywhere, text, expected):
    assert sub_types(anywhere, text) == expected


def test_materiel_destroyed_in_a_fight_is_that_fights_damage(pipeline):
    text = ("YPG fighters killed 17 Turkish soldiers in clashes in Afrin on Thursday. "
            "The YPG members also destroyed an armored personnel carrier of the Turkish army in Afrin on Thursday.")
    assert sub_types(pipeline, text) == ["Armed clash"]


@pytest.mark.parametrize(("text", "absent"), [
    # people taken, named before the capture verb, are the victims of the other event told: no ground won
    ("Syrian soldiers captured while fleeing after IS overran Tabqa airbase were executed during the night.",
     "Government regains territory"),
    ("Rebels killed a pilot they captured after he was forced to eject in Jayrud on Friday.", "Non-state actor overtakes territory"),
])
def test_prisoners_named_before_the_capture_verb_are_no_ground_won(anywhere, text, absent):
    assert absent not in sub_types(anywhere, text)


def test_the_subject_before_a_capture_verb_still_takes_the_town(anywhere):
    assert sub_types(anywhere, "Rebels captured Jayrud and killed 5 soldiers on Friday.") == ["Non-state actor overtakes territory"]


def test_coalition_strikes_beside_the_sdfs_fighting_are_part_of_it(pipeline):
    text = ("International coalition forces airstrikes targeted areas in Alborashid village in conjunction with clashes "
            "between Islamic State militants and Syria Democratic Forces in the eastern countryside of Al-Raqqah.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, {e.actor1, e.actor2}) for e in events] == [
        ("Armed clash", {"Islamic State", "SDF: Syrian Democratic Forces"})]
