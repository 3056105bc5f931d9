"""fundwatch scheduler package."""
