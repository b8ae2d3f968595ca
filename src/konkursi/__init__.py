"""konkursi: Latvian grant-call announcement sites from YAML records."""

__version__ = "0.1.0"
