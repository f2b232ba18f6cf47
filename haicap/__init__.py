"""Hai Cấp: the command line and the settings shared by ingest, warehouse and app."""
