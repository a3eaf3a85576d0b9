"""WSGI entry point for production servers: `gunicorn wsgi:app`."""
from planner import create_app, freeze_startup_objects

app = create_app()
freeze_startup_objects()
