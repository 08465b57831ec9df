"""The operator's dashboard under /admin: server-rendered pages behind a login."""
