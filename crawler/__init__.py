"""fundwatch crawler package."""
