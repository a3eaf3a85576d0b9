"""The pure tests stay pure: importing every module under tests/unit loads
neither the app factory, the scheduler process nor a browser. (planner.web's
package imports its blueprints, and through them the models, the broker and
the actors; test_assessment_form.py reads planner.web.assessment_form, so
those are loaded, but no app is built and nothing connects.)"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

UNIT = Path(__file__).resolve().parent
ROOT = UNIT.parents[1]
NOT_FOR_PURE_TESTS = ("planner.app", "workers.scheduler", "playwright")


def test_unit_modules_import_no_app_factory_scheduler_or_browser():
    modules = sorted(".".join(path.relative_to(ROOT).with_suffix("").parts)
                     for path in UNIT.rglob("*.py") if path.name not in ("__init__.py", "conftest.py"))
    code = "".join(f"import {name}\n" for name in modules) + (
        "import sys\n"
        f"print(sorted(name for name in {NOT_FOR_PURE_TESTS!r} if name in sys.modules))\n")
    env = os.environ | {"SECRET_KEY": os.environ.get("SECRET_KEY", "test-secret-key-not-for-production")}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout
