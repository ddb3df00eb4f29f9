"""Varnish in front of the portals: its configuration (``deploy/varnish/default.vcl``).

Wagtail's purge backend is configured by ``settings.frontend_cache`` (issue #24:
settings import no app)."""

import re
from pathlib import Path

VCL_PATH = Path(__file__).resolve().parent.parent / "deploy" / "varnish" / "default.vcl"


def vcl_for_backend(*, host: str, port: int, vcl: str | None = None) -> str:
    """``deploy/varnish/default.vcl`` with its backend pointed at ``host``:``port``."""
    text = VCL_PATH.read_text() if vcl is None else vcl
    block = re.search(r"backend default \{.*?\n\}", text, re.S)
    backend = re.sub(r'\.host = "[^"]*";', f'.host = "{host}";', block.group(0))
    backend = re.sub(r'\.port = "[^"]*";', f'.port = "{port}";', backend)
    return text[: block.start()] + backend + text[block.end():]
