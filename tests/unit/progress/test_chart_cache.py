"""The charts a report page drew, kept on disk for its image requests: by
content, per client, for a while, and then gone."""
from __future__ import annotations

import os
import time

from planner.progress.chart_cache import ChartCache


def test_a_chart_kept_is_found_by_its_key_for_its_client_only(tmp_path):
    cache = ChartCache(tmp_path / "charts")
    key = cache.put(7, "pain", "<svg>seven</svg>")
    assert cache.get(7, "pain", key) == "<svg>seven</svg>"
    assert cache.get(8, "pain", key) is None and cache.get(7, "grades", key) is None
    assert cache.put(7, "pain", "<svg>seven</svg>") == key
    assert cache.put(7, "pain", "<svg>changed</svg>") != key


def test_keys_that_are_not_hashes_find_nothing(tmp_path):
    cache = ChartCache(tmp_path)
    cache.put(7, "pain", "<svg/>")
    for key in (None, "", "../secret_key", "0" * 31, "Z" * 32):
        assert cache.get(7, "pain", key) is None


def test_charts_are_private_and_expire(tmp_path):
    directory = tmp_path / "charts"
    cache = ChartCache(directory, max_age=60)
    key = cache.put(7, "pain", "<svg>old</svg>")
    (path,) = directory.iterdir()
    assert path.stat().st_mode & 0o077 == 0 and directory.stat().st_mode & 0o077 == 0
    long_ago = time.time() - 120
    os.utime(path, (long_ago, long_ago))
    assert cache.get(7, "pain", key) is None
    # The next chart kept sweeps the old one away (a fresh cache has never swept).
    ChartCache(directory, max_age=60).put(8, "pain", "<svg>new</svg>")
    assert not path.exists() and len(list(directory.iterdir())) == 1
