"""A free port on the loopback address, for a server a test starts: never a
fixed one, which another run on the same machine may hold (a request would
then reach that run's server and its database)."""

import socket


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
