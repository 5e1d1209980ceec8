"""Date the updates of stories saved before the workflow knew a text change from any save.

A story that was public and saved more than five minutes after it went out
was (most likely) updated then: its last save becomes its "updated" time.
Anything else has no update. Re-runnable: it only fills in what is empty.
"""

import datetime

from django.db import migrations
from django.db.models import F

GRACE = datetime.timedelta(minutes=5)


def date_updates(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(
        updated_at__isnull=True, published_at__isnull=False, modified_at__gt=F("published_at") + GRACE
    ).update(updated_at=F("modified_at"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_workflow")]

    operations = [migrations.RunPython(date_updates, migrations.RunPython.noop)]
