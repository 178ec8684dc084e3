"""The Flask adapter: the only package that imports the web framework."""
