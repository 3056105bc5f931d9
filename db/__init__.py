"""fundwatch db package."""
