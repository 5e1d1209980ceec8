"""Stories written for these tests, in the style of the publication's copy."""

from datetime import UTC, datetime

from articles.analysis import Candidate

# The earlier story the reference story's "reported earlier" cue points to.
EARLIER_AIR_POLICING = Candidate(
    article_id=101,
    published_at=datetime(2024, 3, 12, 9, 0, tzinfo=UTC),
    text=(
        "Kasčiūnas Asks Stockholm to Fly Air Policing Missions from Lithuania\n"
        "Lithuanian defence minister Laurynas Kasčiūnas met his Swedish counterpart Paul Johnsson in Vilnius "
        "and asked Sweden to send fighter jets to NATO's Baltic air policing mission based at Šiauliai. "
        "Johnsson said Sweden, NATO's newest member, was ready to help patrol the airspace of the Baltic states. "
        "The ministers also discussed coastal defence and the defence industry."
    ),
)

# Unrelated earlier stories from the same beat: they must not win.
DISTRACTORS = [
    Candidate(
        102,
        datetime(2024, 2, 1, tzinfo=UTC),
        "Latvia Orders More Air Defence Systems\nThe Latvian Ministry of Defence signed a contract for "
        "short-range air defence systems, the ministry said, with deliveries due next year.",
    ),
    Candidate(
        103,
        datetime(2024, 1, 15, tzinfo=UTC),
        "Estonia Opens New Training Area\nThe Estonian Defence Forces opened a training area near Tapa, "
        "where allied troops will exercise with artillery and armoured vehicles.",
    ),
]

# A later story: published after the story under analysis, never a valid target.
LATER = Candidate(
    104,
    datetime(2030, 1, 1, tzinfo=UTC),
    EARLIER_AIR_POLICING.text,
)

LATVIA_STORY = {
    "headline": "Latvia to Buy Coastal Missiles, Defence Minister Says",
    "published_at": datetime(2024, 5, 2, tzinfo=UTC),
    "paragraphs": [
        "Latvian Minister of Defence Andris Sprūds said on Tuesday that Riga would sign a contract for "
        "coastal defence missiles before the summer, according to LSM.",
        "\u201cThe Baltic Sea is now a NATO lake, but we cannot take its security for granted,\u201d Sprūds said.",
        "The minister spoke after meeting Colonel Kaspars Lazdiņš, who commands the Latvian Naval Forces, "
        "at the naval base in Liepāja.",
        "The Gaze previously reported that Latvia and Estonia were considering a joint purchase of "
        "long-range air defence systems.",
        "Lazdiņš told LSM: \u201cOur sailors need the new missiles to protect the Gulf of Riga.\u201d",
    ],
    "gold": {
        "publication": "The Gaze",
        "people": [
            {"name": "Andris Sprūds", "also_written": ["Sprūds"], "role": "Minister of Defence", "of": "Latvia"},
            {"name": "Kaspars Lazdiņš", "also_written": ["Lazdiņš"], "role": "Commander", "of": "Latvia"},
        ],
        "organizations": [{"name": "Latvian Naval Forces"}, {"name": "NATO"}],
        "organizations_optional": ["LSM"],
        "places": [
            {"name": "Latvia"},
            {"name": "Riga"},
            {"name": "Baltic Sea"},
            {"name": "Liepāja"},
            {"name": "Estonia"},
            {"name": "Gulf of Riga"},
        ],
        "sources": [{"name": "LSM", "kind": "news outlet", "cue": "according to LSM"}],
        "quotes": [
            {"speaker": "Andris Sprūds", "starts": "The Baltic Sea is now a NATO lake"},
            {"speaker": "Kaspars Lazdiņš", "starts": "Our sailors need the new missiles"},
        ],
        "reported_earlier": [{"cue": "The Gaze previously reported that", "points_to_slug": "joint-air-defence"}],
    },
}

LATVIA_EARLIER = Candidate(
    201,
    datetime(2024, 4, 20, tzinfo=UTC),
    "Baltic Neighbours Weigh Joint Air Defence Purchase\nLatvia and Estonia are considering buying long-range "
    "air defence systems together to cut costs, officials in Riga and Tallinn said.",
)

