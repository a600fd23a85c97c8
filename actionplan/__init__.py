"""The action plan against segregation: its data model, loading, validation and rendering.

This package never imports MkDocs, so that only the glue (`macros.py`,
`hooks.py`) would change if the site moved to another generator.
"""
