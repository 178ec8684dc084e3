"""Use cases as plain functions: they take a database session and the runtime,
and raise domain errors. No web framework is imported below this package."""
