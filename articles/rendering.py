"""
Body rendering: source -> Markdown -> sanitised HTML (nh3) -> annotated links.

Pure functions of text; the service that feeds them the story's confirmed
links lives in ``articles.services``. The result is stored on the story, so
a page view never does any of this.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "h2", "h3", "h4",
    "code", "br", "hr", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_TAG = re.compile(r"(<[^>]*>)")

# CommonMark by markdown-it-py: its parser runs in time linear in the input,
# where Python-Markdown's link patterns backtracked (10,000 "[" took 42 s).
# Images are off: the sanitiser drops <img> anyway, and the rule only adds work.
# Raw HTML stays on so nh3 can keep the allowed tags an editor typed.
_MARKDOWN = MarkdownIt("commonmark", {"html": True}).disable("image")


@dataclass(frozen=True)
class LinkTarget:
    """Where some words of the body should link: the first match of any phrase wins."""

    phrases: tuple[str, ...]
    url: str
    title: str = ""
    css_class: str = ""
    case_sensitive: bool = True


def paragraphs_of(body: str) -> list[str]:
    return [line.strip() for line in body.splitlines() if line.strip()]


# One save reads the same body several times (the stored HTML, the checks that
# links are still in the text): render each text once.
@functools.lru_cache(maxsize=16)
def body_to_safe_html(body: str) -> str:
    """Each non-empty line is a paragraph; Markdown inside it; anything unsafe is removed."""
    source = "\n\n".join(paragraphs_of(body))
    raw = _MARKDOWN.render(source)
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def html_to_text(fragment: str) -> str:
    """Plain text of sanitised HTML, one paragraph per block."""
    with_breaks = re.sub(r"</(p|li|h[2-4]|blockquote)>", "\n\n", fragment)
    text = html.unescape(nh3.clean(with_breaks, tags=set()))
    return "\n\n".join(line.strip() for line in text.split("\n\n") if line.strip())


def _phrase_pattern(target: LinkTarget) -> re.Pattern:
    alternatives = "|".join(re.escape(p) for p in sorted(set(target.phrases), key=len, reverse=True) if p.strip())
    flags = 0 if target.case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)


def annotate(fragment: str, targets: list[LinkTarget]) -> str:
    """Link the first occurrence of each target's phrases in text that is not already a link.

    Targets are applied in order, so earlier ones (cross-references) win over
    later ones (entity mentions) for the same words.
    """
    # Tokens: ("tag", raw html) or ("text", unescaped text) or ("linked", unescaped text).
    tokens: list[tuple[str, str]] = []
    for piece in _TAG.split(fragment):
        if not piece:
            continue
        tokens.append(("tag", piece) if piece.startswith("<") else ("text", html.unescape(piece)))

    for target in targets:
        if not any(p.strip() for p in target.phrases):
            continue
        pattern = _phrase_pattern(target)
        inside_link = 0
        for i, (kind, value) in enumerate(tokens):
            if kind == "tag":
                if re.match(r"<a[\s>]", value, re.IGNORECASE):
                    inside_link += 1
                elif value.lower().startswith("</a"):
                    inside_link = max(0, inside_link - 1)
                continue
            if kind != "text" or inside_link:
                continue
            match = pattern.search(value)
            if not match:
                continue
            attrs = f' href="{html.escape(target.url)}"'
            if target.title:
                attrs += f' title="{html.escape(target.title)}"'
            if target.css_class:
                attrs += f' class="{html.escape(target.css_class)}"'
            tokens[i : i + 1] = [
                ("text", value[: match.start()]),
                ("tag", f"<a{attrs}>"),
                ("linked", match.group(0)),
                ("tag", "</a>"),
                ("text", value[match.end() :]),
            ]
            break

    return "".join(value if kind == "tag" else html.escape(value, quote=False) for kind, value in tokens)
