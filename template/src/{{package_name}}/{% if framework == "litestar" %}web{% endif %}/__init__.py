"""The Litestar adapter: the only package that imports the web framework."""
