"""The newsroom's roles as groups: Reporter, Editor, Admin.

- Reporter: writes stories and edits their own drafts (the admin checks the
  owner), submits them for review, links them to the authority file and
  proposes new entries; sees everything else read-only.
- Editor: everything a reporter does, every step of the workflow
  (``publish_article``) on any story, deleting stories, and keeping the
  authority file (people, organisations, places, roles; sources read-only).
- Admin: everything in the newsroom: also sources, sections, tags, deleting
  and merging entities, deleting photos, users and groups.

Photos: reporters upload and pick them; editors also describe them.

Permissions are made by ``post_migrate``, after every migration has run; this
one needs them now, so it makes them first. Re-runnable: it only adds.
The table is frozen here as it was decided; a later change is a new migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW, EDIT, ALL = ("view",), ("add", "change", "view"), ("add", "change", "delete", "view")

# The parts of a story a reporter writes with it (the admin lets them change
# these only on a story they may change).
STORY_PARTS = (
    "byline",
    "personmention",
    "organizationmention",
    "placemention",
    "sourceattribution",
    "quote",
    "crossreference",
    "correction",
)

REPORTER = {
    "articles": {
        "article": EDIT,
        **dict.fromkeys(STORY_PARTS, ALL),
        "articleslughistory": VIEW,
        "articletransition": VIEW,
        "section": VIEW,
    },
    "entities": dict.fromkeys(("person", "organization", "place", "source", "role"), VIEW),
    "taggit": {"tag": VIEW},
    # Reporters upload photos for their stories and pick them from the library.
    "images": {"image": ("add", "view")},
}

EDITOR = {
    "articles": {**REPORTER["articles"], "article": (*ALL, "publish")},
    "entities": {
        **dict.fromkeys(("person", "organization", "place"), EDIT),
        "role": ALL,
        "source": VIEW,
    },
    "taggit": {"tag": EDIT},
    "images": {"image": EDIT},
}

# Admins get every permission of these apps.
ADMIN_APPS = ("articles", "entities", "images", "taggit", "auth")


def codenames(table: dict) -> list[tuple[str, str]]:
    return [
        (app, f"{action}_{model}") for app, models in table.items() for model, actions in models.items() for action in actions
    ]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        found = []
        for app, codename in pairs:
            found.append(Permission.objects.get(content_type__app_label=app, codename=codename))
        return found

    reporter, _ = Group.objects.get_or_create(name="Reporter")
    reporter.permissions.add(*permissions(codenames(REPORTER)))
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*permissions(codenames(EDITOR)))
    admin, _ = Group.objects.get_or_create(name="Admin")
    admin.permissions.add(*Permission.objects.filter(content_type__app_label__in=ADMIN_APPS))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Reporter", "Editor", "Admin"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_date_text_updates"),
        ("entities", "0004_fill_name_keys"),
        ("images", "0001_photo_library"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
