"""One focused case per general rule added while measuring on gold/unseen.json.

Every sentence here is new: none comes from the stories the rules were measured on.
"""

import pytest

from articles.analysis import analyse
from articles.analysis.references import find_cues
from articles.analysis.text import Document


def run(index, *paragraphs):
    return analyse("Headline", list(paragraphs), index=index)


# --- "reported earlier" cues ------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        ("The Gaze reported in January that the coast guard had bought two new patrol boats.",
         "The Gaze reported in January"),
        ("As we reported two weeks ago, the port of Liepāja will host allied minesweepers.",
         "As we reported two weeks ago"),
        ("We wrote last month that the airfield near Jēkabpils would reopen for drills.", "We wrote last month"),
        ("The Gaze reported earlier this year that the border fence was almost complete.",
         "The Gaze reported earlier this year"),
    ],
)
def test_reported_earlier_cue_keeps_its_time_phrase(sentence, anchor):
    """The anchor includes when the earlier story ran ("in January", "two weeks ago")."""
    cues = find_cues(Document.from_parts("H", [sentence]), "The Gaze")
    assert [c.anchor for c in cues] == [anchor]


def test_we_reported_inside_a_quote_is_not_a_cross_reference():
    doc = Document.from_parts("H", ['"We reported that drone to the border guards at once," the farmer said.'])
    assert find_cues(doc, "The Gaze") == []


# --- quotes -------------------------------------------------------------------


def test_quote_continued_after_its_attribution_keeps_the_speaker(index):
    a = run(index, 'Colonel Ilmārs Ozoliņš inspected the range. "The mud is deep this year," Ozoliņš said. '
                   '"But the tracks will hold."')
    assert [(q.text, q.speaker_name) for q in a.quotes] == [
        ("The mud is deep this year", "Ilmārs Ozoliņš"), ("But the tracks will hold.", "Ilmārs Ozoliņš")]


def test_quote_after_a_narrative_sentence_is_not_a_continuation(index):
    a = run(index, '"The mud is deep this year," Colonel Ilmārs Ozoliņš said. The convoy then left for Ādaži, '
                   'where engineers had been repairing the bridge for a week. "Nobody expected that."')
    assert [q.speaker_name for q in a.quotes if q.text.startswith("Nobody")] in ([], [""])


# --- organisations ------------------------------------------------------------


def _orgs(a):
    return [(m.name, m.count) for m in a.of_kind("organization")]


def test_title_with_of_the_keeps_its_organisation(index):
    a = run(index, "Commander of the Estonian Navy Captain Tarmo Kõiv opened the new pier on Saaremaa.")
    person = a.of_kind("person")[0]
    assert (person.name, person.role, person.organization) == ("Tarmo Kõiv", "Commander of the Estonian Navy",
                                                               "Estonian Navy")
    assert ("Estonian Navy", 1) in _orgs(a)


def test_plural_possessive_inside_an_organisation_name(index):
    a = run(index, "Members of the Latvian Veterans' League and the Estonian Women's Voluntary Defence Organisation "
                   "marched in Valga.")
    names = [n for n, _ in _orgs(a)]
    assert "Latvian Veterans' League" in names and "Estonian Women's Voluntary Defence Organisation" in names


def test_country_possessive_still_splits_from_the_institution(index):
    a = run(index, "Norway's Ministry of Defence ordered new frigates.")
    assert [n for n, _ in _orgs(a)] == ["Ministry of Defence"]


def test_numbered_units(index):
    a = run(index, "Soldiers of Mechanised Brigade 12 and the 21st Infantry Regiment crossed the Vistula.")
    assert [n for n, _ in _orgs(a)] == ["Mechanised Brigade 12", "21st Infantry Regiment"]


def test_shorter_later_name_is_the_same_organisation(index):
    a = run(index, "The Lithuanian Sea Rescue Service bought two boats. The Sea Rescue Service will base them in Nida.")
    assert _orgs(a) == [("Lithuanian Sea Rescue Service", 2)]


def test_acronyms_of_products_and_technology_are_not_organisations(index):
    a = run(index, "The CV90 MKIV vehicles use GPS receivers, and the BAE order was confirmed.")
    assert [n for n, _ in _orgs(a)] == ["BAE"]


# --- people -----------------------------------------------------------------


def _people(a):
    return [(p.name, p.role, p.country, p.organization) for p in a.of_kind("person")]


