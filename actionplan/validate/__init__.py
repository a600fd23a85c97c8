"""Checks across the whole plan, made once every file has been read."""
