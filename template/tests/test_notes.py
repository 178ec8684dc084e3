"""/notes: ownership, sanitising, paging and sorting."""

from __future__ import annotations

from typing import Any

import pytest

from framework_client import Client
from support import API, Account

MISSING_ID = "00000000-0000-0000-0000-000000000000"


def _create(client: Client, account: Account, **fields: str) -> dict[str, Any]:
    body = {"title": "Groceries", "body": "<p>eggs</p>", **fields}
    response = client.post(f"{API}/notes", json=body, headers=account.headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_a_note_can_be_created_read_updated_and_deleted(
    client: Client, user: Account
) -> None:
    note = _create(client, user)
    url = f"{API}/notes/{note['id']}"

    assert set(note) == {"id", "title", "body", "created_at", "updated_at"}
    assert client.get(url, headers=user.headers).json()["title"] == "Groceries"

    updated = client.patch(url, json={"title": "Shopping"}, headers=user.headers)
    assert updated.status_code == 200
    assert updated.json()["title"] == "Shopping"
    assert updated.json()["body"] == "<p>eggs</p>"

    assert client.delete(url, headers=user.headers).status_code == 204
    assert client.get(url, headers=user.headers).status_code == 404


def test_another_users_note_is_not_found_and_stays_unchanged(
    client: Client, user: Account, other_user: Account
) -> None:
    note = _create(client, user)
    url = f"{API}/notes/{note['id']}"
    hidden = client.get(f"{API}/notes/{MISSING_ID}", headers=other_user.headers)

    read = client.get(url, headers=other_user.headers)
    update = client.patch(url, json={"title": "pwned"}, headers=other_user.headers)
    delete = client.delete(url, headers=other_user.headers)

    assert read.status_code == update.status_code == delete.status_code == 404
    assert read.json() == hidden.json()
    assert client.get(url, headers=user.headers).json() == note


def test_the_list_shows_only_the_callers_notes(
    client: Client, user: Account, other_user: Account
) -> None:
    mine = _create(client, user)
    _create(client, other_user, title="Secret")

    response = client.get(f"{API}/notes", headers=user.headers)

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [mine["id"]]


@pytest.mark.parametrize(
    "extra",
    [
        {"owner_id": MISSING_ID},
        {"id": MISSING_ID},
        {"created_at": "2000-01-01T00:00:00Z"},
    ],
    ids=["owner-id", "id", "created-at"],
)
def test_a_note_body_with_server_fields_is_refused(
    client: Client, user: Account, extra: dict[str, str]
) -> None:
    body = {"title": "t", "body": "b", **extra}

    response = client.post(f"{API}/notes", json=body, headers=user.headers)

    assert response.status_code == 422


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<svg onload="alert(1)"><circle/></svg>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS, ids=range(len(XSS_PAYLOADS)))
def test_html_in_a_note_comes_back_inert(
    client: Client, user: Account, payload: str
) -> None:
    stored = _create(client, user, body=payload)["body"].lower()

    for marker in ("<script", "onerror", "onload", "javascript:", "<svg", "<iframe"):
        assert marker not in stored
    assert "data:" not in stored
    assert "style=" not in stored


def test_plain_formatting_survives_sanitising(client: Client, user: Account) -> None:
    html = '<p>Hi <strong>there</strong>, <em>see</em> <a href="https://example.com">this</a></p>'

    stored = _create(client, user, body=html)["body"]

    assert "<strong>there</strong>" in stored
    assert "<em>see</em>" in stored
    assert 'href="https://example.com"' in stored


def test_notes_page_and_sort(client: Client, user: Account) -> None:
    for title in ("b", "c", "a"):
        _create(client, user, title=title)

    response = client.get(
        f"{API}/notes", params={"sort": "title", "limit": 2}, headers=user.headers
    )

    assert response.status_code == 200
    page = response.json()
    assert [item["title"] for item in page["items"]] == ["a", "b"]
    assert (page["limit"], page["offset"]) == (2, 0)


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "title; DROP TABLE notes"},
        {"sort": "owner_id"},
        {"sort": "password_hash"},
        {"limit": 0},
        {"limit": -1},
        {"limit": 101},
        {"limit": 10**12},
        {"offset": -1},
        {"limit": "ten"},
    ],
    ids=[
        "sql-in-sort",
        "unlisted-column",
        "secret-column",
        "zero-limit",
        "negative-limit",
        "over-max-limit",
        "huge-limit",
        "negative-offset",
        "non-numeric",
    ],
)
def test_paging_and_sort_parameters_are_allowlisted(
    client: Client, user: Account, params: dict[str, object]
) -> None:
    response = client.get(f"{API}/notes", params=params, headers=user.headers)

    assert response.status_code == 422
    assert "DROP TABLE" not in response.text


@pytest.mark.parametrize(
    "note_id",
    ["not-a-uuid", "1", "..%2F..%2Fetc%2Fpasswd", "' OR 1=1 --"],
    ids=["word", "integer", "traversal", "sql"],
)
def test_a_malformed_note_id_is_refused(
    client: Client, user: Account, note_id: str
) -> None:
    response = client.get(f"{API}/notes/{note_id}", headers=user.headers)

    assert response.status_code in {404, 422}
    assert response.headers["content-type"] == "application/problem+json"
    assert "'" not in response.text
    assert "OR 1=1" not in response.text


def test_reports_summarise_the_callers_notes(client: Client, user: Account) -> None:
    _create(client, user, body="12345")

    response = client.post(f"{API}/reports", json={}, headers=user.headers)

    assert response.status_code == 200
    assert response.json()["note_count"] == 1
    assert response.json()["total_characters"] == len("12345")


def test_a_body_that_grows_past_the_cap_when_cleaned_is_refused(
    client: Client, user: Account
) -> None:
    body = {"title": "t", "body": "<a>" * 6600}

    response = client.post(f"{API}/notes", json=body, headers=user.headers)

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "body"]


def test_an_over_large_page_is_reported_against_the_query(
    client: Client, user: Account
) -> None:
    response = client.get(f"{API}/notes", params={"limit": 101}, headers=user.headers)

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "limit"]