def test_name_with_particles_and_its_quote(index):
    a = run(index, "Joost van den Berg, a Dutch member of the NATO Parliamentary Assembly, visited Ādaži.",
            '"The base has doubled in size," van den Berg said.')
    assert _people(a) == [("Joost van den Berg", "Member of the NATO Parliamentary Assembly", "NL", "")]
    assert [q.speaker_name for q in a.quotes] == ["Joost van den Berg"]


def test_title_before_the_name_set_off_by_commas(index):
    a = run(index, "A spokesperson for the Ministry of the Interior, Marta Zīle, said the fence would be finished.")
    assert _people(a) == [("Marta Zīle", "Spokesperson for the Ministry of the Interior", "", "")]


def test_possessive_title_before_the_name_resolves_the_body(index):
    a = run(index, "The Military Academy of Lithuania enrolled 200 cadets.",
            "The academy's rector, Colonel Vytautas Grinius, said the intake was the largest yet.")
    assert _people(a) == [("Vytautas Grinius", "Rector", "LT", "Military Academy of Lithuania")]


def test_commander_of_the_body_before_the_name(index):
    a = run(index, "The commander of the Latvian Coast Guard Service, Captain Ivars Lūsis, said two boats were lost.")
    assert _people(a) == [("Ivars Lūsis", "Commander", "LV", "Latvian Coast Guard Service")]


def test_counterpart_set_off_by_commas_takes_the_nationality(index):
    a = run(index, "Norwegian Minister of Defence Sigrid Haugland met her Danish counterpart, Minister of Defence "
                   "Nils Østergaard, in Oslo.")
    assert ("Nils Østergaard", "Minister of Defence", "DK", "") in _people(a)


def test_who_heads_the_body_named_by_a_common_noun(index):
    a = run(index, "The Lithuanian Shooting Union opened a range near Alytus.",
            "Jonas Petraitis, who heads the union, said 400 members had trained there.")
    assert ("Jonas Petraitis", "Head", "LT", "Lithuanian Shooting Union") in _people(a)


def test_the_addressee_of_told_is_not_a_person(index):
    a = run(index, "Kaisa Mäkelä told Helsingin Uutiset that the ferry had been stopped twice.")
    assert [p.name for p in a.of_kind("person")] == ["Kaisa Mäkelä"]


# --- sources ------------------------------------------------------------------


def _sources(a):
    return [(s.name, s.kind, s.attribution, s.cue) for s in a.sources]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Estonian Rescue Board's press office said the fire near Kunda was out.",
         ("Estonian Rescue Board press office", "press_office", "other",
          "The Estonian Rescue Board's press office said")),
        ("Saab said in a statement that the radar had passed its trials.",
         ("Saab press office", "press_office", "statement", "Saab said in a statement")),
        ("The Polish Border Guard said on Friday that 30 people had crossed near Hajnówka.",
         ("Polish Border Guard press office", "press_office", "other", "The Polish Border Guard said")),
        ("The range will close in May, according to a press release from the Latvian National Armed Forces.",
         ("Latvian National Armed Forces press office", "press_office", "press_release",
          "according to a press release from the Latvian National Armed Forces")),
        ("The mayor of Jõhvi told Yle Uutiset that the shelters were ready.",
         ("Yle Uutiset", "news_outlet", "interview", "told Yle Uutiset")),
    ],
)
def test_source_shapes(index, sentence, expected):
    assert _sources(run(index, sentence)) == [expected]


def test_statement_of_a_body_named_by_a_common_noun(index):
    a = run(index, "The Estonian Academy of Security Sciences opened a new campus in Narva-Jõesuu.",
            "It will train 40 border guards a year, according to a statement issued by the academy.")
    assert _sources(a) == [("Estonian Academy of Security Sciences press office", "press_office", "statement",
                            "according to a statement issued by the academy")]


def test_a_person_who_said_something_is_not_a_source(index):
    a = run(index, "Colonel Jonas Ruzgys said the bridge would reopen.")
    assert a.sources == []


# --- countries of office-holders, places ----------------------------------------------


def test_national_office_takes_the_country_of_its_sentence(index):
    a = run(index, "Estonia will buy six more rocket launchers, Prime Minister Merike Tamm said on Friday.")
    assert _people(a) == [("Merike Tamm", "Prime Minister", "EE", "")]


