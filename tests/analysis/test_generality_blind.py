"""One focused case per general rule added after the blind check (gold/blind/blind.json).

Every sentence here is new: none comes from the blind stories the rules were measured on.
"""

import pytest

from articles.analysis.evaluation import _cues_agree, _roles_agree

from .readings import organisations, people, places, quotes, run, sources

# --- people and roles -----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Mykola Bondar, Ukraine's deputy minister of veterans affairs, visited the hospital in Tartu.",
         ("Mykola Bondar", "Deputy Minister of Veterans Affairs", "UA", "")),
        ("Petro Savchuk, Ukraine's deputy minister, toured the depot.", ("Petro Savchuk", "Deputy Minister", "UA", "")),
        ("Karin Vest, an economist at the Danish Institute for International Studies, said prices would rise.",
         ("Karin Vest", "Economist", "DK", "Danish Institute for International Studies")),
        ("Rasa Jankė, a historian at the Vilnius Memory Centre in Vilnius, said the archive was unique.",
         ("Rasa Jankė", "Historian", "LT", "Vilnius Memory Centre")),
        ("Otto Lind, a member of parliament from Lapland, said the road was unsafe.",
         ("Otto Lind", "Member of Parliament", "FI", "")),
    ],
)
def test_lower_case_title_in_an_appositive(index, sentence, expected):
    """", <Country>'s deputy minister of X,", ", an economist at the <Org>,", ", a member of parliament from <Place>,"."""
    assert people(run(index, sentence)) == [expected]


def test_a_farmer_from_a_village_takes_the_story_country(index):
    a = run(index, "Estonia will dig new trenches near Värska. Estonia says Estonia pays for it.",
            "Jaan Kask, a farmer from the village of Meremäe, said he had lost a field.")
    assert ("Jaan Kask", "Farmer", "EE", "") in people(a)


def test_commander_of_a_numbered_unit_of_a_larger_body(index):
    a = run(index, "Col. Andrus Mets, the commander of the 1st Infantry Brigade of the Estonian Defence Forces, "
                   "inspected the range.")
    assert people(a) == [("Andrus Mets", "Commander", "EE", "1st Infantry Brigade")]
    assert organisations(a) == ["1st Infantry Brigade", "Estonian Defence Forces"]


def test_institution_adjective_beats_a_country_merely_mentioned(index):
    a = run(index, "The Estonian government agreed on Monday to keep the crossings with Russia shut, "
                   "Interior Minister Liis Tamm said.")
    assert ("Liis Tamm", "Minister of the Interior", "EE", "") in people(a)


def test_two_countries_and_nothing_ties_the_minister(index):
    a = run(index, "Lithuania and Poland will share radar data, Minister of Defence Jonas Vaitkus said.")
    assert people(a)[0][2] == ""


def test_headline_country_is_the_story_country(index):
    a = run(index, "Sweden will double its air defence units, and Russia has moved jets to the border.",
            "Gen. Karl Holm, the chief of defence, called the plan overdue.",
            headline="Sweden to Double Its Air Defence")
    assert ("Karl Holm", "Chief of Defence", "SE", "") in people(a)


def test_title_of_a_field_splits_at_the_name(index):
    a = run(index, "Estonia's Minister of Regional Affairs Madis Kallas opened the road.")
    assert people(a) == [("Madis Kallas", "Minister of Regional Affairs", "EE", "")]


def test_hyphenated_title_and_abbreviated_ranks(index):
    a = run(index, '"The range is ready," Vice-Minister of Defence Tadas Kairys said.',
            "Maj. Gen. Ilmar Saar, the commander of the Estonian Division, agreed.")
    assert ("Tadas Kairys", "Vice-Minister of Defence", "", "") in people(a)
    assert ("Ilmar Saar", "Commander", "EE", "Estonian Division") in people(a)
    assert quotes(a) == [("The range is ready", "Tadas Kairys")]


def test_capitalised_phrase_after_the_is_not_a_person(index):
    a = run(index, 'Colonel Ivo Lepp called the fence "the spine of the Baltic Line" and said more was coming.')
    assert [p.name for p in a.of_kind("person")] == ["Ivo Lepp"]


def test_role_words_do_not_open_an_organisation(index):
    a = run(index, "Col. Maris Ozols, deputy commander of the Latvian Naval Flotilla, said two ships were ready.")
    assert organisations(a) == ["Latvian Naval Flotilla"]


