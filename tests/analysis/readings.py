"""What an analysis proposed, reduced to tuples the generality tests compare."""

from articles.analysis import Analysis, AuthorityIndex, analyse


def run(index: AuthorityIndex, *paragraphs: str, headline: str = "Headline") -> Analysis:
    return analyse(headline, list(paragraphs), index=index)


def people(a: Analysis) -> list[tuple]:
    return [(p.name, p.role, p.country, p.organization) for p in a.of_kind("person")]


def organisations(a: Analysis) -> list[str]:
    return [m.name for m in a.of_kind("organization")]


def places(a: Analysis) -> list[str]:
    return [m.name for m in a.of_kind("place")]


def sources(a: Analysis) -> list[tuple]:
    return [(s.name, s.kind, s.cue) for s in a.sources]


def quotes(a: Analysis) -> list[tuple]:
    return [(q.text[:20], q.speaker_name) for q in a.quotes]
