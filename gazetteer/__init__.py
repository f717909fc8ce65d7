"""Offline gazetteer of Syrian places: names as written in news -> coordinates and admin units."""
