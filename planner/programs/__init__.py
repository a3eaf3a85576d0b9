"""Programs: the generator and its rules (dosage, progression, session
packing, exercise choice, rationale), the calendar of sessions, storing a
generated program and the trainer's edits. The generator modules are pure
functions over plain data; `store` and `edits` read and write the models."""
