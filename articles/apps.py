from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        import reversion
        from taggit.models import TaggedItem

        from . import cache_purging, signal_handlers  # noqa: F401  (connect the re-render and purge handlers)
        from .links import link_types
        from .models import Article, Byline, Correction

        # Every save of a story is a restorable revision, together with its links.
        # Said here, not guessed from the admin's inlines (VersionAdmin registers
        # first, from every inline): the status log and former addresses are
        # the record of what happened, and a revert must never delete them.
        follow = {
            "bylines": Byline,
            **{link_type.related_name: link_type.model for link_type in link_types()},
            "corrections": Correction,
            "tagged_items": TaggedItem,
        }
        for model in follow.values():
            if not reversion.is_registered(model):
                reversion.register(model)
        if reversion.is_registered(Article):
            reversion.unregister(Article)
        # The page parts are derived (recomputed after a revert), not part of what a revision restores.
        reversion.register(Article, follow=tuple(follow), exclude=("page_parts",))

        from images import usage

        from .photos import story_photo_use

        # A photo is public while a published story shows it (images cannot import articles).
        usage.register(story_photo_use)
