"""Reading the site's sitemaps as a crawler does: the index at /sitemap.xml, then every sitemap it names."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import parse_qsl, urlsplit

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def parse(response) -> ET.Element:
    assert response.status_code == 200, response.status_code
    assert "xml" in response["Content-Type"]
    return ET.fromstring(response.content)


def sitemap_addresses(client) -> list[str]:
    """The addresses the index at /sitemap.xml names (each sitemap, each of its pages)."""
    index = parse(client.get("/sitemap.xml"))
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    return [entry.findtext("sm:loc", namespaces=NS) for entry in index.findall("sm:sitemap", NS)]


def sitemap_responses(client) -> list:
    """The response for every sitemap the index names, each checked to be an XML 200."""
    responses = []
    for address in sitemap_addresses(client):
        parts = urlsplit(address)
        response = client.get(parts.path, dict(parse_qsl(parts.query)))
        parse(response)
        responses.append(response)
    return responses


def sitemap_documents(client) -> list[ET.Element]:
    """Every sitemap the index names, parsed."""
    return [parse(response) for response in sitemap_responses(client)]


def sitemap_entries(client) -> dict:
    """{loc: <url> element} over every sitemap the index names."""
    return {url.findtext("sm:loc", namespaces=NS): url for doc in sitemap_documents(client) for url in doc.findall("sm:url", NS)}


def sitemap_locations(client) -> set[str]:
    return set(sitemap_entries(client))


def sitemap_text(client) -> str:
    """All the sitemaps' XML, one after the other: for "is this address listed anywhere"."""
    return "\n".join(response.content.decode() for response in sitemap_responses(client))
