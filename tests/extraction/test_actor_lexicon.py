"""The actor lexicon (extraction/data/actors.csv): news spellings -> ACLED's actor names.

The sentences are written for these tests (not taken from the evaluation data);
each must yield exactly one event with the expected ACLED actor as its actor1 (actor2 where
the actor is the one acted on: AS_ACTOR2).
"""

from __future__ import annotations

import csv
from datetime import date
from collections import Counter

import pytest

from extraction.evaluate.common import actors_agree
from extraction.lexicon import actors
from tests.extraction.conftest import extract

# sentence, the ACLED actor name it has to produce (as actor1 or actor2)
SENTENCES = [
    # named operations
    ("Operation Olive Branch forces captured the village of Rajo from the YPG.", "Operation Olive Branch"),
    ("Euphrates Shield forces captured the village of Qabasin from IS.", "Operation Euphrates Shield"),
    ("Fighters of Operation Peace Spring shelled SDF positions near Tal Tamr.", "Operation Peace Spring"),
    ("Forces of Operation Dawn of Idlib shelled the town of Kafr Nabl.", "Military Forces of Syria"),
    # formations and militias on the government side
    ("The Tiger Forces stormed the village of Hobeit after heavy clashes with rebels.", "Military Forces of Syria"),
    ("The Fourth Division shelled the town of Tafas with mortars.", "Military Forces of Syria"),
    ("Republican Guard troops clashed with rebels in Jobar.", "Military Forces of Syria"),
    ("National Defence Forces militiamen clashed with Asayish in Qamishli.", "QDW: National Defence Forces"),
    ("Liwa al-Quds fighters clashed with IS cells in the Badia desert.", "LaQ: Quds Brigade"),
    ("Fatemiyoun fighters clashed with IS near al-Mayadin.", "Militia (Pro-Iran)"),
    ("Syrian or Russian warplanes struck the village of Kansafra.", "Allied Syrian and/or Russian Forces"),
    # opposition and jihadist groups
    ("Fighters of Jabhat Tahrir Souriya clashed with HTS near Darat Izza.", "Syrian Liberation Front"),
    ("Nour al-Din al-Zinki fighters clashed with Hayat Tahrir al-Sham in Kafr Halab.", "HNDZ: Nour al Din al Zinki Movement"),
    ("Jaysh al-Izza fighters clashed with government forces near Latamneh.", "Jaysh al Izza"),
    ("The National Liberation Front shelled regime positions near Jurin.", "JTW: National Liberation Front"),
    ("Hurras al-Din fighters attacked army positions near Abu al-Duhur.", "Hurras al Deen"),
    ("The Turkistan Islamic Party claimed an attack on army positions in Jisr al-Shughur.", "TIP: Turkistan Islamic Party"),
    ("Maghawir al-Thawra fighters clashed with IS near al-Tanf.", "JMT: Army of the Commandos of the Revolution"),
    ("Faylaq al-Rahman fighters clashed with regime forces in Ain Tarma.", "FaR: Al Rahman Corps"),
    ("Faylaq al-Sham fighters shelled army positions near Saraqib.", "Al Sham Corps"),
    ("Jaysh Khalid ibn al-Walid fighters attacked rebel positions near Tasil.", "Khalid ibn al Walid Army"),
    ("Gunmen ambushed a Jaish al-Ahrar commander near Atarib.", "Jaysh al Ahrar"),
    # factions of the Turkish-backed Syrian National Army
    ("The Levant Front clashed with the Hamza Division in al-Bab.", "JaS: Levant Front"),
    ("The Levant Front clashed with the Hamza Division in al-Bab.", "Hamza Division - Aleppo"),
    ("Sultan Murad Division fighters clashed with the SDF near Tal Abyad.", "Sultan Murad Division"),
    ("Ahrar al-Sharqiya fighters clashed with the Military Police in Jarablus.", "Ahrar al Sharqiyah"),
    ("Jaysh al-Sharqiya fighters clashed with members of another faction in Afrin.", "Sharqiya Army"),
    ("Fighters of the Sultan Suleiman Shah Brigade looted houses in Sheikh al-Hadid.", "Sultan Suleiman Shah Brigade"),
    ("Fighters of the former Operation Olive Branch clashed with the YPG near Sharran.", "Former Operation Olive Branch"),
    # Kurdish, SDF-affiliated and tribal forces
    ("The SDF clashed with IS fighters in Hajin.", "SDF: Syrian Democratic Forces"),
    ("YPG fighters shelled the village of Maryamin.", "YPG: People's Protection Units"),
    ("Asayish forces arrested 10 people in Hasakah.", "Asayish"),
    ("The Manbij Military Council clashed with Turkish-backed factions near Arima.", "Menbij Military Council"),
    ("Clan fighters clashed with the SDF in the town of Diban.", "Unidentified Clan Militia"),
    ("Tribal fighters attacked SDF positions near Busayrah.", "Unidentified Tribal Militia"),
    # others
    ("Unidentified warplanes struck a convoy near al-Bukamal.", "Unidentified Military Forces"),
    ("Russias Aerospace Forces struck IS positions near Palmyra.", "Military Forces of Russia"),
    # ACLED's own acronym for Ahrar al-Sham, as its notes write it
    ("Unidentified gunmen shot and killed a fighter affiliated with AAS in Idleb city.", "Ahrar al-Sham"),
    # the Army of Conquest, as ACLED names it
    ("Jaish al-Fateh fighters shelled the town of al-Foua in Idlib.", "Jaish al Fateh"),
    ("The Army of Conquest seized the town of Jisr al-Shughour.", "Jaish al Fateh"),
    # a known name with words before it is that actor, not a new group of that shape
    ("Qaeda-linked Nusra Front fighters attacked army positions in Kafr Nabuda.", "Jabhat al-Nusra"),
    # "US-led" alone says whose strikes they were (the coalition it leads)
    ("US-led strikes on Raqqa killed more than 20 Islamic State fighters.", "Global Coalition Against Daesh"),
    ("Former rebels clashed with the Fourth Division in Tafas.", "Former Opposition Rebels"),
    ("Regime forces arrested 7 refugees who had returned from Lebanon to Qusayr.", "Refugees/IDPs"),
]


