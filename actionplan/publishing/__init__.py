"""Putting a checked build in place on the web server: the publish command, the atomic folder swap, the documents process."""
