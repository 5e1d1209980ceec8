import dataclasses
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles import analysis
from articles.analysis.evaluation import evaluate
from articles.importing import StoryFileError, read_story_file
from articles.models import Article
from articles.suggestions import DatabaseReferenceFinder, authority_index
from entities.models import Person

KINDS = ("people", "people_details", "organizations", "places", "sources", "quotes", "reported_earlier")


class Command(BaseCommand):
    help = (
        "Run the story analysis on the stories a gold file lists and print precision and recall per kind. "
        "The gold file is one story (like shared/reference/*.gold.json) or {\"stories\": [...]} of them; "
        "story files are read relative to the gold file. Earlier stories are matched against this database."
    )

    def add_arguments(self, parser):
        parser.add_argument("gold", metavar="GOLD.json")
        parser.add_argument("--json", action="store_true", dest="as_json", help="Print the scores as JSON.")
        parser.add_argument("--per-story", action="store_true", help="Also print each story's scores.")

    def handle(self, *args, gold, as_json, per_story, **options):
        path = Path(gold)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{gold}: cannot read the gold file ({error})") from None
        stories = document.get("stories", [document])
        publication = document.get("publication") or settings.NEWSROOM_PUBLICATION_NAME
        index = authority_index()

        totals = {kind: [0, 0, 0] for kind in KINDS}
        per_story_scores = {}
        for story in stories:
            try:
                text = read_story_file(path.parent / story["file"])
            except (KeyError, StoryFileError) as error:
                raise CommandError(f"{gold}: story {story.get('file')!r}: {error}") from None
            # A story that is in this newsroom is analysed as of its own publication.
            own = Article.objects.filter(slug=story["slug"]).first() if story.get("slug") else None
            published_at = (
                parse_datetime(story.get("published_at", "")) or (own and own.published_at) or timezone.now()
            )
            result = analysis.analyse(
                text.headline,
                text.paragraphs,
                index=index,
                publication=publication,
                reference_finder=DatabaseReferenceFinder(exclude_article_id=own.pk if own else None),
                published_at=published_at,
            )
            result = _with_known_details(result, published_at)
            ids = [reference.article_id for reference in result.references]
            slugs = dict(Article.objects.filter(pk__in=ids).values_list("pk", "slug"))
            scores = evaluate(result, story, article_slugs=slugs)
            per_story_scores[story["file"]] = scores
            for kind in KINDS:
                tp, fp, fn, *_ = scores.get(kind, (0, 0, 0, 1.0, 1.0))
                totals[kind][0] += tp
                totals[kind][1] += fp
                totals[kind][2] += fn

        summary = {kind: _scores(*counts) for kind, counts in totals.items()}
        if as_json:
            self.stdout.write(json.dumps({"stories": len(stories), "scores": summary}, indent=2))
            return
        if per_story:
            for name, scores in per_story_scores.items():
                self.stdout.write(f"\n{name}")
                self._table({kind: _scores(*scores[kind][:3]) for kind in KINDS if kind in scores})
        self.stdout.write(f"\n{len(stories)} stories from {gold}")
        self._table(summary)

    def _table(self, scores):
        self.stdout.write(f"{'kind':<18}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
        for kind, score in scores.items():
            self.stdout.write(
                f"{kind:<18}{score['tp']:>5}{score['fp']:>5}{score['fn']:>5}"
                f"{score['precision']:>11.2f}{score['recall']:>8.2f}"
            )


def _with_known_details(result: analysis.Analysis, when) -> analysis.Analysis:
    """Known people carry their role and country from the authority file, as the story page shows them."""
    ids = [m.entry.id for m in result.mentions if m.kind == "person" and m.entry is not None and m.entry.id]
    people = Person.objects.filter(pk__in=ids).select_related("nationality").prefetch_related("roles")
    known = {person.pk: person for person in people}
    mentions = []
    for mention in result.mentions:
        person = known.get(mention.entry.id) if mention.kind == "person" and mention.entry is not None else None
        if person is not None:
            mention = dataclasses.replace(
                mention,
                role=mention.role or person.title_on(when),
                country=mention.country or (person.nationality.country_code if person.nationality else ""),
            )
        mentions.append(mention)
    return dataclasses.replace(result, mentions=mentions)


def _scores(tp: int, fp: int, fn: int) -> dict:
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
    }
