"""Putting a checked build in place on the web server: publish, the atomic folder swap, the documents process."""
