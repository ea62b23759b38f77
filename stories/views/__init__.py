"""Front-end views of the stories app, one module per area (sharing, reading, ...)."""
