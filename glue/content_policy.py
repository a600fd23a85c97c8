"""The site's Content-Security-Policy: what a reader's browser may load and run on any page.

Defence in depth behind the check and the sanitiser: should anything an
editor writes still reach a page as markup, the browser runs no script and
starts no worker but the site's own files and the theme's few inline
scripts, named by their hashes, and fetches nothing from another origin.

One policy serves every page (404.html included, at any depth), so the web
server can send it as one static header: the inline scripts' text is the
same on every page (overrides/partials/javascripts/base.html reads the
page's root from an attribute instead of its text). Every page also carries
it as a <meta> element, for a server that sends no header; a <meta> policy
cannot hold frame-ancestors, so that directive is the header's only.

README ("Security") shows the header; a test checks that it is this one and
that these hashes are exactly those of the built site's inline scripts.
"""

from __future__ import annotations

# The inline scripts of every built page, by the SHA-256 of their text:
INLINE_SCRIPTS = {
    # Material's local storage helpers (__md_scope, __md_get, __md_set), with our page-independent scope.
    "overrides/partials/javascripts/base.html": "sha256-OUeh99T1zeI3wH+xD0E54vxT7w+8rYRvf58VW2SGPa4=",
    # Material's: opens the tab or details a #fragment in the address points at.
    "material/partials/javascripts/content.html": "sha256-/8wPdzX9q0NNJXyA5lzsLojXFpkeaXVxhbfkUOQaWy8=",
    # 404.html: finds the site's root from any depth and makes it the page's base.
    "overrides/404.html, the base": "sha256-MQbgw8pLxknEZBLvdacZFSHV8yt0mPRjKGbyM2D1LkA=",
    # 404.html: points the theme's configuration at that root.
    "overrides/404.html, the configuration": "sha256-G7Lx+BSiDTqM87H9H+z8dRKzuH0tGrIikcVhADQg/Pw=",
}

_DIRECTIVES = (
    # Nothing that is not named below: no plugins, frames, fonts or media from anywhere.
    ("default-src", "'none'"),
    ("script-src", " ".join(["'self'", *(f"'{digest}'" for digest in INLINE_SCRIPTS.values())])),
    # The search worker (sv-search.js, which imports Material's) and its index.
    ("worker-src", "'self'"),
    ("connect-src", "'self'"),
    # Style sheets are files; the style attributes of the report page and of aligned table cells are needed.
    ("style-src", "'self'"),
    ("style-src-attr", "'unsafe-inline'"),
    # The status icons (statuser.css, written by the build) are data: SVG images in CSS; an image runs no script.
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("manifest-src", "'self'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("object-src", "'none'"),
)
# Only a header can say who may frame the site.
_HEADER_ONLY = (("frame-ancestors", "'self'"),)


def _policy(directives: tuple[tuple[str, str], ...]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives)


# The <meta http-equiv="Content-Security-Policy"> of every page.
META = _policy(_DIRECTIVES)
# The Content-Security-Policy header the web server sends (README, "Security").
HEADER = _policy(_DIRECTIVES + _HEADER_ONLY)
