"""manage.py generate_renditions: makes what is missing, and nothing when nothing is."""

from io import StringIO

import pytest
from django.core.management import call_command

from images.models import Rendition
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("generate_renditions", *args, stdout=out)
    return out.getvalue().strip()


def test_makes_the_missing_renditions_once():
    waiting, ready = ImageFactory(renditions=False), ImageFactory()
    assert run() == "9 renditions made for 1 photo."
    waiting.refresh_from_db()
    assert waiting.renditions_ready
    assert run() == "0 renditions made for 0 photos."
    assert run("--force", str(ready.pk)) == "9 renditions made for 1 photo."
    assert Rendition.objects.count() == 18
