"""Sphinx configuration: MyST Markdown pages with the furo theme (`make docs`)."""

project = "shared_responsibility"
author = "The shared_responsibility developers"
extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown"}
html_theme = "furo"
exclude_patterns = ["_build"]
autodoc_member_order = "bysource"
nitpicky = False