# --- quotes ---------------------------------------------------------------------------


def test_quotation_over_two_paragraphs_keeps_its_speaker(index):
    a = run(index, '"The river froze early this year," Captain Tõnu Raud said.',
            '"So the patrols went out on foot for a month."')
    assert quotes(a) == [("The river froze earl", "Tõnu Raud"), ("So the patrols went ", "Tõnu Raud")]


def test_paragraph_after_narrative_is_not_a_continuation(index):
    a = run(index, '"The river froze early this year," Captain Tõnu Raud said. The patrol boats stayed in port '
                   "for most of the winter because of the ice.",
            '"Nobody had planned for a winter like that one in decades."')
    assert a.quotes[-1].speaker_name == ""


def test_colon_quote_after_a_name_with_an_appositive(index):
    a = run(index, 'Anders Holm, head of the Swedish Coast Guard, explained the search: "We found the anchor '
                   'marks on the seabed after two days of looking."')
    assert quotes(a) == [("We found the anchor ", "Anders Holm")]


def test_he_after_an_unrecognised_name_gets_no_speaker(index):
    a = run(index, "Colonel Mikko Laine opened the new hangar in Rovaniemi.",
            'Arvo Tamm, whose company built the hangar, was pleased. "It was a hard winter for the crews," he said.')
    assert [q.speaker_name for q in a.quotes] == [""]


def test_he_after_a_recognised_person_still_resolves(index):
    a = run(index, "Colonel Mikko Laine opened the new hangar near Rovaniemi, a project of the Finnish Air Force.",
            '"It was a hard winter for the crews," he said.')
    assert [q.speaker_name for q in a.quotes] == ["Mikko Laine"]


# --- sources ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The bridge is closed, the driver said, quoted by the news agency BNS.",
         ("BNS", "news_agency", "quoted by the news agency BNS")),
        ("The plan, released as a white paper by the Danish Ministry of Defence, adds two frigates.",
         ("Danish Ministry of Defence white paper", "official_document",
          "released as a white paper by the Danish Ministry of Defence")),
        ("The paper, which cited a confidential Latvian State Police report, named three suspects.",
         ("Latvian State Police report", "official_document", "which cited a confidential Latvian State Police report")),
        ("The Estonian Internal Security Service wrote in its yearbook that recruitment had grown.",
         ("Estonian Internal Security Service yearbook", "official_document",
          "The Estonian Internal Security Service wrote in its yearbook")),
    ],
)
def test_quoted_by_and_official_documents(index, sentence, expected):
    assert sources(run(index, sentence)) == [expected]


# --- organisations ----------------------------------------------------------------------------


def test_companies_by_corporate_word_or_introduced_by_what_they_make(index):
    a = run(index, "Baltic Marine Engineering and the Estonian shipbuilder Tallinna Laevatehas will build the hulls.")
    assert organisations(a) == ["Baltic Marine Engineering", "Tallinna Laevatehas"]


# --- places --------------------------------------------------------------------------------


def test_adjectives_of_acting_countries_are_places(index):
    a = run(index, "Danish and Norwegian troops trained on the island, with a Lithuanian-led company.")
    assert places(a) == ["Denmark", "Norway", "Lithuania"]


def test_adjectives_of_things_and_titles_are_not_places(index):
    a = run(index, "A German tanker sailed past Riga, and Swedish Minister of Defence Per Alm watched.")
    assert places(a) == ["Riga"]


def test_country_in_a_company_name_is_a_place(index):
    a = run(index, "Norway Aerospace Industries will deliver the sensors.")
    assert organisations(a) == ["Norway Aerospace Industries"] and places(a) == ["Norway"]


def test_regions_islands_and_crossings(index):
    a = run(index, "Patrols moved from North Karelia to Vartius, and exercises on Hiiumaa, in the Arctic and "
                   "across Europe went on.")
    assert places(a) == ["North Karelia", "Vartius", "Hiiumaa", "Arctic", "Europe"]


# --- evaluation equivalences -------------------------------------------------------------------


def test_evaluation_compares_roles_in_canonical_form_and_cues_by_containment():
    assert _roles_agree("Defence Minister", "Minister of Defence", "")
    assert _roles_agree("Commander of the Estonian Navy", "Commander", "Estonian Navy")
    assert not _roles_agree("Commander of the Estonian Navy", "Commander", "")
    assert _cues_agree("the minister told LSM", "told LSM")
    assert not _cues_agree("told LSM", "told")
