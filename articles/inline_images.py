"""
Photos in a story's body.

A line of its own that reads ``[image:42]`` places photo 42 of the library
there, with its caption and credit; ``[image:42 Words for this story]`` gives
it a caption of this story's own. The number is shown beside each photo in
the library ("in a story's body"). Anything else on the line, or an unknown
number, is refused when the story is saved.

This is a step before and after the Markdown renderer and knows nothing of
it: each photo line becomes a placeholder paragraph of plain letters, which
any Markdown parser and the sanitiser pass through as text; after
sanitising, each placeholder paragraph is swapped for the ``<figure>`` built
by ``images.markup``, which escapes every word it prints.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

IMAGE_LINE = re.compile(r"^\[image:\s*(\d{1,12})(?:\s+([^\]]*?))?\s*\]$", re.IGNORECASE)
# Looks like a photo line but is not one we can place (a typo the editor should hear about).
NEAR_MISS = re.compile(r"^\[\s*image\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class InlineImage:
    image_id: int
    caption: str | None  # None: the library's caption
    line: str


def find_inline_images(body: str) -> list[InlineImage]:
    """The photo lines of ``body``, in order."""
    found = []
    for line in body.splitlines():
        match = IMAGE_LINE.match(line.strip())
        if match:
            found.append(InlineImage(int(match.group(1)), (match.group(2) or "").strip() or None, line.strip()))
    return found


def malformed_lines(body: str) -> list[str]:
    """Lines that start like a photo line but do not follow the syntax."""
    return [
        line.strip()
        for line in body.splitlines()
        if NEAR_MISS.match(line.strip()) and not IMAGE_LINE.match(line.strip())
    ]


@dataclass
class Placeholders:
    """A body with its photo lines swapped for placeholder paragraphs, and the way back.

    Each render picks a random marker, so words an editor typed can never be
    mistaken for a placeholder.
    """

    body: str
    images: list[InlineImage]
    marker: str = field(default_factory=lambda: f"NEWSROOMFIGURE{secrets.token_hex(6).upper()}N")

    @classmethod
    def of(cls, body: str) -> Placeholders:
        placeholders = cls(body="", images=[])
        lines = []
        for line in body.splitlines():
            match = IMAGE_LINE.match(line.strip())
            if match:
                lines.append(f"{placeholders.marker}{len(placeholders.images)}")
                caption = (match.group(2) or "").strip() or None
                placeholders.images.append(InlineImage(int(match.group(1)), caption, line.strip()))
            else:
                lines.append(line)
        placeholders.body = "\n".join(lines)
        return placeholders

    @property
    def _paragraph(self) -> re.Pattern:
        return re.compile(rf"<p>\s*{self.marker}(\d+)\s*</p>")

    def insert(self, html: str, figures: list[str]) -> str:
        """Each figure where its placeholder paragraph is; an empty one (an unknown photo) leaves nothing."""
        return self._paragraph.sub(lambda match: figures[int(match.group(1))], html)

    def remove(self, html: str) -> str:
        return self._paragraph.sub("", html)
