"""Reading the editors files: YAML nodes, front matter, the vocabulary and the measure pages."""
