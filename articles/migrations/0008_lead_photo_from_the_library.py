"""A story's lead photo comes from the photo library; photos can sit in the body.

The old per-story upload is kept as ``lead_image_file`` until 0008 has moved
each file into the library, and 0009 removes it.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_entities_that_stories_link_to_are_protected"),
        ("images", "0001_photo_library"),
    ]

    operations = [
        migrations.RenameField(model_name="article", old_name="lead_image", new_name="lead_image_file"),
        migrations.AddField(
            model_name="article",
            name="lead_image",
            field=models.ForeignKey(
                blank=True,
                help_text="From the photo library; its alt text is required before the story goes live.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="lead_for_articles",
                to="images.image",
                verbose_name="lead photo",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="lead_image_caption",
            field=models.CharField(
                blank=True,
                help_text="Leave empty to use the library's caption.",
                max_length=500,
                verbose_name="lead photo caption",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="body",
            field=models.TextField(
                help_text="One paragraph per line; light Markdown (*italic*, **bold**, [links](url)). "
                "A photo from the library: [image:42] on a line of its own, or [image:42 A caption for this story]."
            ),
        ),
        migrations.CreateModel(
            name="InlineImage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="inline_images", to="articles.article"
                    ),
                ),
                (
                    "image",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="inline_in_articles",
                        to="images.image",
                    ),
                ),
            ],
            options={"verbose_name": "photo in the body", "verbose_name_plural": "photos in the body"},
        ),
        migrations.AddConstraint(
            model_name="inlineimage",
            constraint=models.UniqueConstraint(fields=("article", "image"), name="unique_inline_image"),
        ),
    ]
