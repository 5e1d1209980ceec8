"""Fill the folded names of the entities already on file, so duplicates are found among them too."""

from django.db import migrations

from entities.folding import fold_key

BATCH = 2000


def keys_of(name: str, aliases: str) -> str:
    spellings = (name, *(line.strip() for line in aliases.splitlines() if line.strip()))
    keys = dict.fromkeys(key for key in map(fold_key, spellings) if key)
    return "\n" + "".join(f"{key}\n" for key in keys)


def fill_name_keys(apps, schema_editor):
    for model_name in ("Person", "Organization", "Place", "Source"):
        model = apps.get_model("entities", model_name)
        batch = []
        for entity in model.objects.only("pk", "name", "aliases").iterator(chunk_size=BATCH):
            entity.name_keys = keys_of(entity.name, entity.aliases)
            batch.append(entity)
            if len(batch) == BATCH:
                model.objects.bulk_update(batch, ["name_keys"])
                batch = []
        model.objects.bulk_update(batch, ["name_keys"])


class Migration(migrations.Migration):
    dependencies = [("entities", "0003_former_addresses_and_name_keys")]

    operations = [migrations.RunPython(fill_name_keys, migrations.RunPython.noop)]
