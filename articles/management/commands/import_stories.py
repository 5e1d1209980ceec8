import json
import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware

from articles.importing import StoryFileError, import_story
from articles.models import Section

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Import story files (UTF-8 text: the headline on the first line, one paragraph per line). "
        "Each file imports in its own transaction; a bad file stores nothing and makes the exit status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--publish", action="store_true", help="Publish the stories (default: drafts).")
        parser.add_argument(
            "--published-at",
            metavar="ISO8601",
            help="With --publish: the first publication time, e.g. 2024-03-05T09:30:00+02:00 "
            "(a past time for an archive's story; a future time schedules it).",
        )
        parser.add_argument("--section", metavar="SLUG", help="The section's slug (default: the first section).")
        parser.add_argument(
            "--accept-suggestions",
            action="store_true",
            help="Confirm everything the analysis proposes, creating new entities.",
        )
        parser.add_argument("--json", action="store_true", dest="as_json", help="Print one JSON array with a result per file.")

    def handle(self, *args, files, publish, published_at, section, accept_suggestions, as_json, **options):
        when, target, problem = None, None, None
        if published_at:
            when = parse_datetime(published_at)
            if when is None:
                problem = f"--published-at {published_at!r} is not an ISO 8601 date and time"
            elif is_naive(when):
                when = make_aware(when)
            if not publish:
                problem = "--published-at needs --publish: a draft has no publication time"
        if section:
            target = Section.objects.filter(slug=section).first()
            if target is None:
                problem = f"there is no section with the slug {section!r}"
        if problem:
            # Nothing is imported; with --json each file still gets its answer.
            if as_json:
                self.stdout.write(json.dumps([_result(name, error=problem) for name in files], indent=2))
            raise CommandError(f"{problem[:1].upper()}{problem[1:]}.")

        results, failures = [], 0
        for name in files:
            try:
                article = import_story(
                    Path(name), section=target, publish=publish, published_at=when,
                    accept_suggestions=accept_suggestions,
                )
            except (StoryFileError, ValidationError) as error:
                reason = _reason(error)
            except Exception as error:  # noqa: BLE001 - one broken file must not stop the batch
                logger.exception("Importing %s failed", name)
                reason = f"could not be imported ({type(error).__name__}: {error})"
            else:
                reason = None
            if reason is not None:
                failures += 1
                results.append(_result(name, error=reason))
                self.stderr.write(f"{name}: {reason}")
                continue
            url = settings.NEWSROOM_SITE_URL + article.get_absolute_url()
            results.append(_result(name, slug=article.slug, url=url))
            if not as_json:
                self.stdout.write(f"{name}: imported as {article.slug} ({article.get_status_display().lower()}) {url}")

        if as_json:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        if failures:
            raise CommandError(f"{failures} of {len(files)} file(s) could not be imported.")


def _result(name: str, *, slug=None, url=None, error=None) -> dict:
    return {"file": name, "slug": slug, "url": url, "status": "error" if error else "ok", "error": error}


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
