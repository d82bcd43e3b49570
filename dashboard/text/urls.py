"""Which links may reach a page: http(s) only, so a ``javascript:`` link never does."""

from __future__ import annotations

from urllib.parse import urlparse


def is_http_url(text: str) -> bool:
    """Whether ``text`` is an http(s) URL with a host and no whitespace."""
    parsed = urlparse(text)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and not any(c.isspace() for c in text)
