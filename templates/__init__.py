"""The built-in templates: shipped as the package `glossator.templates` (pyproject.toml)."""
