"""Routers, grouped by who may call them."""