# the names above that are the side acted on (second side of a clash, victims of an arrest)
AS_ACTOR2 = {"Hamza Division - Aleppo", "Jaysh al Ahrar", "Refugees/IDPs", "Ahrar al-Sham"}
# the names ACLED codes as the state's associate, never a side of their own ("Syrian or Russian warplanes")
AS_ASSOC1 = {"Allied Syrian and/or Russian Forces"}


@pytest.mark.parametrize(("text", "name"), SENTENCES)
def test_news_spelling_names_acled_actor(pipeline, text, name):
    role = "actor2" if name in AS_ACTOR2 else "assoc_actor_1" if name in AS_ASSOC1 else "actor1"
    assert [getattr(event, role) for event in extract(pipeline, text)] == [name], text


def test_sentences_cover_many_actors():
    """At least 25 were asked for."""
    assert len({name for _, name in SENTENCES}) == 40


DEV_CSV = "acled_syria_dev.csv"
ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def test_frequent_acled_actor_names_have_a_lexicon_row(eval_dir):
    """Every actor name ACLED uses at least 3 times in the dev set is the name of some row."""
    path = eval_dir / DEV_CSV
    if not path.is_file():
        pytest.skip(f"{path} is not present on this machine")
    counts: Counter[str] = Counter()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for column in ACTOR_COLUMNS:
                for name in (row.get(column) or "").split(";"):
                    if name.strip():
                        counts[name.strip()] += 1
    names = [actor.name for actor in actors().values()]
    missing = sorted(name for name, n in counts.items() if n >= 3 and not any(actors_agree(ours, name) for ours in names))
    assert not missing


def test_aliases_are_not_shared_between_actors():
    owner: dict[str, str] = {}
    for actor in actors().values():
        for alias in actor.aliases:
            assert owner.setdefault(alias, actor.key) == actor.key, (alias, owner[alias], actor.key)


FILLER = (
    " The weather was cold and the roads between the nearby towns were covered with snow for most of the week."
    " Schools in the district stayed closed until the end of the month and many families moved to relatives in"
    " the city where prices of bread and fuel had doubled since the summer according to local traders who spoke"
    " to reporters on the phone."
)


@pytest.mark.parametrize(("text", "name"), [
    ("The Syrian armys artillery shelled rebel positions in Kafr Nabl on Monday killing 3 fighters.", "Military Forces of Syria"),
    ("ISILs fighters killed five civilians in Mayadin on Saturday a monitor said.", "Islamic State"),
])
def test_an_actors_possessive_without_its_apostrophe_is_the_actor(pipeline, text, name):
    """FA-KES strips apostrophes ("the armys", "ISILs"): in a text that has none, the alias with a glued "s" is
    the actor.  A text that keeps its apostrophes reads "armys" as it stands (no alias)."""
    assert [e.actor1 for e in extract(pipeline, text + FILLER)] == [name]


@pytest.mark.parametrize(("text", "name"), [
    ("A Syrian fighter jet struck the village of Kafr Nabl in Idlib on Monday.", "Military Forces of Syria"),
    ("A Turkish warplane struck the village of Kafr Nabl in Idlib on Monday.", "Military Forces of Turkey"),
    ("A regime helicopter dropped barrel bombs on Kafr Nabl in Idlib on Monday.", "Military Forces of Syria"),
])
def test_one_aircraft_names_its_force_as_the_plural_does(pipeline, text, name):
    assert [e.actor1 for e in extract(pipeline, text)] == [name]


