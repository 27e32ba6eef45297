"""One module per CLI verb; each is a plain function the click layer calls."""