ESTONIA_FINLAND_STORY = {
    "headline": "Estonia and Finland Agree on Gulf of Finland Mine Clearance",
    "published_at": datetime(2024, 6, 10, tzinfo=UTC),
    "paragraphs": [
        "Estonian Defence Minister Hanno Pevkur and his Finnish counterpart Antti Häkkänen agreed in Tallinn "
        "to coordinate mine clearance in the Gulf of Finland, ERR reported.",
        "\u201cThe sea between our capitals must stay open for shipping,\u201d Pevkur told ERR.",
        "Häkkänen noted that the Finnish Navy would send two minehunters in August. \u201cWe will work side by "
        "side with our Estonian friends,\u201d he added.",
        "According to the Estonian Navy's press service, the first joint exercise will take place near the "
        "island of Naissaar.",
        "As we reported earlier, Helsinki and Tallinn signed a memorandum on undersea cable protection after "
        "a Chinese vessel damaged a gas pipeline last year.",
    ],
    "gold": {
        "publication": "The Gaze",
        "people": [
            {"name": "Hanno Pevkur", "also_written": ["Pevkur"], "role": "Minister of Defence", "of": "Estonia"},
            {"name": "Antti Häkkänen", "also_written": ["Häkkänen"], "role": "Minister of Defence", "of": "Finland"},
        ],
        "organizations": [{"name": "Finnish Navy"}, {"name": "Estonian Navy"}],
        "organizations_optional": ["ERR"],
        "places": [
            {"name": "Estonia"},
            {"name": "Finland"},
            {"name": "Gulf of Finland"},
            {"name": "Tallinn"},
            {"name": "Helsinki"},
        ],
        "sources": [
            {"name": "ERR", "kind": "news outlet", "cue": "ERR reported"},
            {
                "name": "Estonian Navy press service",
                "kind": "press office",
                "cue": "According to the Estonian Navy's press service",
            },
        ],
        "quotes": [
            {"speaker": "Hanno Pevkur", "starts": "The sea between our capitals"},
            {"speaker": "Antti Häkkänen", "starts": "We will work side by side"},
        ],
        "reported_earlier": [{"cue": "As we reported earlier", "points_to_slug": "cable-memorandum"}],
    },
}

ESTONIA_EARLIER = Candidate(
    301,
    datetime(2024, 1, 20, tzinfo=UTC),
    "Helsinki and Tallinn Sign Undersea Cable Memorandum\nFinland and Estonia signed a memorandum on protecting "
    "undersea cables and the gas pipeline across the Gulf of Finland after a Chinese vessel damaged them.",
)

POLAND_STORY = {
    "headline": "Poland Sends Engineers to Lithuanian Border",
    "published_at": datetime(2024, 7, 1, tzinfo=UTC),
    "paragraphs": [
        "Polish Deputy Prime Minister Władysław Kosiniak-Kamysz announced on Monday that engineering troops "
        "would reinforce the Suwałki Gap, as reported by Reuters.",
        "\u201cEvery metre of this border is NATO territory,\u201d Kosiniak-Kamysz stated in Warsaw.",
        "General Wiesław Kukuła, the Chief of the General Staff, said the work would take two years.",
        "The Polish Ministry of National Defence said in a statement that the first units would arrive "
        "from Orzysz in September.",
    ],
    "gold": {
        "publication": "The Gaze",
        "people": [
            {"name": "Władysław Kosiniak-Kamysz", "also_written": ["Kosiniak-Kamysz"],
             "role": "Deputy Prime Minister", "of": "Poland"},
            {"name": "Wiesław Kukuła", "role": "Chief of the General Staff"},
        ],
        "organizations": [{"name": "Polish Ministry of National Defence"}, {"name": "NATO"}],
        "organizations_optional": ["Reuters"],
        "places": [{"name": "Poland"}, {"name": "Suwałki Gap"}, {"name": "Warsaw"}],
        "sources": [
            {"name": "Reuters", "kind": "news agency", "cue": "as reported by Reuters"},
            {
                "name": "Polish Ministry of National Defence",
                "kind": "press office",
                "cue": "The Polish Ministry of National Defence said in a statement",
            },
        ],
        "quotes": [{"speaker": "Władysław Kosiniak-Kamysz", "starts": "Every metre of this border"}],
        "reported_earlier": [],
    },
}
