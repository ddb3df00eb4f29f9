"""The WSGI entry point gunicorn loads: the production settings, and the loaded project
kept out of the garbage collector's full collections (``settings.process``)."""

import os
import subprocess
import sys

from tests.production.test_check_deploy import ROOT, example_environment

PROBE = ("import gc, settings.wsgi as w; "
         "print(callable(w.application), gc.get_freeze_count(), len(gc.get_objects()))")


def test_the_served_process_freezes_what_loading_the_project_made():
    base = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env={**base, **example_environment()},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    is_callable, frozen, still_tracked = done.stdout.split()
    assert is_callable == "True"
    # Django, Wagtail and the project's modules: well over 50k objects, none left for a
    # full collection to walk but what the probe itself made since.
    assert int(frozen) > 50_000 and int(still_tracked) < int(frozen) // 10, done.stdout
