"""A free loopback port for tests that start a real server."""

import random
import socket

import pytest


def free_port(ports: range) -> int:
    """A free port from ``ports``, tried in random order: parallel runs (SQLite and PostgreSQL) must not collide."""
    candidates = list(ports)
    random.shuffle(candidates)
    for port in candidates:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip(f"no free port in {ports.start}-{ports.stop - 1}")
