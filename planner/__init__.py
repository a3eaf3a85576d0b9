"""The corrective exercise planner.

One package per stage of the loop (see README, "Layout"); the app factory
is `planner.app.create_app`. This file imports nothing, so importing any
part of the planner never drags in the web layer."""
