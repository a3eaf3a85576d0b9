"""Assessments: recording what a muscle test and a movement screen found,
and the findings derived from them. Plain Python over the models."""
