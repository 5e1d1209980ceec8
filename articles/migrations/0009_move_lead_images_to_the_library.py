"""Move each story's uploaded lead image into the photo library.

Each file is checked and re-encoded like a new upload (``images.processing``:
orientation applied, location and device metadata removed), stored under a
random name with the originals, and becomes the story's lead photo with the
story's caption, credit and alt text. The uploaded file is then deleted: it
is the copy that still carries the metadata, at a guessable address.

A file that is missing or not an acceptable photo is reported and left where
it is. Re-runnable: a story that already has its library photo is skipped.
Renditions are made afterwards, off the migration, by
``manage.py generate_renditions --missing``.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import migrations

from images.processing import EXTENSIONS, sanitise
from images.storage import new_token, original_name


def move_to_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("images", "Image")
    for article in Article.objects.exclude(lead_image_file="").filter(lead_image__isnull=True).iterator():
        upload = article.lead_image_file
        try:
            with upload.open("rb") as handle:
                clean = sanitise(handle.read())
        except (OSError, ValidationError) as error:
            reason = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            print(f"\n  Lead image of story {article.pk} ({upload.name}) not moved: {reason}")
            continue
        token = new_token()
        image = Image(
            title=article.headline[:200],
            caption=article.lead_image_caption,
            credit=article.lead_image_credit,
            alt_text=article.lead_image_alt,
            token=token,
            width=clean.width,
            height=clean.height,
            format=clean.format,
            has_alpha=clean.has_alpha,
            file_size=clean.size,
        )
        image.file.save(original_name(token, clean.extension), clean, save=False)
        image.save()
        Article.objects.filter(pk=article.pk).update(lead_image=image, lead_image_caption="")
        upload.storage.delete(upload.name)


def move_back(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.filter(lead_image__isnull=False).select_related("lead_image").iterator():
        image = article.lead_image
        with image.file.open("rb") as handle:
            content = ContentFile(handle.read())
        article.lead_image_file.save(f"lead/{image.token}.{EXTENSIONS[image.format]}", content, save=False)
        Article.objects.filter(pk=article.pk).update(
            lead_image_file=article.lead_image_file.name,
            lead_image_caption=article.lead_image_caption or image.caption,
            lead_image_credit=image.credit,
            lead_image_alt=image.alt_text,
            lead_image=None,
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_lead_photo_from_the_library")]

    operations = [migrations.RunPython(move_to_library, move_back)]
