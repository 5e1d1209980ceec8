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


def narrow_screen_blocks(css: str) -> list[tuple[float, str]]:
    """(max width in px, body) of each ``@media (max-width: ...rem)`` block."""
    blocks = []
    for match in re.finditer(r"@media \(max-width: ([\d.]+)rem\) \{", css):
        depth, end = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        blocks.append((float(match.group(1)) * 16, css[match.end() : end - 1]))
    return blocks


def test_section_navigation_scrolls_sideways_on_a_phone_instead_of_wrapping():
    """At 390px the last section must not drop alone onto a second line."""
    phone_rules = [
        body
        for selector, body in rules("".join(b for width, b in narrow_screen_blocks(CSS) if width >= 390))
        if selector == ".sections-nav ul"
    ]
    assert phone_rules, "a small-screen rule for the section list"
    declarations = " ".join(" ".join(phone_rules).split())
    assert "flex-wrap: nowrap" in declarations and "overflow-x: auto" in declarations
