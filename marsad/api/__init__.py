"""The REST API and dashboard server (``marsad serve``)."""
from marsad.api.app import Settings, create_app

__all__ = ["Settings", "create_app"]
