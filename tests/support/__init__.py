"""Shared test helpers: record factories, the local Nominatim stub, a fake clock."""