def test_national_office_takes_the_country_the_story_is_about(index):
    a = run(index, "Finland will close two more crossings on its eastern border.",
            "Finland has already shut four, and Finland's border guard has asked for more staff.",
            "Minister of the Interior Pekka Roinila said the decision was taken after talks with Sweden.")
    assert _people(a) == [("Pekka Roinila", "Minister of the Interior", "FI", "")]


def test_national_office_between_two_countries_stays_open(index):
    a = run(index, "Prime Minister Merike Tamm met officials from Latvia and Lithuania in Valga.")
    assert _people(a)[0][2] == ""


def test_aland_is_one_place(index):
    a = run(index, "Ferries to the Åland Islands were cancelled because of the storm.")
    assert [(p.name, p.parent) for p in a.of_kind("place")] == [("Åland Islands", "Finland")]


# --- rules from the second check (gold/heldout.json) ----------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["The ferry will run twice a day, the harbour master said in an interview with DR."],
         [("DR", "news_outlet", "interview", "in an interview with DR")]),
        (["Snow closed the road near Aarhus, according to TV 2 Østjylland."],
         [("TV 2 Østjylland", "news_outlet", "according_to", "according to TV 2 Østjylland")]),
        (["The minister wrote on Telegram that the bridge was closed."],
         [("Telegram", "social_media", "other", "wrote on Telegram")]),
        (["The Latvian State Fire and Rescue Service sent 40 crews to the forest near Kuldīga.",
          "According to the rescue service, the fire is under control."],
         [("Latvian State Fire and Rescue Service press office", "press_office", "according_to",
           "According to the rescue service")]),
        (["According to the data, the fire is under control."], []),
    ],
)
def test_more_source_shapes(index, paragraphs, expected):
    assert _sources(run(index, *paragraphs)) == expected


def test_quote_with_the_title_before_the_speaker(index):
    a = run(index, '"The road is open again," the mayor of Tukums, Ilze Ozola, said.')
    assert [(q.speaker_name, q.cue) for q in a.quotes] == [("Ilze Ozola", "the mayor of Tukums, Ilze Ozola, said")]
    assert _people(a) == [("Ilze Ozola", "Mayor of Tukums", "", "")]


def test_its_title_refers_to_the_body_just_named(index):
    a = run(index, "The Estonian Internal Security Service published its yearbook, and its director, Mart Kivisild, "
                   "said espionage cases had doubled.")
    assert _people(a) == [("Mart Kivisild", "Director", "EE", "Estonian Internal Security Service")]


def test_trailing_country_of_a_title_set_off_by_commas(index):
    a = run(index, "The Chief of Defence of Norway, General Sigurd Aasen, visited the Finnmark border.")
    assert _people(a) == [("Sigurd Aasen", "Chief of Defence", "NO", "")]


def test_country_named_before_the_title_beats_the_story_country(index):
    a = run(index, "Sweden will extend its border checks. Sweden says Sweden needs them.",
            "In neighbouring Finland, Minister of Transport Leena Kettunen said the ferries would not be affected.")
    assert ("Leena Kettunen", "Minister of Transport", "FI", "") in _people(a)


def test_organisation_name_with_and(index):
    a = run(index, "The State Fire and Rescue Service and the Ministry of Culture and Sport opened the museum.")
    assert "State Fire and Rescue Service" in [n for n, _ in _orgs(a)]
    a = run(index, "Estonia and Latvia and the Finnish Navy trained together.")
    assert [n for n, _ in _orgs(a)] == ["Finnish Navy"]


def test_a_body_before_said_is_not_a_person(index):
    a = run(index, '"We doubled the shifts," Aivars Liepa, the director of Rīgas Elektromašīnbūves Rūpnīca, said.')
    assert [p.name for p in a.of_kind("person")] == ["Aivars Liepa"]


def test_title_of_a_body_named_by_a_noun_or_a_proper_name(index):
    a = run(index, "The Latvian Naval Flotilla received two minehunters.",
            '"They are old but sound," Captain Raimonds Kļaviņš, the commander of the flotilla, said.',
            '"We refitted both," Inga Roze, the chief executive of Baltijas Kuģu Remonts, said.')
    assert ("Raimonds Kļaviņš", "Commander", "LV", "Latvian Naval Flotilla") in _people(a)
    assert ("Inga Roze", "Chief Executive", "", "Baltijas Kuģu Remonts") in _people(a)
