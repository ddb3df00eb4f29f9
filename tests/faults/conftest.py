"""Fixtures of the fault tests (issue #9 item 4): the real services behind a FaultProxy.

Each test needs one real service (PostgreSQL, OpenSearch or the S3 server that
./scripts/test starts). Without it the test is skipped on a laptop and FAILS under
CI=true, where a missing service is a broken environment, not a reason to skip.
"""

import os

import pytest

from settings.search import DATABASE_BACKEND
from tests.faults.proxy import FaultProxy


# Tests that are not about the engine keep their pages out of the shared one.
DATABASE_SEARCH = {"default": dict(DATABASE_BACKEND)}


def require_service(variable: str, *, present: bool | None = None) -> None:
    """Skip without the service named by ``variable``, except in CI, where that fails."""
    if present if present is not None else bool(os.environ.get(variable)):
        return
    message = f"{variable} is not set: no real service to inject faults into (./scripts/test starts it)"
    if os.environ.get("CI") in ("true", "1"):
        pytest.fail(f"CI=true: {message}")
    pytest.skip(message)


@pytest.fixture
def fault_proxy():
    """A factory of started proxies, all closed after the test."""
    started = []

    def start(host: str, port: int) -> FaultProxy:
        proxy = FaultProxy(host, port).start()
        started.append(proxy)
        return proxy

    yield start
    for proxy in started:
        proxy.close()
