"""Archives edited by the tests: an older format, a reference changed."""

import json
import zipfile


def archive_rewrite(source_path, target_path, *, manifest_edit, keep=lambda name: True):
    """A copy of the archive at ``source_path`` whose manifest ``manifest_edit(manifest)``
    changes in place, holding only the members ``keep(name)`` accepts."""
    with zipfile.ZipFile(source_path) as source, zipfile.ZipFile(target_path, "w") as target:
        for name in source.namelist():
            if not keep(name):
                continue
            content = source.read(name)
            if name == "manifest.json":
                manifest = json.loads(content)
                manifest_edit(manifest)
                content = json.dumps(manifest)
            target.writestr(name, content)
    return target_path
