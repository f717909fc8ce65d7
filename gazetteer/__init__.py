"""Offline gazetteer of Syrian places: names as written in news -> coordinates and admin units.

    from gazetteer import Gazetteer, Context
    gz = Gazetteer.default()
    gz.resolve("Duma").place.admin1   # "Rif Dimashq"
"""

from gazetteer.context import Context, context_from_text
from gazetteer.gazetteer import Gazetteer, bundled_places
from gazetteer.records import Candidate, Place, Resolution

__all__ = ["Candidate", "Context", "Gazetteer", "Place", "Resolution", "bundled_places", "context_from_text"]
