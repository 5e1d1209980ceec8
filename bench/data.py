"""Synthetic benchmark data: an authority file and an archive of published stories.

Deterministic (seeded) so that two runs build the same data. Everything is
written with ``bulk_create`` in batches: no ``save()``, no signals, no
rendering (``body_html`` is a trivial stub; ``body_text`` is set directly).
Call only inside a configured Django (see ``bench/run.py``).
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Iterator

from django.db import connection, transaction
from django.utils import timezone

from entities.models import Organization, Person, Place, Role, Source, ascii_slug

BATCH = 2000
YEARS = 5

# -- names --------------------------------------------------------------------

# Per "language": syllables for first names and surnames, and surname endings.
# Realistic-looking multi-token names with diacritics: "Laurynas Kasčiūnas",
# "Mikko Lähteenmäki", "Agnieszka Wróblewska", "Jānis Bērziņš".
_LANGS = {
    "lt": (
        "lau ry nas gin ta ras vy tau tas dal ia rū ta ka ži mie ras ar vy das ei mu tis jur gis ge di mi nas".split(),
        "kas čiū kal nie ža lio jur ge var na pet ra bu tkė sa bo ni ma ži gi rdž vai šno ra".split(),
        ["ūnas", "aitis", "ienė", "auskas", "evičius", "ytė", "as", "is"],
    ),
    "pl": (
        "ag nie szka to masz wła dy sław ka ta rzy na mar cin pio tr zo fia ja ro sław ew a".split(),
        "wró ble kow nie dź wie kacz mar czyk le wan sto ła go szcz gór żuk".split(),
        ["ski", "ska", "wicz", "czyk", "ak", "ek"],
    ),
    "fi": (
        "mik ko juk ka an tti ai no sa ri hei kki lee na mat ti ou ti pä ivi".split(),
        "läh tee mä laa ko ske vir ta ha kka rai nen mä ki nie mi jär vi".split(),
        ["nen", "mäki", "lä", "salo", "oja"],
    ),
    "lv": (
        "jā nis ār ti ra ga ints ka rlis lī ga ed gars ie va rai mon ds".split(),
        "bēr ziņ kal niņ o zo liņ lie pi sprū dž ka ln pē ter so ns".split(),
        ["š", "s", "iņš", "ons", "e"],
    ),
    "de": (
        "jür gen bo ris ur su la ste fan kat rin wolf gang an ke mar kus".split(),
        "mül ler schrö der pis to ri us ha ber hof wei ß kö nig".split(),
        ["mann", "er", "berg", "hoff", "stein"],
    ),
    "uk": (
        "o lek sii vo lo dy myr ok sa na ser hii ha li na ry rii".split(),
        "re zni kov za lu zhn shmy ha ko ven ko sy rsk kuz men".split(),
        ["ko", "enko", "chuk", "yi", "iv"],
    ),
}


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _token(rng: random.Random, syllables: list[str], lo: int, hi: int, ending: str = "") -> str:
    return _cap("".join(rng.choice(syllables) for _ in range(rng.randint(lo, hi))) + ending)


def person_names(rng: random.Random, n: int) -> Iterator[tuple[str, str, str]]:
    """(name, alias lines, language) for n distinct people."""
    seen: set[str] = set()
    langs = list(_LANGS)
    while len(seen) < n:
        lang = rng.choice(langs)
        firsts, sur, endings = _LANGS[lang]
        first = _token(rng, firsts, 2, 3)
        surname = _token(rng, sur, 1, 3, rng.choice(endings))
        middle = f" {_token(rng, firsts, 2, 2)}" if rng.random() < 0.08 else ""
        name = f"{first}{middle} {surname}"
        if name in seen or len(surname) < 4:
            continue
        seen.add(name)
        aliases = []
        r = rng.random()
        if r < 0.15:
            aliases.append(f"{first[0]}. {surname}")
        elif r < 0.30:
            aliases.append(f"{first} {surname}".replace("ii", "iy").replace("w", "v").replace("sz", "sh"))
        yield name, "\n".join(a for a in aliases if a != name), lang


def _word(rng: random.Random, lo: int = 2, hi: int = 3) -> str:
    syll = "ka li na ras tis mo ve ar du sen pe la ri jo an ne ku ta vi so ž ė ų ä ö ł".split()
    return _token(rng, syll[:20], lo, hi) + rng.choice(["", "", "ai", "ė", "ovo", "ava", "ki", "ia", "ų"])


COUNTRIES = [
    ("Lithuania", "LT"), ("Latvia", "LV"), ("Estonia", "EE"), ("Poland", "PL"), ("Finland", "FI"),
    ("Sweden", "SE"), ("Norway", "NO"), ("Denmark", "DK"), ("Germany", "DE"), ("France", "FR"),
    ("United Kingdom", "GB"), ("United States", "US"), ("Ukraine", "UA"), ("Russia", "RU"), ("Belarus", "BY"),
    ("Netherlands", "NL"), ("Belgium", "BE"), ("Czech Republic", "CZ"), ("Slovakia", "SK"), ("Romania", "RO"),
    ("Hungary", "HU"), ("Italy", "IT"), ("Spain", "ES"), ("Canada", "CA"), ("Türkiye", "TR"),
    ("Moldova", "MD"), ("Georgia", "GE"), ("Iceland", "IS"), ("Portugal", "PT"), ("Bulgaria", "BG"),
]

ORG_PATTERNS = [
    "{p} Defence Works", "{p} Regional Council", "{s} Industries", "{p} Border Guard Service",
    "{p} Military Academy", "{n} Mechanised Brigade", "{p} Air Defence Battalion", "{s} Aerospace",
    "{p} Institute of Security Studies", "{p} Naval Flotilla", "{s} & {s2} Engineering", "{p} Cyber Command",
    "{p} Territorial Defence Force", "{p} Logistics Agency", "{s} Foundation", "{p} Armaments Directorate",
]
SOURCE_PATTERNS = [
    ("news_outlet", "{p} Times"), ("news_outlet", "{p} Daily"), ("news_outlet", "Radio {p}"),
    ("news_outlet", "{p} Herald"), ("news_agency", "{p} News Agency"), ("news_agency", "{p} Press Agency"),
    ("social_media", "{s} Monitor"), ("official_document", "{p} Defence Review"),
]
ROLE_TITLES = [
    "Minister of Defence", "Chief of Defence", "Commander of the Land Forces", "Vice Minister of Defence",
    "Foreign Minister", "Prime Minister", "Commander of the Navy", "Spokesperson",
]
SECTIONS = [("Defence", "defence"), ("Security", "security"), ("Politics", "politics"), ("Industry", "industry")]

# -- story text -----------------------------------------------------------------

NOUNS = (
    "brigade battalion howitzer drone radar tank artillery ammunition exercise deployment procurement contract "
    "budget frigate corvette submarine airspace border fence garrison reservist conscript missile interceptor "
    "shell depot airfield runway helicopter convoy corridor pipeline cable minefield bridge logistics hub "
    "infantry vehicle sensor satellite patrol cyberattack sabotage warship port barracks training range "
    "air-defence system rocket launcher ceasefire sanction mobilisation drill headquarters unit"
).split()
VERBS = (
    "deploy procure deliver station train inspect reinforce expand upgrade order test modernise relocate "
    "intercept monitor fund approve sign extend strengthen rotate"
).split()
ADJS = (
    "new additional mobile long-range short-range heavy light northern eastern western southern joint allied "
    "regional national rapid permanent temporary multinational modern armoured"
).split()
FILLER = (
    "the a of in to and for on with by from at over after before during while that which its their this "
    "several some more than about nearly around"
).split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def sentence(rng: random.Random, name: str | None = None) -> str:
    """A news-like sentence of ~10-22 words, optionally naming an entity."""
    n = rng.randint(2, 3)
    parts = []
    for _ in range(n):
        parts.append(
            f"{rng.choice(FILLER)} {rng.choice(ADJS)} {rng.choice(NOUNS)} {rng.choice(FILLER)} "
            f"{rng.choice(VERBS)} {rng.choice(FILLER)} {rng.choice(NOUNS)}"
        )
    words = " ".join(parts)
    if name:
        form = rng.randrange(4)
        if form == 0:
            words = f"{name} said on {rng.choice(WEEKDAYS)} that {words}"
        elif form == 1:
            words = f"{words} in {name}"
        elif form == 2:
            words = f"{words}, according to {name}"
        else:
            words = f"{words} as {name} plans to {rng.choice(VERBS)} {rng.randint(2, 900)} {rng.choice(NOUNS)}s"
    return _cap(words) + "."


def story_body(rng: random.Random, names: list[str], words_lo: int = 150, words_hi: int = 400) -> list[str]:
    """Paragraphs totalling ~words_lo..words_hi words, naming each of `names` at least once."""
    target = rng.randint(words_lo, words_hi)
    pending = list(names)
    rng.shuffle(pending)
    paragraphs: list[str] = []
    count = 0
    while count < target or pending:
        para = []
        for _ in range(rng.randint(2, 3)):
            name = pending.pop() if pending else (rng.choice(names) if names and rng.random() < 0.3 else None)
            s = sentence(rng, name)
            para.append(s)
            count += s.count(" ") + 1
        paragraphs.append(" ".join(para))
    return paragraphs


def headline(rng: random.Random, place: str, org: str) -> str:
    return _cap(
        f"{place} to {rng.choice(VERBS)} {rng.choice(ADJS)} {rng.choice(NOUNS)}s with {org}"
    )[:250]


# -- building -----------------------------------------------------------------


def _batched(model, objs: Iterator, batch: int = BATCH) -> int:
    buf, total = [], 0
    for obj in objs:
        buf.append(obj)
        if len(buf) >= batch:
            model.objects.bulk_create(buf, batch_size=batch)
            total += len(buf)
            buf = []
    if buf:
        model.objects.bulk_create(buf, batch_size=batch)
        total += len(buf)
    return total


def _zipf_picker(rng: random.Random, ids: list[int], hot: int = 300, p_hot: float = 0.45) -> Callable[[], int]:
    """Mostly uniform, but a few hundred entities appear in a large share of stories (like NATO)."""
    hot_ids = ids[:hot]
    weights = [1 / (i + 1) for i in range(len(hot_ids))]

    def pick() -> int:
        if rng.random() < p_hot:
            return rng.choices(hot_ids, weights)[0]
        return rng.choice(ids)

    return pick


TAG_WORDS = (
    "air defence|procurement|conscription|border security|drones|artillery|NATO summit|cyber|budget|"
    "exercises|navy|air policing|hybrid threats|sanctions|ammunition|host nation support|reserves|"
    "defence industry|training|military mobility|sabotage|intelligence|space|missiles|logistics"
).split("|")
REPORTERS = [
    "Rūta Jankauskienė", "Tomas Petraitis", "Agnė Kazlauskaitė", "Marek Nowak", "Liisa Virtanen",
    "Jānis Ozols", "Eva Schmidt", "Olena Kovalenko", "Mindaugas Žukas", "Sophie Martin", "Daniel Clarke",
    "Ieva Bērziņa",
]
QUOTE_VERBS = ["said", "stated", "noted", "told reporters", "added", "stressed"]


class _Extras:
    """The rest of a realistic story, for the page benchmark (``build(..., extras=True)``).

    Tags, bylines, source attributions, quotes, a "reported earlier" link to an
    earlier story, the folded search document and a body_html close in size and
    shape to what the renderer stores (paragraphs, the first mention of each
    entity and the anchor of the earlier story linked). Uses its own random
    generator, so the archive text the analysis benchmark sees is unchanged.
    """

    def __init__(self, *, sources: list[tuple[int, str, str]], slugs: dict[tuple[str, int], str], log=print):
        from django.contrib.contenttypes.models import ContentType
        from taggit.models import Tag

        from articles.models import Article

        self.rng = random.Random(20240502)
        self.slugs = slugs
        self.sources = sources
        self.pick_source = _zipf_picker(self.rng, list(range(len(sources))), hot=50, p_hot=0.5)
        words = list(TAG_WORDS)
        # ~300 tags: the base topics and "<topic> <place-ish word>" variants.
        while len(words) < 300:
            w = f"{self.rng.choice(TAG_WORDS)} {_word(self.rng)}".lower()
            if w not in words:
                words.append(w)
        Tag.objects.bulk_create(
            [Tag(name=w, slug=ascii_slug(w, 90)) for w in words], ignore_conflicts=True, batch_size=BATCH
        )
        self.tag_ids = list(Tag.objects.filter(name__in=words).order_by("pk").values_list("pk", flat=True))
        self.pick_tag = _zipf_picker(self.rng, self.tag_ids, hot=25, p_hot=0.6)
        self.content_type_id = ContentType.objects.get_for_model(Article).pk
        self.publication = "The Gaze"
        try:
            from django.conf import settings

            self.publication = settings.NEWSROOM_PUBLICATION_NAME
        except Exception:  # noqa: BLE001 - the default name is fine outside Django
            pass

    def reference_sentence(self, i: int) -> tuple[int | None, str]:
        """(index of an earlier story, sentence) for ~40 % of the stories."""
        if i < 50 or self.rng.random() >= 0.4:
            return None, ""
        earlier = i - self.rng.randint(1, min(i, 3000))
        anchor = f"{self.publication} reported earlier"
        return earlier, f"{anchor} that {sentence(self.rng)[0].lower()}{sentence(self.rng)[1:]}"

    def body_html(self, paragraphs: list[str], keys, earlier_url: str | None, names) -> str:
        import html

        from django.urls import reverse

        url_name = {"person": "person_detail", "organization": "organization_detail", "place": "place_detail"}
        out, done = [], set()
        anchor = f"{self.publication} reported earlier"
        for para in paragraphs:
            text = html.escape(para, quote=False)
            for key in keys:
                name = html.escape(names[key], quote=False)
                if key not in done and name in text:
                    href = reverse(url_name[key[0]], args=[self.slugs[key]])
                    text = text.replace(name, f'<a href="{href}" class="entity">{name}</a>', 1)
                    done.add(key)
            if earlier_url and anchor in text:
                text = text.replace(anchor, f'<a href="{earlier_url}" class="reported-earlier">{anchor}</a>', 1)
                earlier_url = None
            out.append(f"<p>{text}</p>")
        return "\n".join(out)

    def links(self, created, plans, log=print) -> None:
        """Bulk-create the tags, bylines, attributions, quotes and cross-references of a batch."""
        from taggit.models import TaggedItem

        from articles.models import Byline, CrossReference, Quote, SourceAttribution

        rng = self.rng
        now = timezone.now()
        tagged, bylines, attributions, quotes, refs = [], [], [], [], []
        kinds = ["according_to", "as_reported_by", "reported", "press_release", "statement"]
        for a, plan in zip(created, plans, strict=True):
            for tag_id in {self.pick_tag() for _ in range(rng.randint(2, 4))}:
                tagged.append(TaggedItem(content_type_id=self.content_type_id, object_id=a.pk, tag_id=tag_id))
            for pos, name in enumerate(rng.sample(REPORTERS, rng.randint(1, 2))):
                bylines.append(Byline(article_id=a.pk, name=name, credit="reporting", position=pos))
            for source_index in {self.pick_source() for _ in range(rng.randint(1, 2))}:
                pk, name, _slug = self.sources[source_index]
                kind = rng.choice(kinds)
                attributions.append(
                    SourceAttribution(
                        article_id=a.pk, source_id=pk, kind=kind, cue=f"according to {name}"[:500],
                        status="confirmed", created_at=now, updated_at=now,
                    )
                )
            people = [pk for kind, pk in plan["keys"] if kind == "person"]
            for _ in range(rng.randint(0, 2) if people else 0):
                quotes.append(
                    Quote(
                        article_id=a.pk, text=sentence(rng), speaker_id=rng.choice(people),
                        paragraph=rng.randint(1, plan["paragraphs"]), cue=rng.choice(QUOTE_VERBS),
                        status="confirmed", created_at=now, updated_at=now,
                    )
                )
            if plan["earlier_pk"]:
                refs.append(
                    CrossReference(
                        from_article_id=a.pk, to_article_id=plan["earlier_pk"], relation="reported_earlier",
                        anchor_text=f"{self.publication} reported earlier", status="confirmed",
                        created_at=now, updated_at=now,
                    )
                )
        for model, objs in ((TaggedItem, tagged), (Byline, bylines), (SourceAttribution, attributions),
                            (Quote, quotes), (CrossReference, refs)):
            model.objects.bulk_create(objs, batch_size=BATCH, ignore_conflicts=model is SourceAttribution)


def build(*, entities: int, stories: int, log=print, extras: bool = False) -> None:
    """Fill an empty (migrated) database with the benchmark data.

    ``extras`` adds what the page benchmark needs on top of the analysis
    benchmark's archive: tags, bylines, attributions, quotes, cross-references,
    a rendered-looking body_html and the search document (see ``_Extras``).
    """
    from articles.models import (
        Article,
        OrganizationMention,
        PersonMention,
        PlaceMention,
        Section,
        search_document_of,
    )

    rng = random.Random(20240501)
    n_people = entities * 60 // 100
    n_orgs = entities * 25 // 100
    n_places = entities * 10 // 100
    n_sources = entities - n_people - n_orgs - n_places
    now = timezone.now()
    t0 = time.perf_counter()

    with transaction.atomic():
        # Places: real countries (the gazetteer merges its spellings into them), then cities, regions, bases.
        countries = [
            Place(name=name, slug=ascii_slug(name), kind="country", country_code=code, created_at=now, updated_at=now)
            for name, code in COUNTRIES
        ]
        Place.objects.bulk_create(countries)
        country_ids = list(Place.objects.filter(kind="country").order_by("pk").values_list("pk", flat=True))
        place_names: set[str] = {c.name for c in countries}

        def places() -> Iterator[Place]:
            i = 0
            while len(place_names) < n_places:
                kind = rng.choice(["city"] * 6 + ["region"] * 2 + ["base", "sea"])
                base = _word(rng)
                name = {"base": f"{base} Air Base", "sea": f"{base} Bay", "region": f"{base} Region"}.get(kind, base)
                if name in place_names:
                    continue
                place_names.add(name)
                i += 1
                yield Place(
                    name=name, slug=f"{ascii_slug(name, 180)}-p{i}", kind=kind, parent_id=rng.choice(country_ids),
                    aliases=f"{name}as" if rng.random() < 0.1 else "", created_at=now, updated_at=now,
                )

        _batched(Place, places())
        place_list = list(Place.objects.order_by("pk").values_list("pk", "name"))
        log(f"  places: {len(place_list):,}")

        def orgs() -> Iterator[Organization]:
            seen: set[str] = set()
            i = 0
            while len(seen) < n_orgs:
                pat = rng.choice(ORG_PATTERNS)
                name = pat.format(
                    p=rng.choice(place_list)[1], s=_word(rng), s2=_word(rng), n=f"{rng.randint(1, 99)}th"
                )
                if name in seen:
                    continue
                seen.add(name)
                i += 1
                words = [w for w in name.replace("&", "").split() if w[:1].isupper()]
                acronym = "".join(w[0] for w in words).upper()
                aliases = acronym if len(acronym) >= 4 and rng.random() < 0.3 else ""
                yield Organization(
                    name=name, slug=f"{ascii_slug(name, 180)}-o{i}", aliases=aliases,
                    kind=rng.choice(["government", "military", "company", "ngo"]),
                    country_id=rng.choice(country_ids), created_at=now, updated_at=now,
                )

        _batched(Organization, orgs())
        org_list = list(Organization.objects.order_by("pk").values_list("pk", "name"))
        log(f"  organisations: {len(org_list):,}")

        def people() -> Iterator[Person]:
            for i, (name, aliases, _lang) in enumerate(person_names(rng, n_people)):
                yield Person(
                    name=name, slug=f"{ascii_slug(name, 180)}-{i}", aliases=aliases,
                    nationality_id=rng.choice(country_ids), created_at=now, updated_at=now,
                )

        _batched(Person, people())
        person_list = list(Person.objects.order_by("pk").values_list("pk", "name"))
        log(f"  people: {len(person_list):,}")

        def sources() -> Iterator[Source]:
            seen: set[str] = set()
            i = 0
            while len(seen) < n_sources:
                if rng.random() < 0.4:
                    org_id, org_name = rng.choice(org_list)
                    name, kind = f"{org_name} press service", "press_office"
                else:
                    org_id = None
                    kind, pat = rng.choice(SOURCE_PATTERNS)
                    name = pat.format(p=rng.choice(place_list)[1], s=_word(rng))
                if name in seen:
                    continue
                seen.add(name)
                i += 1
                yield Source(
                    name=name, slug=f"{ascii_slug(name, 180)}-s{i}", kind=kind, organization_id=org_id,
                    created_at=now, updated_at=now,
                )

        _batched(Source, sources())
        log(f"  sources: {Source.objects.count():,}")

        # A few roles: the first (most mentioned) people hold offices.
        roles = []
        for pk, _name in person_list[:3000]:
            roles.append(
                Role(
                    person_id=pk, title=rng.choice(ROLE_TITLES), organization_id=rng.choice(org_list)[0],
                    start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 1500)),
                )
            )
        Role.objects.bulk_create(roles, batch_size=BATCH)
        log(f"  roles: {len(roles):,}   authority file built in {time.perf_counter() - t0:.1f} s")

    t1 = time.perf_counter()
    sections = [Section.objects.get_or_create(slug=slug, defaults={"name": name})[0] for name, slug in SECTIONS]
    pick_person = _zipf_picker(rng, [pk for pk, _ in person_list])
    pick_org = _zipf_picker(rng, [pk for pk, _ in org_list])
    pick_place = _zipf_picker(rng, [pk for pk, _ in place_list])
    names = {("person", pk): n for pk, n in person_list}
    names.update({("organization", pk): n for pk, n in org_list})
    names.update({("place", pk): n for pk, n in place_list})
    extra = None
    if extras:
        slugs = {}
        for kind, model in (("person", Person), ("organization", Organization), ("place", Place)):
            slugs.update({(kind, pk): slug for pk, slug in model.objects.values_list("pk", "slug")})
        extra = _Extras(sources=list(Source.objects.order_by("pk").values_list("pk", "name", "slug")), slugs=slugs)
    pk_of_index: dict[int, int] = {}
    slug_of_index: dict[int, str] = {}
    span = YEARS * 365 * 86400
    start = now - datetime.timedelta(seconds=span) - datetime.timedelta(days=1)
    # Stories are created oldest first, so pk order is publication order.
    times = sorted(rng.randint(0, span) for _ in range(stories))

    done = 0
    while done < stories:
        n = min(BATCH * 2, stories - done)
        articles, links, plans = [], [], []
        for j in range(n):
            i = done + j
            # A dict, not a set: insertion order keeps the build independent of str hash seeds.
            keys: dict[tuple[str, int], None] = {}
            for kind, pick, lo, hi in (("person", pick_person, 1, 2), ("organization", pick_org, 1, 2),
                                       ("place", pick_place, 1, 2)):
                for _ in range(rng.randint(lo, hi)):
                    keys[(kind, pick())] = None
            place = next((names[k] for k in keys if k[0] == "place"), "Vilnius")
            org = next((names[k] for k in keys if k[0] == "organization"), "NATO")
            paragraphs = story_body(rng, [names[k] for k in keys])
            body_html, earlier = "<p>…</p>", None
            if extra:
                earlier, ref_sentence = extra.reference_sentence(i)
                if earlier is not None:
                    paragraphs.insert(1 if len(paragraphs) > 1 else 0, ref_sentence)
                earlier_url = f"/stories/{slug_of_index[earlier]}/" if earlier is not None else None
                body_html = extra.body_html(paragraphs, list(keys), earlier_url, names)
            text = "\n".join(paragraphs)
            article = Article(
                headline=headline(rng, place, org), slug=f"bench-story-{i}", standfirst=sentence(rng),
                body=text, body_text=text, body_html=body_html, section=rng.choice(sections),
                status="published", published_at=start + datetime.timedelta(seconds=times[i]),
                created_at=now, updated_at=now,
            )
            if extra:
                article.search_document = search_document_of(article.headline, article.standfirst, text)
                slug_of_index[i] = article.slug
            articles.append(article)
            links.append(keys)
            plans.append({"keys": list(keys), "paragraphs": len(paragraphs),
                          "earlier": earlier})
        with transaction.atomic():
            created = Article.objects.bulk_create(articles, batch_size=BATCH)
            if created[0].pk is None:  # backends without RETURNING
                by_slug = dict(Article.objects.filter(slug__in=[a.slug for a in created]).values_list("slug", "pk"))
                for a in created:
                    a.pk = by_slug[a.slug]
            mentions = {"person": [], "organization": [], "place": []}
            model = {"person": PersonMention, "organization": OrganizationMention, "place": PlaceMention}
            for a, keys in zip(created, links, strict=True):
                for kind, pk in keys:
                    mentions[kind].append(
                        model[kind](article_id=a.pk, status="confirmed", created_at=now, updated_at=now,
                                    **{f"{kind}_id": pk})
                    )
            for kind, objs in mentions.items():
                model[kind].objects.bulk_create(objs, batch_size=BATCH)
            if extra:
                for j, a in enumerate(created):
                    pk_of_index[done + j] = a.pk
                for plan in plans:
                    plan["earlier_pk"] = pk_of_index[plan["earlier"]] if plan["earlier"] is not None else None
                extra.links(created, plans)
        done += n
        if done % 20000 == 0 or done == stories:
            log(f"  stories: {done:,} ({time.perf_counter() - t1:.0f} s)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    log(f"  archive built in {time.perf_counter() - t1:.1f} s")


def counts() -> dict[str, int]:
    from articles.models import Article, OrganizationMention, PersonMention, PlaceMention

    entities = sum(m.objects.count() for m in (Person, Organization, Place, Source))
    mentions = sum(m.objects.count() for m in (PersonMention, OrganizationMention, PlaceMention))
    return {"entities": entities, "stories": Article.objects.count(), "mentions": mentions}


def hottest() -> set[tuple[str, int]]:
    """(kind, pk) of the most-mentioned person, organisation and place."""
    from django.db.models import Count

    from articles.models import OrganizationMention, PersonMention, PlaceMention

    keys = set()
    for kind, model in (("person", PersonMention), ("organization", OrganizationMention), ("place", PlaceMention)):
        top = model.objects.values(f"{kind}_id").annotate(n=Count("id")).order_by("-n").first()
        if top:
            keys.add((kind, top[f"{kind}_id"]))
    return keys
