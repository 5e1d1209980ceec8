"""The reader site's stylesheet: what it must never do to the story, and how the header behaves on a phone."""

import re
from pathlib import Path

from django.conf import settings

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text(encoding="utf-8")


def rules(css: str) -> list[tuple[str, str]]:
    """(selector, declarations) of every rule, media queries flattened; comments dropped."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [(sel.strip(), body) for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)]


def test_no_drop_cap_splits_the_first_word_of_a_story():
    """A styled first letter sits outside a link that starts the body ("S" plain, "weden" linked)."""
    assert not [sel for sel, _ in rules(CSS) if "first-letter" in sel]


def test_section_navigation_scrolls_sideways_on_a_phone_instead_of_wrapping():
    narrow = re.search(r"@media \(max-width: (\d+)rem\) \{\s*(/\*[^*]*\*/\s*)?\.sections-nav ul \{([^}]*)\}", CSS)
    assert narrow, "a small-screen rule for the section list"
    assert float(narrow.group(1)) * 16 >= 390
    declarations = narrow.group(3)
    assert "flex-wrap: nowrap" in declarations and "overflow-x: auto" in declarations
