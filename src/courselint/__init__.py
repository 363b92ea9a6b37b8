"""courselint: lint and translate French Markdown courses."""

__version__ = "0.1.0"
