"""Caseload: what a trainer sees across their clients: the dashboard's
numbers, who needs attention, the client page's reads, the weekly digest."""
