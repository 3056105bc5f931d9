"""The bundled demo: a sample news site served locally and the whole pipeline run over it."""
