"""The rules decide from what a clause asks or states: titles in a list of instruments, passing
mentions of groups and hyphenated modifiers do not make a clause about a theme."""
from clausemark.core.parse.model import Paragraph, Resolution
from clausemark.core.suggest.suggestions import suggest
from tests.core.suggest_eval import default_themes


def run(*texts, themes=None, **kwargs):
    paragraphs = [Paragraph(f"OP{i + 1}", "operative", str(i + 1), f"OP {i + 1}", None, text)
                  for i, text in enumerate(texts)]
    found = suggest(Resolution(symbol="A/RES/1/1", paragraphs=paragraphs),
                    themes or default_themes(), **kwargs)
    return {pid: {s.theme: s for s in found[pid]} for pid in found}


def themes_of(text):
    return set(run(text).get("OP1", {}))


def test_what_the_clause_asks_about_is_suggested_with_the_words_as_reason():
    got = run("Urges States to end the immigration detention of children")["OP1"]
    assert set(got) == {"children", "detention"}
    assert "“detention”" in got["detention"].reason and got["detention"].source == "cues"


def test_an_instrument_named_in_a_list_of_treaties_is_not_a_theme():
    text = ("Recalling the International Covenant on Civil and Political Rights, the Convention "
            "against Torture, the Convention on the Rights of the Child and the Convention on "
            "the Rights of Persons with Disabilities,")
    assert themes_of(text) == set()


def test_an_instrument_that_is_the_clause_subject_counts():
    got = run("Calls upon States parties to implement fully the Convention on the Rights of "
              "the Child")["OP1"]
    assert set(got) == {"children"}
    assert "Convention on the Rights of the Child" in got["children"].reason


def test_women_and_children_in_passing_is_not_about_children():
    assert themes_of("Calls upon States to protect the human rights of all migrants, including "
                     "those of women and children, regardless of their status") == set()
    assert themes_of("Protects the rights of children and adolescents in schools") == {"children"}
    assert themes_of("Ends the detention of migrant children") == {"children", "detention"}


def test_hyphenated_modifiers_in_a_list_are_passing_mentions():
    assert themes_of("Develop gender-responsive, child-sensitive and disability-inclusive "
                     "health policies") == set()


def test_passing_mentions_that_keep_coming_back_add_up():
    text = ("Develop child-sensitive migration policies to fulfil the rights of all migrant "
            "women and children, in particular girls")
    assert themes_of(text) == {"children"}


def test_an_agenda_item_title_never_counts():
    assert themes_of("Decides to include in the provisional agenda of its next session the item "
                     "entitled “Protection of diplomatic and consular missions”") == set()


def test_lower_case_titles_of_earlier_resolutions_in_a_list_do_not_count():
    text = ("Recalling its resolutions 77/201 of 15 December 2022 on protecting children from "
            "bullying, 76/146 of 16 December 2021 on the right to food and 77/211 of 15 December "
            "2022 on the right to privacy in the digital age,")
    assert themes_of(text) == set()


def test_a_list_of_instruments_mostly_about_the_theme_counts():
    text = ("Encourages States to apply the United Nations Standard Minimum Rules for the "
            "Treatment of Prisoners, the United Nations Rules for the Treatment of Women Prisoners "
            "and the United Nations Rules for the Protection of Juveniles Deprived of their "
            "Liberty and the Guidelines on Access to Legal Aid")
    assert themes_of(text) == {"detention"}  # 3 of 4 on detention; 1 of 4 on juveniles


def test_a_cross_reference_carries_the_subject_of_the_paragraph_it_names():
    got = run("Condemns acts of violence against diplomatic and consular missions;",
              "Urges States to prevent acts against the missions mentioned in paragraph 1 above;",
              "Requests the Secretary-General to report on paragraph 1 above;")
    assert "consular rights" in got["OP2"] and "refers to OP 1" in got["OP2"]["consular rights"].reason
    assert "OP3" not in got


def test_skipped_pairs_and_retired_themes_are_never_proposed():
    themes = default_themes()
    text = "Urges States to end the detention of children"
    got = run(text, skip={("OP1", themes[0].id)})["OP1"]
    assert set(got) == {"detention"}
    from dataclasses import replace
    retired = [replace(t, retired=t.name == "detention") for t in themes]
    assert set(run(text, themes=retired)["OP1"]) == {"children"}


def test_a_custom_theme_works_from_its_own_cues():
    from dataclasses import replace
    themes = default_themes() + [replace(default_themes()[0], id=9, name="trafficking",
                                         cues=("trafficking in persons", "trafficker"))]
    got = run("Calls for the prosecution of traffickers and the protection of victims of "
              "trafficking in persons", themes=themes)["OP1"]
    assert set(got) == {"trafficking"}


def test_an_exclusion_cue_keeps_a_phrase_from_counting():
    assert themes_of("Calls for the execution of arrest warrants issued by the Court") == set()
    assert themes_of("Calls for an end to arbitrary arrest of journalists") == {"detention"}
    assert themes_of("Calls for the conservation of juvenile fish stocks") == set()
