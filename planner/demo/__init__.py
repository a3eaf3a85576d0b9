"""The demo practice's clients and their weeks of history (`planner demo
seed`), made through the same domain functions as real use, so that the
dashboard, the reports and the charts have something true to show on a
first run."""
