"""Security primitives: no web framework is imported below this package."""
