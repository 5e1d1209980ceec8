from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        import reversion

        from . import signal_handlers  # noqa: F401  (connects the re-render handlers)
        from .models import (
            Article,
            Byline,
            Correction,
            CrossReference,
            OrganizationMention,
            PersonMention,
            PlaceMention,
            Quote,
            SourceAttribution,
        )

        # Every save of a story is a restorable revision, together with its links.
        links = {
            "bylines": Byline,
            "person_mentions": PersonMention,
            "organization_mentions": OrganizationMention,
            "place_mentions": PlaceMention,
            "attributions": SourceAttribution,
            "quotes": Quote,
            "outgoing_references": CrossReference,
            "corrections": Correction,
        }
        for model in links.values():
            if not reversion.is_registered(model):
                reversion.register(model)
        if not reversion.is_registered(Article):
            reversion.register(Article, follow=tuple(links))
