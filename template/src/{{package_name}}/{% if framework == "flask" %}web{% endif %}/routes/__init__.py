"""Blueprints, grouped by who may call them."""