def test_a_glued_s_is_no_alias_in_a_text_that_keeps_its_apostrophes(pipeline):
    text = "The Syrian armys artillery shelled rebel positions in Kafr Nabl on Monday killing 3 fighters." + FILLER + " It's over."
    assert [e.actor1 for e in extract(pipeline, text)] != ["Military Forces of Syria"]


def test_actor_areas_name_known_actors_and_governorates():
    """extraction/data/actor_areas.csv: a misspelt key or governorate would silently never hint."""
    from extraction.lexicon import actor_areas, actors
    from gazetteer.admin import governorates

    known = {g.name for g in governorates()}
    assert set(actor_areas()) <= set(actors())
    assert all(areas and areas <= known for areas in actor_areas().values())


@pytest.mark.parametrize(("text", "published", "actor1", "assoc", "actor2"), [
    # ACLED codes US forces in Syria as the coalition, the state associated
    ("US forces brought military reinforcements to their base in Shadadah in Al-Hasakeh.", date(2020, 5, 4),
     "Global Coalition Against Daesh", "Military Forces of the United States", None),
    ("British forces shot dead a civilian near the Omar oil field in Deir-ez-Zor.", date(2019, 3, 1),
     "Global Coalition Against Daesh", "Military Forces of the United Kingdom", "Civilians"),
    # against the Syrian state, the state acts as itself
    ("A US missile strike on Syria's Shairat airbase killed five soldiers.", date(2017, 4, 7),
     None, None, "Military Forces of Syria"),
    # before the coalition's air war in Syria
    ("US special forces raided an IS compound near Deir-ez-Zor.", date(2014, 7, 4),
     "Military Forces of the United States", None, "Islamic State"),
])
def test_coalition_members_are_coded_as_the_coalition_in_syria(pipeline, text, published, actor1, assoc, actor2):
    event = extract(pipeline, text, published=published)[0]
    if actor1 is not None:
        assert (event.actor1, event.assoc_actor_1) == (actor1, assoc)
    assert "Global Coalition" not in (event.actor1 or "") or actor1 is not None
    assert event.actor2 == actor2


def test_harakat_hazm_is_named_as_the_news_writes_it(pipeline):
    """"the Hazm movement", "Harakat Hazm": the US-backed rebel group (bare "Hazm" stays the Hama village ACLED codes)."""
    from tests.extraction.conftest import extract

    (event,) = extract(pipeline, "Al-Nusra fighters attacked the Hazm movement in the town of Atarib on Saturday.")
    assert "Harakat Hazm" in (event.actor1, event.actor2)


@pytest.mark.parametrize(("text", "published", "actor1", "assoc"), [
    # what a state's forces fire, after its nationality, names the state (and "U.S." is one token in the text)
    ("U.S. airstrikes killed 5 civilians in Raqqa on Monday.", date(2013, 6, 1), "Military Forces of the United States", None),
    ("US air raids killed 5 civilians in Raqqa on Monday.", date(2013, 6, 1), "Military Forces of the United States", None),
    ("U.S. forces killed 5 civilians in Raqqa on Monday.", date(2013, 6, 1), "Military Forces of the United States", None),
    ("French raids killed 5 IS fighters in Raqqa on Monday.", date(2013, 6, 1), "Military Forces of France", None),
    ("Turkish bombers struck the village of Tal Rifaat on Monday.", date(2016, 6, 1), "Military Forces of Turkey", None),
    ("Syrian Armed Forces shelled the village of Kafr Nabl on Monday.", date(2016, 6, 1), "Military Forces of Syria", None),
    # a coalition member's jets in the air campaign are the coalition's
    ("Jordanian war planes bombed Islamic State positions in Raqqa on Thursday.", date(2015, 2, 5),
     "Global Coalition Against Daesh", "Military Forces of Jordan"),
])
def test_a_nationality_before_what_its_forces_fire_names_the_state(pipeline, text, published, actor1, assoc):
    event = extract(pipeline, text, published=published)[0]
    assert (event.actor1, event.assoc_actor_1) == (actor1, assoc)


@pytest.mark.parametrize("text", [
    "The War in Syria Air strikes kill eight civil defence workers in Kafr Zeita in Hama.",
    "The so-called Democratic Syria Troops captured Sheikh Issa town in Aleppo after clashes with IS.",
])
def test_a_countrys_bare_name_before_a_noun_is_not_its_state(pipeline, text):
    assert "Military Forces of Syria" not in {e.actor1 for e in extract(pipeline, text, published=date(2016, 5, 28))}


