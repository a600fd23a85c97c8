"""Make the edit links' repository address safe to print into pages.

`repo_url` and `edit_uri` usually come from environment variables
(`ATGARDSPLAN_REPO_URL`, `ATGARDSPLAN_EDIT_URI`) and the theme prints them,
and the repository name derived from them, into every page without
escaping. Characters that a URL never holds literally are percent-encoded,
the name is HTML-escaped, and an address that is not a web address is
refused with a Swedish line.
"""

from __future__ import annotations

import html
from urllib.parse import quote, urlsplit

# Characters a URL may hold as they are (RFC 3986 reserved and unreserved, and %
# for what is already encoded). Not ' " < > ` \ { } | ^ or white space.
_URL_SAFE = "/:?#[]@!$&()*+,;=%~-._"


class UnsafeRepoLink(ValueError):
    """The repository address cannot be used for edit links; the message is Swedish."""


def safe_url(url: str) -> str:
    """`url` with every character outside URL syntax percent-encoded."""
    return quote(url, safe=_URL_SAFE)


def check_repo_url(url: str) -> str:
    """The encoded repository address, or UnsafeRepoLink if it is not an http(s) address."""
    encoded = safe_url(url.strip())
    parts = urlsplit(encoded)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise UnsafeRepoLink(
            f"ATGARDSPLAN_REPO_URL (repo_url i mkdocs.yml): {url!r} är ingen webbadress. "
            "Skriv hela adressen till projektet på git-servern, till exempel https://git.example.se/grupp/atgardsplan."
        )
    return encoded


def safe_name(name: str) -> str:
    """The repository name as the theme may print it (HTML-escaped once)."""
    return html.escape(name, quote=True)
