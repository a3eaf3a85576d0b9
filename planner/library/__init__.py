"""The library's data files and their loader."""
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
