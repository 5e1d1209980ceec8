"""What a browser (or a feed reader) would run in a document, found with a real parser (lxml).

Shared by the XSS and Content-Security-Policy tests.
"""

from __future__ import annotations

import re

import lxml.html

# Elements that run code, load a document or change how the page is read.
ACTIVE_ELEMENTS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math",
    "portal", "template", "xml", "import", "isindex",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "background", "poster", "xlink:href", "codebase",
                  "cite", "srcset", "dynsrc", "lowsrc", "ping", "manifest", "icon"}
_DANGEROUS_SCHEME = re.compile(r"^(?:javascript|vbscript|data|livescript|mocha):", re.IGNORECASE)
_NOT_PRINTED = re.compile(r"[\x00-\x20\x7f]+")


def _dangerous_url(value: str) -> bool:
    # Browsers drop whitespace and control characters inside a scheme: "java\tscript:".
    return bool(_DANGEROUS_SCHEME.match(_NOT_PRINTED.sub("", value)))


def active_content(root, *, allowed_script=lambda el: False, allowed_elements=frozenset()) -> list[str]:
    """Each thing in an lxml tree that would run code or load something hostile, described.

    ``allowed_elements``: the admin draws its icons with inline <svg>; an event
    handler, script or script URL inside one is still found.
    """
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower().rsplit("}", 1)[-1]
        if tag == "script" and not allowed_script(el):
            found.append(f"<script> {lxml.html.tostring(el)[:120]!r}")
        elif tag in ACTIVE_ELEMENTS and tag not in allowed_elements:
            found.append(f"<{tag}>")
        elif tag == "meta" and el.get("http-equiv"):
            found.append(f"<meta http-equiv={el.get('http-equiv')!r}>")
        elif tag == "link" and (el.get("rel") or "").lower() in {"import", "prefetch"}:
            found.append(f"<link rel={el.get('rel')!r}>")
        for name, value in el.attrib.items():
            name = name.lower().rsplit("}", 1)[-1]
            if name.startswith("on"):
                found.append(f"<{tag} {name}=...>")
            elif name == "srcdoc":
                found.append(f"<{tag} srcdoc>")
            elif name in URL_ATTRIBUTES and _dangerous_url(value):
                found.append(f"<{tag} {name}={value[:40]!r}>")
            elif name == "style" and re.search(r"expression\s*\(|javascript:|behavior\s*:|-moz-binding", value, re.I):
                found.append(f"<{tag} style={value[:40]!r}>")
    return found


def html_document(content: bytes | str):
    return lxml.html.document_fromstring(content)


def html_fragment(content: str):
    return lxml.html.fragment_fromstring(content or "", create_parent="div")
