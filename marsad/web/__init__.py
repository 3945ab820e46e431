"""The dashboard: static assets served by ``marsad serve`` (built from web/ by ``make web``)."""
