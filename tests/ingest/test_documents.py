"""Inputs of `fundwatch extract`: which records are accepted and the messages for bad ones."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingest.documents import BadDocument, article_from_record, looks_like_html, published_from


@pytest.mark.parametrize(
    ("record", "message"),
    [
        pytest.param({"id": 1}, 'needs "text", or "html"', id="no-body"),
        pytest.param({"id": 1, "text": 5}, '"text" must be a string', id="text-not-string"),
        pytest.param({"id": 1, "text": "x", "published": "5 March"}, "not a date", id="bad-date"),
        pytest.param({"id": 1, "html": ["<p>"], "url": "u"}, '"html" must be a string', id="html-not-string"),
    ],
)
def test_bad_records_say_why(record: dict[str, object], message: str) -> None:
    with pytest.raises(BadDocument, match=message):
        article_from_record(record)


def test_text_record_keeps_text_and_date() -> None:
    a = article_from_record({"id": "a", "text": " Acme raised $5M. ", "published": "2024-03-05"})
    assert a.text == "Acme raised $5M."
    assert a.published_at == datetime(2024, 3, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2024-03-05T10:00:00+08:00", datetime(2024, 3, 5, 2, tzinfo=UTC), id="offset-to-utc"),
        pytest.param("2024-03-05T10:00:00", datetime(2024, 3, 5, 10, tzinfo=UTC), id="naive-is-utc"),
        pytest.param(None, None, id="absent"),
    ],
)
def test_published_from(value: str | None, expected: datetime | None) -> None:
    assert published_from(value) == expected


def test_looks_like_html() -> None:
    assert looks_like_html(b"\n <html>") and not looks_like_html(b"plain <b> later")


def test_binary_files_are_refused_and_text_files_decoded() -> None:
    from ingest.documents import article_from_bytes

    with pytest.raises(BadDocument, match="binary"):
        article_from_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "file:///x.pdf", None)
    with pytest.raises(BadDocument, match="binary"):
        article_from_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(32)) * 8, "file:///x.bin", None)
    gbk = "字节跳动完成5000万元A轮融资。".encode("gb18030")
    assert "字节跳动" in article_from_bytes(gbk, "file:///x.txt", None).text