def test_police_of_a_state_with_its_own_row_keeps_acleds_the():
    names = {a.name for a in actors().values()}
    assert {"Police Forces of the United States", "Police Forces of the United Kingdom", "Police Forces of Syria"} <= names


def test_a_generic_word_describing_the_group_before_it_is_that_group(pipeline):
    """"The Army of Conquest, an opposition coalition that includes Al-Nusra Front, began its assault": the
    opposition coalition is the Army of Conquest, and Al-Nusra is one of its members - neither is the other side."""
    text = ('The "Army of Conquest" an opposition coalition that includes Al-Qaedas Syria affiliate Al-Nusra Front '
            "began its assault on Fuaa and Kafraya on Wednesday.")
    events = extract(pipeline, text, published=date(2015, 7, 16))
    assert {(e.actor1, e.assoc_actor_1, e.actor2) for e in events} == {("Jaish al Fateh", "Jabhat al-Nusra", None)}


@pytest.mark.parametrize(("text", "name"), [
    ("Jeish al-Islam fighters shelled the Damascus neighbourhood of Abbasiyyin on Monday.", "Jaysh al-Islam"),
    ("The al-Rahman Legion clashed with government forces in Jobar on Monday.", "FaR: Al Rahman Corps"),
])
def test_more_spellings_of_ghoutas_groups(pipeline, text, name):
    assert name in {a for e in extract(pipeline, text, published=date(2016, 5, 18)) for a in (e.actor1, e.actor2)}


@pytest.mark.parametrize(("text", "published", "name"), [
    # an alliance named before it was founded is the force it grew from: the SDF (10 October 2015) from the YPG
    ("Kurdish forces captured Sarrin after several weeks of intense clashes with IS.", date(2015, 7, 27),
     "YPG: People's Protection Units"),
    ("Kurdish forces captured Sarrin after several weeks of intense clashes with IS.", date(2016, 7, 27),
     "SDF: Syrian Democratic Forces"),
])
def test_an_alliance_named_before_its_founding_is_its_predecessor(pipeline, text, published, name):
    assert [e.actor1 for e in extract(pipeline, text, published=published)] == [name]


@pytest.mark.parametrize("text", [
    "Also in Aleppo province a ninth man was executed and crucified by IS in Al-Bab town near the border with Turkey.",
    "Thirty militants were killed around the town of Shadadi and another five outside Kobane on the border with Turkey.",
    "The fighting has prompted an exodus of residents many of whom have sought to cross into Turkey.",
])
def test_a_country_named_as_a_border_or_a_destination_is_no_actor(pipeline, text):
    """components._COUNTRY_AS_PLACE: "on the border with Turkey" places the town; it names no Turkish force."""
    assert all("Turkey" not in (e.actor1 or "") + (e.actor2 or "") for e in extract(pipeline, text, published=date(2014, 10, 4)))


def test_a_country_that_fires_is_still_its_forces(pipeline):
    text = "Turkey shelled YPG positions in the village of Maryamin near Afrin on Monday, killing three fighters."
    assert [e.actor1 for e in extract(pipeline, text, published=date(2016, 6, 6))] == ["Military Forces of Turkey"]


@pytest.mark.parametrize("text", [
    "The rebel barrage killed 10 people in Damascus while the government air strikes fired at Eastern Ghouta killed at "
    "least 82 people.",
    "The opposition bastion east of Damascus came under a massive government aerial assault on Thursday.",
])
def test_the_governments_fire_is_the_syrian_states(pipeline, text):
    """state_forces.csv: "government" names Syria's forces before a fire noun ("government air strikes", "government
    shelling"), as "government forces" already did; "aerial assault" is an air strike (triggers.json)."""
    strikes = [e for e in extract(pipeline, text, published=date(2015, 2, 9)) if e.sub_event_type == "Air/drone strike"]
    assert strikes and all(e.actor1 == "Military Forces of Syria" for e in strikes)


def test_a_tag_list_glued_to_the_lead_names_no_actor(pipeline):
    """components._TAGS_THEN_LEAD: the page's tags before the lead's opening word ("At least ...") are subjects of the
    page; the United States tagged there did not strike east Aleppo. Its places still place the lead."""
    text = ("Tags Aleppo Syria United States Russia At least 12 civilians were killed by airstrikes in the rebel-held east "
            "Aleppo district of Marjeh on Monday.")
    events = extract(pipeline, text, published=date(2016, 10, 17))
    assert [e.location for e in events] == ["Marjeh"]
    assert all(e.actor1 not in ("Global Coalition Against Daesh", "Military Forces of the United States") for e in events)
