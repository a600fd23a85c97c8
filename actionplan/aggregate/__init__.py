"""The loaded plan as indexed values, and the counts and groupings the pages show."""
