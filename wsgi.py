"""WSGI entry point for production servers: `gunicorn wsgi:app`."""
from planner import create_app

app = create_app()
