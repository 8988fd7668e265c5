"""Django's PostgreSQL backend, each request's health check made without a query.

Django checks a persistent connection before its first use in each request
(``CONN_HEALTH_CHECKS``) by running ``SELECT 1``: a round trip, and a wake-up
of the server's process, on every request. A connection the server has
closed (a restart, a terminated backend, an idle timeout) has something to
read while it is idle: the server's last message or the end of the stream.
So an idle connection with nothing to read is usable, and one with anything
to read is not (then Django connects again). A connection inside a
transaction is checked as Django checks it.

Written by hand: Django's check is a query, and psycopg's pool checks with
one too (``ConnectionPool.check_connection``).
"""

import select

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed:
            return False
        if connection.info.transaction_status != TransactionStatus.IDLE:
            return bool(super().is_usable())
        try:
            readable, _, _ = select.select([connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable
