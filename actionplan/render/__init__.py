"""Pure functions that turn the plan's data into HTML fragments for the pages."""
