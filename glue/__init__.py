"""MkDocs, Python-Markdown, Material and mkdocs-macros specifics: everything a move to another generator rewrites."""
