"""
The demo stories: what an editor records about each one. The copy itself
(headline line, then one paragraph per line, as the import reads it) is in
``texts/<slug>.txt``.

Two "reported earlier" threads run through them:

- undersea infrastructure: ``SEABED_THREAD`` (cable damaged -> joint patrols ->
  NATO drones -> Swedish command), and
- the German brigade in Lithuania: ``BRIGADE_THREAD`` (funding -> first
  battalion -> air defence);

plus a shorter one (drone centre -> drone factory), a follow-up (a colonel's
exercise -> his promotion) and two background links.
"""

from __future__ import annotations

from dataclasses import dataclass

SECTIONS = [
    {"slug": "defence", "name": "Defence", "position": 1,
     "description": "Armed forces, procurement and allied deployments."},
    {"slug": "security", "name": "Security", "position": 2,
     "description": "Intelligence, hybrid threats, borders and critical infrastructure."},
    {"slug": "diplomacy", "name": "Diplomacy", "position": 3,
     "description": "Ministers, alliances and the talks between them."},
    {"slug": "region", "name": "Region", "position": 4,
     "description": "The Baltic region beyond the capitals: bases, towns and industry."},
]

REPORTING, ADDITIONAL, PHOTOS = "reporting", "additional_reporting", "photos"
EARLIER, FOLLOW_UP, BACKGROUND = "reported_earlier", "follow_up", "background"


@dataclass(frozen=True)
class DemoStory:
    slug: str
    section: str
    standfirst: str
    tags: tuple[str, ...]
    bylines: tuple[tuple[str, str], ...]  # (name, credit)
    dateline: str  # place slug
    published_at: str | None  # local time in Vilnius, "YYYY-MM-DD HH:MM"; None for a draft
    status: str = "published"
    publish_in_days: int | None = None  # scheduled: published_at is this many days after the load
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    sources: tuple[tuple[str, str, str], ...] = ()  # (source slug, attribution kind, cue as in the body)
    quotes: tuple[tuple[str, str, str], ...] = ()  # (speaker slug, cue, text as in the body)
    references: tuple[tuple[str, str, str], ...] = ()  # (relation, earlier story slug, anchor text)
    corrections: tuple[tuple[str, str], ...] = ()  # (published at, text)


STORIES = [
    DemoStory(
        slug="gulf-of-finland-data-cable-damaged",
        section="security",
        standfirst="Finnish and Estonian navies track the ships that passed over the line; "
        "operators reroute traffic within hours.",
        tags=("undersea infrastructure", "Gulf of Finland", "Finland", "Estonia"),
        bylines=(("Elina Virtanen", REPORTING), ("Kristiina Mets", ADDITIONAL)),
        dateline="helsinki",
        published_at="2025-10-14 08:40",
        people=("juhani-rautio", "aivar-sild"),
        organizations=("finnish-navy", "finnish-border-guard", "estonian-navy", "nato"),
        places=("finland", "estonia", "gulf-of-finland", "helsinki", "tallinn", "baltic-sea"),
        sources=(
            ("err-news", "according_to", "according to ERR News"),
            ("finnish-navy-on-x", "social_media", "The Finnish Navy wrote on X"),
        ),
        quotes=(
            ("juhani-rautio", "Rear Admiral Juhani Rautio, the commander of the Finnish Navy, said",
             "We know where the break is and we know which ships were above it. What we do not yet know is "
             "whether this was an accident, and we will not guess"),
            ("aivar-sild", "Sild said",
             "The gulf is narrow and busy, and everything that moves on it is watched from both shores. "
             "That is why we can answer quickly when something under the water goes wrong"),
        ),
        corrections=(
            ("2025-10-15 11:20", "An earlier version of this story said the Gulfnet cable was about 150 kilometres "
             "long. It is about 100 kilometres long."),
        ),
    ),
    DemoStory(
        slug="estonia-and-finland-agree-joint-seabed-patrols",
        section="security",
        standfirst="Ships, underwater drones and surveillance data will be shared after a cable was "
        "damaged on the seabed in October.",
        tags=("undersea infrastructure", "Gulf of Finland", "Estonia", "Finland"),
        bylines=(("Kristiina Mets", REPORTING),),
        dateline="tallinn",
        published_at="2025-11-20 10:15",
        people=("kadri-lepp", "juhani-rautio"),
        organizations=("estonian-ministry-of-defence", "finnish-navy", "nato", "riigikogu", "european-union"),
        places=("estonia", "finland", "gulf-of-finland", "tallinn", "baltic-sea"),
        sources=(
            ("err-news", "as_reported_by", "as reported by ERR News"),
            ("estonian-ministry-of-defence-press-office", "statement",
             "The Estonian Ministry of Defence said in a statement"),
        ),
        quotes=(
            ("kadri-lepp", "Lepp stated",
             "A cable on the seabed does not belong to one shore. It starts in one country and ends in the other, "
             "so it makes no sense for each of us to guard only half of it"),
            ("juhani-rautio", "Rautio said",
             "Until now we have been very good at reacting. The aim is to be boring: to be out there every day, "
             "so that nobody is tempted to test us"),
        ),
        references=((EARLIER, "gulf-of-finland-data-cable-damaged", "The Gaze reported earlier"),),
    ),
    DemoStory(
        slug="nato-adds-naval-drones-to-baltic-sea-patrols",
        section="defence",
        standfirst="Uncrewed boats from Sweden, Finland and Estonia join the warships watching over "
        "cables and pipelines.",
        tags=("undersea infrastructure", "NATO", "drones", "Baltic Sea"),
        bylines=(("Oskar Lind", REPORTING), ("Elina Virtanen", ADDITIONAL)),
        dateline="stockholm",
        published_at="2026-02-10 09:00",
        people=("soren-dahl", "henrik-sandell"),
        organizations=("nato", "allied-maritime-command", "swedish-navy"),
        places=("baltic-sea", "sweden", "finland", "estonia", "gotland", "gulf-of-finland", "ukraine",
                "germany", "poland"),
        sources=(
            ("allied-maritime-command-press-office", "statement",
             "according to a statement by Allied Maritime Command"),
        ),
        quotes=(
            ("soren-dahl", "Commodore Søren Dahl, who commands the Baltic Sentry task group, stated",
             "A frigate can only be in one place at a time. Drones let us keep eyes on far more of the sea, "
             "for far more of the time, and save the warships for when something actually happens"),
            ("henrik-sandell", "Sandell said",
             "We are not copying Ukraine. The tasks here are different, and mostly about watching rather than "
             "striking. But the lesson that cheap, persistent systems matter is the same"),
        ),
        references=((EARLIER, "estonia-and-finland-agree-joint-seabed-patrols", "The Gaze reported earlier"),),
    ),
    DemoStory(
        slug="swedish-navy-to-lead-baltic-seabed-patrols-from-gotland",
        section="defence",
        standfirst="NATO's cable-watching task group moves its command to the island in July.",
        tags=("undersea infrastructure", "NATO", "Sweden"),
        bylines=(("Oskar Lind", REPORTING), ("Oskar Lind", PHOTOS)),
        dateline="gotland",
        published_at="2026-05-19 14:30",
        people=("henrik-sandell", "soren-dahl"),
        organizations=("swedish-navy", "nato"),
        places=("sweden", "gotland", "baltic-sea", "germany", "finland", "estonia", "gulf-of-finland"),
        sources=(
            ("svt", "as_reported_by", "as reported by SVT"),
            ("svt", "according_to", "According to SVT"),
        ),
        quotes=(
            ("henrik-sandell", "Rear Admiral Henrik Sandell, the chief of the Swedish Navy, stated",
             "Gotland is the best seat in the house. From here you can see traffic heading to every port on the "
             "Baltic, and our people know these waters better than anyone"),
            ("soren-dahl", "Dahl said",
             "Twice this spring a drone was the first to spot a ship behaving strangely over a cable, hours before "
             "any of our frigates could have reached it. That is exactly what we hoped for"),
        ),
        references=((EARLIER, "nato-adds-naval-drones-to-baltic-sea-patrols", "The Gaze reported earlier"),),
    ),
    DemoStory(
        slug="seimas-committee-backs-faster-funding-for-rudninkai-training-area",
        section="defence",
        standfirst="Lawmakers want 40 million euros brought forward so the German brigade's training "
        "ground is ready on time.",
        tags=("German brigade", "Lithuania", "defence budget"),
        bylines=(("Ieva Grigaitė", REPORTING),),
        dateline="vilnius",
        published_at="2025-09-09 16:05",
        people=("rokas-valancius", "vytenis-baranauskas"),
        organizations=("seimas-committee-on-national-security-and-defence", "lithuanian-land-forces",
                       "45th-panzer-brigade", "lithuanian-ministry-of-national-defence"),
        places=("rudninkai-training-area", "vilnius", "lithuania"),
        sources=(
            ("bns", "according_to", "according to BNS"),
            ("lrt", "reported", "LRT reported"),
        ),
        quotes=(
            ("rokas-valancius", "Rokas Valančius, the chair of the committee, stated",
             "We promised our German allies that the ground would be ready when their soldiers arrive. A promise "
             "like that cannot depend on whether a tender runs a few months late"),
            ("vytenis-baranauskas", "Baranauskas said",
             "Our own battalions also need space to train. If we have to share every range for years, both armies "
             "will end up training less than they should"),
        ),
    ),
    DemoStory(
        slug="first-german-battalion-moves-into-rudninkai",
        section="defence",
        standfirst="About 500 soldiers of the 45th Panzer Brigade arrive at their permanent home south of Vilnius.",
        tags=("German brigade", "Lithuania", "Germany"),
        bylines=(("Ieva Grigaitė", REPORTING), ("Marta Vaitkutė", PHOTOS)),
        dateline="rudninkai-training-area",
        published_at="2025-12-03 12:45",
        people=("kai-brandt", "rokas-valancius"),
        organizations=("45th-panzer-brigade", "lithuanian-ministry-of-national-defence",
                       "seimas-committee-on-national-security-and-defence"),
        places=("rudninkai-training-area", "lithuania", "germany", "vilnius", "rukla"),
        sources=(
            ("lithuanian-ministry-of-national-defence-press-service", "as_reported_by",
             "as reported by the Lithuanian Ministry of National Defence's press service"),
            ("lrt", "according_to", "According to LRT"),
        ),
        quotes=(
            ("kai-brandt", "Brigadier General Kai Brandt, the commander of the brigade, stated",
             "This is not a visit and it is not a rotation. These soldiers have come to live here, their families "
             "are following, and they will train here every week of the year"),
            ("rokas-valancius", "Valančius said",
             "In September I was the one asking the ministry to hurry. Now I am the one who has to answer for it, "
             "and today I can say that the first part of the job is done"),
        ),
        references=((EARLIER, "seimas-committee-backs-faster-funding-for-rudninkai-training-area",
                     "The Gaze reported earlier"),),
    ),
    DemoStory(
        slug="lithuania-buys-short-range-air-defence-for-german-brigade-sites",
        section="defence",
        standfirst="A 120-million-euro order covers launchers, radars and missiles for the bases the "
        "brigade uses.",
        tags=("air defence", "German brigade", "Lithuania", "procurement"),
        bylines=(("Marta Vaitkutė", REPORTING), ("Ieva Grigaitė", ADDITIONAL)),
        dateline="vilnius",
        published_at="2026-04-22 11:10",
        people=("rokas-valancius", "vytenis-baranauskas"),
        organizations=("lithuanian-ministry-of-national-defence", "45th-panzer-brigade", "nato"),
        places=("lithuania", "vilnius", "rudninkai-training-area", "rukla", "ukraine", "baltic-states"),
        sources=(
            ("lithuanian-ministry-of-national-defence-press-service", "press_release",
             "the Lithuanian Ministry of National Defence said in a press release"),
            ("lrt", "as_reported_by", "As reported by LRT"),
        ),
        quotes=(
            ("rokas-valancius", "Minister of National Defence Rokas Valančius stated",
             "Drones and missiles are the first thing any attacker would send. If we ask allies to live and train "
             "here, we owe them a sky that is protected"),
            ("vytenis-baranauskas", "Baranauskas said",
             "In Ukraine, the most dangerous moment for a unit is often not the battle, it is the time it spends "
             "standing still. Our bases have to be defended as if that moment could come tomorrow"),
        ),
        references=((EARLIER, "first-german-battalion-moves-into-rudninkai", "The Gaze reported earlier"),),
    ),
    DemoStory(
        slug="latvian-brigade-tests-winter-readiness-at-adazi",
        section="region",
        standfirst="Two thousand soldiers spend a week in the snow learning to keep vehicles running and "
        "hide from drones.",
        tags=("Latvia", "exercises", "winter warfare"),
        bylines=(("Jānis Liepiņš", REPORTING), ("Jānis Liepiņš", PHOTOS)),
        dateline="adazi-military-base",
        published_at="2026-01-20 15:20",
        people=("maris-ozolins",),
        organizations=("latvian-mechanised-infantry-brigade", "nato", "latvian-ministry-of-defence",
                       "latvian-national-armed-forces"),
        places=("adazi-military-base", "latvia", "riga", "canada", "poland"),
        sources=(
            ("lsm", "according_to", "according to LSM"),
            ("latvian-ministry-of-defence-press-service", "statement",
             "The Latvian Ministry of Defence press service said"),
        ),
        quotes=(
            ("maris-ozolins", "Colonel Māris Ozoliņš, the commander of the brigade, stated",
             "Cold is an honest examiner. Batteries die, engines refuse to start, and tired people make mistakes. "
             "It is much better to find that out here than anywhere else"),
            ("maris-ozolins", "he said",
             "A warm tent in a white forest is like a lamp in a dark room. We spent a lot of time learning how to "
             "be invisible again"),
        ),
    ),
    DemoStory(
        slug="maris-ozolins-appointed-deputy-commander-of-latvian-armed-forces",
        section="region",
        standfirst="The brigade commander who led the winter exercise at Ādaži becomes a brigadier general.",
        tags=("Latvia", "appointments"),
        bylines=(("Jānis Liepiņš", REPORTING),),
        dateline="riga",
        published_at="2026-02-03 17:00",
        people=("maris-ozolins", "kristaps-vitols"),
        organizations=("latvian-mechanised-infantry-brigade", "latvian-national-armed-forces", "nato",
                       "latvian-ministry-of-defence", "baltic-defence-college"),
        places=("latvia", "adazi-military-base"),
        sources=(
            ("leta", "as_reported_by", "as reported by LETA"),
            ("latvian-ministry-of-defence-press-service", "according_to",
             "according to the Latvian Ministry of Defence press service"),
        ),
        quotes=(
            ("kristaps-vitols", "Vītols stated",
             "General Ozoliņš knows what our soldiers need because he has spent the last three years standing in "
             "the mud with them. That is the experience we want at the top"),
            ("maris-ozolins", "Ozoliņš said",
             "The brigade taught me that plans are only as good as the people who carry them out. My first job is "
             "to make sure we can recruit, train and keep those people"),
        ),
        references=((FOLLOW_UP, "latvian-brigade-tests-winter-readiness-at-adazi",
                     "winter readiness exercise at Ādaži"),),
    ),
    DemoStory(
        slug="lithuanian-border-guards-log-record-number-of-balloons-from-belarus",
        section="security",
        standfirst="More than 300 smuggling balloons crossed in October; flights in Vilnius were briefly halted.",
        tags=("Belarus", "border security", "hybrid threats"),
        bylines=(("Marta Vaitkutė", REPORTING),),
        dateline="vilnius",
        published_at="2025-10-28 13:30",
        people=("jurgita-mockute", "tomas-zemaitis"),
        organizations=("state-border-guard-service", "lithuanian-armed-forces"),
        places=("lithuania", "belarus", "vilnius", "minsk"),
        sources=(
            ("bns", "according_to", "according to BNS"),
            ("lrt", "reported", "LRT reported"),
        ),
        quotes=(
            ("jurgita-mockute", "Jurgita Mockutė, the commander of the State Border Guard Service, stated",
             "These are not children's toys. A balloon with ten kilograms of cargo falling out of the sky can hurt "
             "someone, and the people sending them know exactly when the wind will carry them into our airspace"),
            ("tomas-zemaitis", "Žemaitis said",
             "Our job is to see everything that crosses the border in the air and to pass it on quickly. Most of "
             "these balloons end up in a field, and the border guards are better placed to deal with them there"),
        ),
    ),
    DemoStory(
        slug="threat-assessment-warns-of-sabotage-risk-to-railways-and-ports",
        section="security",
        standfirst="Lithuania's intelligence services say Russia is recruiting people with no background in "
        "spying to do small jobs.",
        tags=("intelligence", "sabotage", "Russia", "Lithuania"),
        bylines=(("Ieva Grigaitė", REPORTING), ("Marta Vaitkutė", ADDITIONAL)),
        dateline="vilnius",
        published_at="2026-03-05 10:00",
        people=("darius-jurkunas",),
        organizations=("state-security-department", "second-investigation-department", "nato", "european-union"),
        places=("russia", "lithuania", "klaipeda", "kaliningrad-region", "belarus", "vilnius", "ukraine"),
        sources=(
            ("national-threat-assessment-2026", "document", "according to the National Threat Assessment 2026"),
            ("lrt", "according_to", "According to LRT"),
        ),
        quotes=(
            ("darius-jurkunas", "Darius Jurkūnas, the director of the State Security Department, stated",
             "They recruit through messaging apps, they pay in cryptocurrency, and they often tell the person it is "
             "a prank or a job for a delivery company. Many of those we have caught did not understand who they "
             "were working for"),
            ("darius-jurkunas", "Jurkūnas said",
             "None of this means an attack is coming tomorrow. It means our opponent is preparing options, and we "
             "intend to take those options away from him"),
        ),
        references=((BACKGROUND, "lithuanian-border-guards-log-record-number-of-balloons-from-belarus",
                     "balloon flights from Belarus"),),
    ),
    DemoStory(
        slug="poland-and-lithuania-plan-joint-suwalki-gap-exercise",
        section="diplomacy",
        standfirst="Ministers meeting in Vilnius want engineers on both sides of the border working from "
        "the same map.",
        tags=("Suwałki Gap", "Poland", "Lithuania", "exercises"),
        bylines=(("Paweł Nowicki", REPORTING), ("Ieva Grigaitė", ADDITIONAL)),
        dateline="vilnius",
        published_at="2026-01-14 18:10",
        people=("rokas-valancius", "agnieszka-wroblewska"),
        organizations=("lithuanian-ministry-of-national-defence", "nato"),
        places=("suwalki-gap", "poland", "lithuania", "vilnius", "belarus", "kaliningrad-region", "warsaw",
                "baltic-states"),
        sources=(
            ("bns", "according_to", "According to BNS"),
            ("lithuanian-ministry-of-national-defence-press-service", "reported",
             "the Lithuanian Ministry of National Defence's press service reported"),
        ),
        quotes=(
            ("rokas-valancius", "Valančius stated",
             "If the gap is closed, the Baltic states are cut off by land from the rest of the Alliance. Everything "
             "we do together is meant to make sure that can never happen"),
            ("agnieszka-wroblewska", "Wróblewska said",
             "Our engineers and yours should be drawing on the same map. A ditch that stops at the border is only "
             "half a ditch"),
        ),
    ),
    DemoStory(
        slug="baltic-defence-ministers-agree-to-buy-air-defence-together",
        section="diplomacy",
        standfirst="Estonia, Latvia and Lithuania sign a letter of intent in Riga for medium-range systems.",
        tags=("air defence", "procurement", "Baltic states"),
        bylines=(("Jānis Liepiņš", REPORTING), ("Kristiina Mets", ADDITIONAL)),
        dateline="riga",
        published_at="2026-06-16 16:40",
        people=("kristaps-vitols", "rokas-valancius", "kadri-lepp"),
        organizations=("latvian-ministry-of-defence", "45th-panzer-brigade", "nato"),
        places=("estonia", "latvia", "lithuania", "riga", "poland", "finland"),
        sources=(
            ("lsm", "as_reported_by", "as reported by LSM"),
            ("latvian-ministry-of-defence-press-service", "statement",
             "the Latvian Ministry of Defence press service said in a statement"),
        ),
        quotes=(
            ("kristaps-vitols", "Latvia's Minister of Defence Kristaps Vītols stated",
             "Separately, each of us is a small customer standing at the back of the queue. Together we are a "
             "customer that manufacturers take seriously"),
            ("kadri-lepp", "Lepp said",
             "The hardest part of buying together is not the money, it is agreeing on what exactly we want. If we "
             "settle that in the first months, the rest becomes much easier"),
        ),
        references=((BACKGROUND, "lithuania-buys-short-range-air-defence-for-german-brigade-sites",
                     "short-range air defence systems"),),
    ),
    DemoStory(
        slug="estonia-opens-drone-training-centre-at-tapa",
        section="region",
        standfirst="Conscripts and reservists will learn to fly drones, and to hide from them, at the "
        "army's largest base.",
        tags=("drones", "Estonia", "training"),
        bylines=(("Kristiina Mets", REPORTING), ("Kristiina Mets", PHOTOS)),
        dateline="tapa-army-base",
        published_at="2026-08-27 12:00",
        people=("margus-kask", "kadri-lepp"),
        organizations=("estonian-defence-forces", "estonian-ministry-of-defence", "nato"),
        places=("tapa-army-base", "estonia", "tallinn"),
        sources=(
            ("err-news", "according_to", "according to ERR News"),
            ("estonian-ministry-of-defence-press-office", "statement",
             "The Estonian Ministry of Defence said in a statement"),
        ),
        quotes=(
            ("margus-kask", "Lieutenant Colonel Margus Kask, the head of the centre, stated",
             "Every soldier now has to think about what is above them. We want every unit to have people who can "
             "fly a drone, and every soldier to know how to hide from one"),
            ("kadri-lepp", "Lepp said",
             "We are a small country, so we have to be clever. Drones are cheap compared with tanks, and our "
             "companies are fast. That combination suits us"),
        ),
    ),
    DemoStory(
        slug="lithuanian-drone-maker-opens-factory-in-klaipeda",
        section="region",
        standfirst="Vėjas Robotics expects to employ 250 people in the port city and to sign a multi-year "
        "contract with the state.",
        tags=("drones", "defence industry", "Lithuania"),
        bylines=(("Marta Vaitkutė", REPORTING),),
        dateline="klaipeda",
        published_at="2026-10-08 13:15",
        people=("dainius-kairys", "rokas-valancius"),
        organizations=("vejas-robotics", "lithuanian-armed-forces", "nato"),
        places=("klaipeda", "ukraine", "lithuania", "estonia", "tapa-army-base", "baltic-states", "vilnius"),
        sources=(
            ("lrt", "according_to", "according to LRT"),
            ("bns", "according_to", "According to BNS"),
        ),
        quotes=(
            ("dainius-kairys", "Dainius Kairys, the chief executive of Vėjas Robotics, stated",
             "Three years ago we were six engineers in a garage. Now armies ask how fast we can deliver, and until "
             "today the honest answer was: not fast enough"),
            ("rokas-valancius", "Valančius said",
             "The war in Ukraine has taught us that the side that can produce the most drones, and improve them "
             "every month, has the advantage. We want that capacity here, in Lithuania"),
        ),
        references=((EARLIER, "estonia-opens-drone-training-centre-at-tapa", "The Gaze reported earlier"),),
    ),
    # Not public: a draft and a story scheduled a month after the load.
    DemoStory(
        slug="lithuania-weighs-longer-conscript-service",
        section="defence",
        standfirst="The ministry wants conscripts to serve twelve months instead of nine.",
        tags=("conscription", "Lithuania"),
        bylines=(("Ieva Grigaitė", REPORTING),),
        dateline="vilnius",
        published_at=None,
        status="draft",
        people=("rokas-valancius", "vytenis-baranauskas"),
        organizations=("lithuanian-ministry-of-national-defence", "seimas"),
        places=("lithuania",),
        sources=(("bns", "according_to", "according to BNS"),),
        quotes=(
            ("rokas-valancius", "Minister of National Defence Rokas Valančius stated",
             "Modern equipment takes longer to learn. A conscript who leaves just as he is becoming useful is a "
             "loss for the army and for him"),
        ),
    ),
    DemoStory(
        slug="baltic-and-nordic-defence-ministers-to-meet-in-tallinn",
        section="diplomacy",
        standfirst="Ministers want a repair ship on its way within hours when a cable is cut.",
        tags=("undersea infrastructure", "Estonia", "Nordic cooperation"),
        bylines=(("Kristiina Mets", REPORTING),),
        dateline="tallinn",
        published_at=None,
        publish_in_days=30,
        people=("kadri-lepp", "kristaps-vitols", "rokas-valancius"),
        organizations=("nato", "estonian-ministry-of-defence"),
        places=("tallinn", "estonia", "latvia", "lithuania", "finland", "sweden"),
        sources=(("err-news", "according_to", "according to ERR News"),),
        quotes=(
            ("kadri-lepp", "Lepp stated",
             "Winter is when our infrastructure is most needed and most exposed. We want every country around "
             "this table to know exactly what it will do if a cable is cut in January"),
        ),
    ),
]

SEABED_THREAD = [
    "swedish-navy-to-lead-baltic-seabed-patrols-from-gotland",
    "nato-adds-naval-drones-to-baltic-sea-patrols",
    "estonia-and-finland-agree-joint-seabed-patrols",
    "gulf-of-finland-data-cable-damaged",
]
BRIGADE_THREAD = [
    "lithuania-buys-short-range-air-defence-for-german-brigade-sites",
    "first-german-battalion-moves-into-rudninkai",
    "seimas-committee-backs-faster-funding-for-rudninkai-training-area",
]
