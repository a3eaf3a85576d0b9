"""People: trainers (accounts, sign-in), clients, phone numbers, and
ownership: which rows a trainer may see. Plain Python over the models."""
