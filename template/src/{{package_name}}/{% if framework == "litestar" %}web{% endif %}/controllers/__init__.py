"""Controllers, grouped by resource; app.py decides who may call them."""
