"""Every request leaves one JSON line: method, path, status, duration, request id, and the user if staff."""

import json
import logging

import pytest
from pythonjsonlogger.json import JsonFormatter

pytestmark = pytest.mark.django_db


def logged(caplog) -> list[dict]:
    """The request log's records as the configured JSON formatter writes them."""
    # The handler settings.LOGGING gives the logger (caplog adds its own beside it).
    [formatter] = [h.formatter for h in logging.getLogger("newsroom.requests").handlers if isinstance(h.formatter, JsonFormatter)]
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name == "newsroom.requests"]


def test_a_reader_request_is_one_json_line_without_a_user(client, caplog):
    with caplog.at_level(logging.INFO, logger="newsroom.requests"):
        response = client.get("/search/", {"q": "drones"})
    [line] = logged(caplog)
    assert line["method"] == "GET" and line["path"] == "/search/" and line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["request_id"] == response["X-Request-ID"] and len(line["request_id"]) == 32
    assert line["level"] == "INFO" and line["time"].endswith("+00:00")
    assert "user_id" not in line and "drones" not in json.dumps(line)  # the query string stays out


def test_the_proxy_request_id_is_kept_and_a_forged_one_is_replaced(client, caplog):
    with caplog.at_level(logging.INFO, logger="newsroom.requests"):
        kept = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a.42")
        replaced = client.get("/healthz", HTTP_X_REQUEST_ID='"}, {"injected": 1')
    assert kept["X-Request-ID"] == "lb-7f3a.42"
    assert replaced["X-Request-ID"] != '"}, {"injected": 1' and len(replaced["X-Request-ID"]) == 32
    assert [line["request_id"] for line in logged(caplog)] == ["lb-7f3a.42", replaced["X-Request-ID"]]


def test_a_staff_request_names_the_user_and_a_missing_page_logs_its_404(admin_client, admin_user, client, caplog):
    with caplog.at_level(logging.INFO, logger="newsroom.requests"):
        admin_client.get("/admin/")
        client.get("/stories/no-such-story/")
    staff, missing = logged(caplog)
    assert staff["path"] == "/admin/" and staff["status"] == 200 and staff["user_id"] == admin_user.pk
    assert missing["status"] == 404 and "user_id" not in missing
