"""A whole stack started for a test module or session, and what its logs say if it broke."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from bot.ops.settings import Settings
from bot.ops.supervisor import Stack


@contextmanager
def running_stack(settings: Settings, timeout: float = 300) -> Iterator[Stack]:
    stack = Stack(settings)
    stack.start()
    try:
        stack.wait_healthy(timeout=timeout)
        yield stack
    finally:
        stack.stop()
        for service in stack.services.values():
            log = service.log_path.read_text(errors="replace") if service.log_path.exists() else ""
            if "Traceback" in log:
                print(f"--- {service.name} log ---\n{log[-3000:]}", file=sys.stderr)
