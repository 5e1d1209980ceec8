"""The per-story lead image fields, now that 0008 moved their photos into the library."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_move_lead_images_to_the_library")]

    operations = [
        migrations.RemoveField(model_name="article", name="lead_image_file"),
        migrations.RemoveField(model_name="article", name="lead_image_credit"),
        migrations.RemoveField(model_name="article", name="lead_image_alt"),
    ]
