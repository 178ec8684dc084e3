"""The FastAPI adapter: the only package that imports the web framework."""
