"""Background processes: Dramatiq broker and actors, and the scheduler."""
