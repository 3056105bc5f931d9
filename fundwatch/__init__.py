"""fundwatch: the CLI, settings and the bundled demo that tie the packages together."""
