"""The HTTP purge-by-tag backend, against a fake CDN API on a local port."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.models import Article
from articles.services import article_transition
from newsroom.cdn import HttpTagPurge, PurgeFailed
from tests.factories import ArticleFactory, DraftFactory


@pytest.fixture
def fake_cdn():
    """A tiny CDN API: records each purge call; answers ``status`` (200 unless a test changes it)."""
    calls = []

    class Handler(BaseHTTPRequestHandler):
        status = 200

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            calls.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": json.loads(body)})
            self.send_response(Handler.status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"success": true}')

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_port}/zones/z1/purge_cache", "calls": calls, "handler": Handler}
    server.shutdown()
    server.server_close()


def test_tags_are_posted_in_batches_with_the_token(fake_cdn):
    HttpTagPurge(url=fake_cdn["url"], token="s3cret", batch=2).purge(["story:1", "story:2", "front"])
    assert [call["body"] for call in fake_cdn["calls"]] == [{"tags": ["story:1", "story:2"]}, {"tags": ["front"]}]
    assert {call["auth"] for call in fake_cdn["calls"]} == {"Bearer s3cret"}
    assert fake_cdn["calls"][0]["path"] == "/zones/z1/purge_cache"


def test_a_refused_purge_raises_so_the_queue_retries(fake_cdn):
    fake_cdn["handler"].status = 500
    with pytest.raises(PurgeFailed):
        HttpTagPurge(url=fake_cdn["url"], token="").purge(["story:1"])


def test_nothing_listening_raises():
    with pytest.raises(PurgeFailed):
        HttpTagPurge(url="http://127.0.0.1:9/purge", token="", timeout=2).purge(["story:1"])


@pytest.mark.django_db
def test_publishing_purges_the_cdn_by_the_story_and_its_lists(fake_cdn, settings, memory_page_cache, committed):
    settings.NEWSROOM_CDN_PURGE_BACKEND = "newsroom.cdn.HttpTagPurge"
    settings.NEWSROOM_CDN_PURGE_URL = fake_cdn["url"]
    settings.NEWSROOM_CDN_PURGE_TOKEN = "t"
    settings.NEWSROOM_CDN_PURGE_BATCH = 100
    draft = DraftFactory()
    with committed():
        unrelated = ArticleFactory()
    fake_cdn["calls"].clear()

    with committed():
        article_transition(draft, to=Article.Status.PUBLISHED)

    purged = {tag for call in fake_cdn["calls"] for tag in call["body"]["tags"]}
    assert {f"story:{draft.pk}", "stories", f"section:{draft.section_id}"} <= purged
    assert f"story:{unrelated.pk}" not in purged
