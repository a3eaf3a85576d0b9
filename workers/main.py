"""The worker process's entry module (`planner worker` runs
`dramatiq workers.main`): it builds the app, which configures the broker
from the app's settings, and declares the actors."""
from planner.app import create_app
from workers import tasks  # noqa: F401  (the actors this process runs)
from workers.broker import current

app = create_app()
broker = current()
