"""Alembic migrations, shipped inside the package so `migrate` finds them."""
