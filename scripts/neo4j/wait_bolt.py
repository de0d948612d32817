"""Wait until a Neo4j server answers on Bolt with the given credentials.

Usage: wait_bolt.py URI USER PASSWORD_FILE TIMEOUT_SECONDS [PID]
Exits 0 once ``RETURN 1`` succeeds; 1 on timeout, on a failed login, or when the
server process PID has died meanwhile (so a crashed start fails at once).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired


def _alive(pid: int | None) -> bool:
    if pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait(uri: str, user: str, password: str, timeout: float, pid: int | None) -> int:
    """Poll the server until it answers; return the process exit code."""
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if not _alive(pid):
            print(f"neo4j-server: the server process {pid} exited during start", file=sys.stderr)
            return 1
        try:
            with GraphDatabase.driver(uri, auth=(user, password), connection_timeout=5) as drv:
                # A plain auto-commit query: no retries, so one refused connection = one poll.
                with drv.session() as session:
                    session.run("RETURN 1").consume()
            return 0
        except AuthError as exc:
            print(f"neo4j-server: {uri} refused the login: {exc.message}", file=sys.stderr)
            return 1
        except (ServiceUnavailable, SessionExpired, OSError) as exc:
            last = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        time.sleep(1.0)
    print(f"neo4j-server: {uri} did not answer within {timeout:.0f}s ({last})", file=sys.stderr)
    return 1


def main(argv: list[str]) -> int:
    """Entry point; see the module docstring."""
    if len(argv) not in (5, 6):
        print(__doc__, file=sys.stderr)
        return 2
    uri, user, password_file, timeout = argv[1], argv[2], argv[3], float(argv[4])
    pid = int(argv[5]) if len(argv) == 6 else None
    password = Path(password_file).read_text(encoding="utf-8").strip()
    return wait(uri, user, password, timeout, pid)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
