"""
The authority file's half of merging two entities: names, empty fields, the
references between entities (parents, nationality, countries, a source's
organisation, roles) and former addresses move to the survivor.

What ties entities to stories is moved by ``articles.merging``, which calls
this; the loser is deleted there, once nothing points at it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .folding import fold_key
from .models import Entity, EntityFormerSlug, Role, split_aliases

RoleCombiner = Callable[[Role, Role], None]

# Fields the survivor takes from the loser when it has none of its own.
_NEVER_FILLED = {"id", "name", "slug", "aliases", "version", "name_keys", "created_at", "updated_at"}


def merged_aliases(survivor: Entity, loser: Entity) -> str:
    """The survivor's aliases plus the loser's name and aliases, each spelling once (folded)."""
    seen = {fold_key(survivor.name)}
    aliases = []
    for spelling in (*split_aliases(survivor.aliases), loser.name, *split_aliases(loser.aliases)):
        key = fold_key(spelling)
        if key and key not in seen:
            seen.add(key)
            aliases.append(spelling)
    return "\n".join(aliases)


def _fill_blanks(survivor: Entity, loser: Entity) -> None:
    for field in survivor._meta.concrete_fields:
        if field.name in _NEVER_FILLED or field.primary_key:
            continue
        mine, theirs = getattr(survivor, field.attname), getattr(loser, field.attname)
        if mine in (None, "") and theirs not in (None, "") and theirs != survivor.pk:
            setattr(survivor, field.attname, theirs)


def _move_roles(survivor: Entity, loser: Entity, field: str, combine_roles: RoleCombiner | None) -> None:
    """Roles of (or at) the loser move to the survivor; one the survivor already has is not doubled.

    ``combine_roles(kept, duplicate)`` is told before a duplicate is deleted,
    so what outside the authority file refers to it can follow the kept one.
    """
    have = {
        (role.person_id, role.title.casefold(), role.organization_id, role.start_date, role.end_date): role
        for role in Role.objects.filter(**{field: survivor})
    }
    for role in Role.objects.filter(**{field: loser}):
        setattr(role, f"{field}_id", survivor.pk)
        key = (role.person_id, role.title.casefold(), role.organization_id, role.start_date, role.end_date)
        if key in have:
            if combine_roles is not None:
                combine_roles(have[key], role)
            role.delete()
        else:
            have[key] = role
            role.save(update_fields=[field])


def entity_relations(model: type[Entity]) -> list[models.ForeignObjectRel]:
    """The keys from inside the authority file that point at ``model`` (parents, countries, roles...)."""
    return [
        relation
        for relation in model._meta.related_objects
        if relation.related_model._meta.app_label == model._meta.app_label
    ]


def absorb_entity(survivor: Entity, loser: Entity, *, combine_roles: RoleCombiner | None = None) -> None:
    """Move the loser's names, blanks, entity references and addresses to the survivor (not its story links)."""
    assert type(survivor) is type(loser) and survivor.pk != loser.pk
    model = type(survivor)
    for relation in entity_relations(model):
        field = relation.field
        if relation.related_model is Role:
            _move_roles(survivor, loser, field.name, combine_roles)
            continue
        movers = relation.related_model._default_manager.filter(**{field.name: loser})
        if relation.related_model is model and getattr(survivor, field.attname) == loser.pk:
            # The survivor was the loser's child: it does not become its own parent.
            setattr(survivor, field.attname, None)
            movers.filter(pk=survivor.pk).update(**{field.name: None})
        movers.update(**{field.name: survivor})
    # The loser's address and its own former addresses now lead to the survivor.
    loser.former_slugs.update(object_id=survivor.pk)
    _fill_blanks(survivor, loser)
    survivor.aliases = merged_aliases(survivor, loser)
    survivor.version += 1  # an editor's open form of the survivor is now stale
    survivor.save()
    EntityFormerSlug.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(model), slug=loser.slug, defaults={"object_id": survivor.pk}
    )
