"""Signals the photo library sends (apps that use photos listen; images imports none of them)."""

from django.dispatch import Signal

# Sent with ``image_id`` when a photo's renditions match its current plan (after ``generate_renditions``).
renditions_ready = Signal()
