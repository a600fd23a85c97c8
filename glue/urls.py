"""MkDocs' URL rule with `use_directory_urls: true`, which the package is handed instead of knowing it."""

from __future__ import annotations


def directory_url(source: str) -> str:
    """The URL of a source page: `a/index.md` -> `a/`, `a/b.md` -> `a/b/`, `index.md` -> `` (the root)."""
    stem = source[: -len(".md")] if source.endswith(".md") else source
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"
