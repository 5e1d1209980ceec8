"""
Every save of a photo may change its renditions (a new file, a moved focal
point): schedule them, and remove the files a replaced or deleted photo leaves.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from .models import Image
from .services import delete_files, schedule_renditions


@receiver(pre_save, sender=Image)
def remember_stored_file(sender, instance: Image, raw=False, **kwargs):
    instance._stored_file = None
    if instance.pk and not raw:
        instance._stored_file = Image.objects.filter(pk=instance.pk).values_list("file", flat=True).first()


@receiver(post_save, sender=Image)
def image_saved(sender, instance: Image, raw=False, **kwargs):
    if raw:
        return
    replaced = getattr(instance, "_stored_file", None)
    if replaced and replaced != instance.file.name:
        # The old renditions are stale under the new plan; generate_renditions removes them.
        transaction.on_commit(partial(delete_files, replaced, []))
    schedule_renditions(instance.pk)


@receiver(pre_delete, sender=Image)
def remember_files(sender, instance: Image, **kwargs):
    instance._files = (instance.file.name, list(instance.rendition_files.values_list("file", flat=True)))


@receiver(post_delete, sender=Image)
def image_deleted(sender, instance: Image, **kwargs):
    original, renditions = getattr(instance, "_files", (instance.file.name, []))
    transaction.on_commit(partial(delete_files, original, renditions))
