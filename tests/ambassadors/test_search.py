"""Teachers browse and search: filters, full-text search, sorting and pages, all in the URL."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from ambassadors.search import search_vectors_refresh
from tests.ambassadors.factories import (
    AmbassadorFactory,
    EducationPathFactory,
    IndustryFactory,
    LanguageFactory,
    ProfessionFactory,
    age_group,
    published_ambassador,
)
from tests.factories import MunicipalityFactory, RegionFactory

pytestmark = pytest.mark.django_db
LIST = reverse("ambassadors:list")


def names(response) -> list[str]:
    return re.findall(r'<h3><a href="[^"]*">([^<]*)</a></h3>', response.content.decode())


@pytest.fixture
def town():
    region = RegionFactory(name="Östergötland", slug="ostergotland")
    return {
        "motala": MunicipalityFactory(name="Motala", slug="motala", region=region),
        "finspang": MunicipalityFactory(name="Finspång", slug="finspang", region=region),
        "fagersta": MunicipalityFactory(
            name="Fagersta", slug="fagersta", region=RegionFactory(name="Västmanland", slug="vastmanland")
        ),
    }


@pytest.fixture
def people(town):
    cnc, welder = ProfessionFactory(name="CNC-operatör"), ProfessionFactory(name="Svetsare")
    workshop, steel = IndustryFactory(name="Verkstadsindustri"), IndustryFactory(name="Stålindustri")
    arabic = LanguageFactory(name="Arabiska", slug="arabiska")
    industrial = EducationPathFactory(name="Industritekniska programmet")
    amir = published_ambassador(
        display_name="Amir",
        profession=cnc,
        industry=workshop,
        municipality=town["motala"],
        offers_digital=False,
        story="Jag kör fleroperationsmaskiner och programmerar robotarna.",
    )
    amir.languages.add(arabic)
    amir.education_paths.add(industrial)
    amir.age_groups.add(age_group("ak-7-9"))
    linnea = published_ambassador(
        display_name="Linnea",
        profession=welder,
        industry=steel,
        municipality=town["finspang"],
        offers_on_site=False,
        offers_digital=True,
        employer="Luvata",
    )
    linnea.age_groups.add(age_group("gymnasiet"))
    ida = published_ambassador(display_name="Ida", profession=cnc, industry=workshop, municipality=town["fagersta"])
    hidden = AmbassadorFactory(display_name="Dold", profession=cnc, municipality=town["motala"])  # unpublished
    search_vectors_refresh([amir.pk, linnea.pk, ida.pk, hidden.pk])
    return {"amir": amir, "linnea": linnea, "ida": ida}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Amir", "Ida", "Linnea"]),
        ("yrke=cnc-operator", ["Amir", "Ida"]),
        ("bransch=stalindustri", ["Linnea"]),
        ("region=ostergotland", ["Amir", "Linnea"]),
        ("kommun=motala", ["Amir"]),
        ("kommun=motala&yrke=cnc-operator", ["Amir"]),
        ("kommun=finspang&yrke=cnc-operator", []),
        ("utbildning=industritekniska-programmet", ["Amir"]),
        ("format=digitalt", ["Ida", "Linnea"]),
        ("format=plats", ["Amir", "Ida"]),
        ("sprak=arabiska", ["Amir"]),
        ("alder=gymnasiet", ["Linnea"]),
    ],
)
def test_each_filter_narrows_the_published_profiles(client, people, query, expected):
    assert names(client.get(f"{LIST}?{query}")) == expected


def test_unpublished_profiles_never_show(client, people):
    assert "Dold" not in client.get(LIST).content.decode()


def test_filters_offer_only_values_that_lead_somewhere(client, people):
    ProfessionFactory(name="Astronaut")
    page = client.get(LIST).content.decode()
    assert "CNC-operatör" in page and "Astronaut" not in page


def test_municipalities_are_grouped_by_region(client, people):
    page = client.get(LIST).content.decode()
    assert re.search(r'<optgroup label="Västmanland">\s*<option value="fagersta"', page)


def test_a_stale_value_in_a_shared_link_is_ignored_not_an_error(client, people):
    response = client.get(f"{LIST}?yrke=finns-inte&kommun=motala")
    assert response.status_code == 200
    assert names(response) == ["Amir"]


def test_text_search_finds_words_in_the_story_and_employer(client, people):
    assert names(client.get(f"{LIST}?q=robotarna")) == ["Amir"]
    assert names(client.get(f"{LIST}?q=luvata")) == ["Linnea"]


def test_text_search_combines_with_filters(client, people):
    assert names(client.get(f"{LIST}?q=cnc&kommun=fagersta")) == ["Ida"]


def test_swedish_search_finds_other_forms_of_a_word(client, people):
    # "robot" is stemmed like "robotarna" in the story (PostgreSQL's Swedish configuration, or the
    # same Snowball stemmer in front of SQLite's FTS5)
    assert names(client.get(f"{LIST}?q=robot")) == ["Amir"]
    assert names(client.get(f"{LIST}?q=maskin")) == []  # a different word is not a match
    assert names(client.get(f"{LIST}?q=fleroperationsmaskin")) == ["Amir"]


def test_a_hit_in_the_profession_ranks_above_a_hit_in_the_story(client, town):
    welder = published_ambassador(
        display_name="Bengt", profession=ProfessionFactory(name="Svetsare"), municipality=town["motala"]
    )
    storyteller = published_ambassador(
        display_name="Anna", story="Min pappa var svetsare.", municipality=town["motala"]
    )
    search_vectors_refresh([welder.pk, storyteller.pk])
    assert names(client.get(f"{LIST}?q=svetsare")) == ["Bengt", "Anna"]


@pytest.mark.postgres
def test_the_search_column_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'ambassador_search_gin'")
        (definition,) = cursor.fetchone()
    assert "USING gin (search_vector)" in definition


def test_on_sqlite_accents_are_folded_and_words_match_as_prefixes(client, people):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's Swedish configuration keeps accents and matches whole words")
    assert names(client.get(f"{LIST}?q=robota")) == ["Amir"]
    assert names(client.get(f"{LIST}?q=stalindustri")) == ["Linnea"]


def test_sorting_by_name_municipality_and_newest(client, people):
    assert names(client.get(f"{LIST}?sortering=namn")) == ["Amir", "Ida", "Linnea"]
    assert names(client.get(f"{LIST}?sortering=kommun")) == [
        "Ida",
        "Linnea",
        "Amir",
    ]  # Fagersta, Finspång, Motala
    assert names(client.get(f"{LIST}?sortering=nyast")) == ["Ida", "Linnea", "Amir"]


@pytest.mark.postgres
def test_names_sort_the_swedish_way(client, town):
    for name in ["Östen", "Åsa", "Zara", "Ärla", "Adam"]:
        published_ambassador(display_name=name, municipality=town["motala"])
    assert names(client.get(f"{LIST}?sortering=namn")) == ["Adam", "Zara", "Åsa", "Ärla", "Östen"]


def test_pages_of_twelve_keep_the_filters_in_their_links(client, town):
    for n in range(14):
        published_ambassador(display_name=f"Person {n:02}", municipality=town["motala"])
    first = client.get(f"{LIST}?kommun=motala&sortering=namn")
    assert len(names(first)) == 12
    assert 'href="?kommun=motala&amp;sortering=namn&amp;sida=2"' in first.content.decode()
    second = client.get(f"{LIST}?kommun=motala&sortering=namn&sida=2")
    assert names(second) == ["Person 12", "Person 13"]


def test_the_count_is_announced_and_an_empty_result_says_what_to_do(client, people):
    page = client.get(f"{LIST}?kommun=finspang&yrke=cnc-operator").content.decode()
    assert 'role="status"' in page and "0 yrkesambassadörer" in page
    assert "Ingen yrkesambassadör matchar sökningen" in page


def test_an_htmx_search_returns_only_the_results_and_the_new_count(client, people):
    response = client.get(f"{LIST}?kommun=motala", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and 'hx-swap-oob="innerHTML"' in page and names(response) == ["Amir"]


def test_cards_show_photo_name_profession_and_employer_but_no_contact_details(client, people):
    ambassador = people["linnea"]
    ambassador.contact_email = "linnea.privat@example.se"
    ambassador.contact_phone = "070-123 45 67"
    ambassador.save()
    page = client.get(LIST).content.decode()
    assert "Svetsare" in page and "Luvata" in page
    assert "linnea.privat@example.se" not in page and "070-123 45 67" not in page


def test_the_list_does_not_make_more_queries_with_more_profiles(client, town, django_assert_max_num_queries):
    def make(n):
        for i in range(n):
            ambassador = published_ambassador(display_name=f"P{i}", municipality=town["motala"])
            ambassador.languages.add(LanguageFactory())

    make(3)
    with django_assert_max_num_queries(14) as few:
        client.get(f"{LIST}?kommun=motala")
    make(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"{LIST}?kommun=motala")
