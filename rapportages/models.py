"""No models yet: the report reads the other apps' data and stores nothing of its own."""
