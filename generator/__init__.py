"""Prongsai: the official anti-corruption plan documents of a Thai local government, from structured data."""

__version__ = "0.1.0"
