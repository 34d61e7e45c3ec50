#!/usr/bin/env python3
"""Stands for a member opening their e-mail in the clients' journeys: prints the token of the
last e-mail to an address whose link contains a path, read from the outbox of the server's
SQLite database ($MARCOTTAGE_DATABASE_URL, set by scripts/with-server.sh). Sent e-mails stay in
the outbox, as the API tests read them (tests/tests/api/helpers.rs).

    mailbox.py <address> <path>      e.g. mailbox.py awa@example.sn verify-email
"""

import json
import os
import re
import sqlite3
import sys
import time


def token(address: str, path: str, timeout: float = 10.0) -> str:
    url = os.environ["MARCOTTAGE_DATABASE_URL"]
    database = re.sub(r"^sqlite://", "", url).split("?")[0]
    deadline = time.monotonic() + timeout
    while True:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
            rows = connection.execute("SELECT payload FROM outbox ORDER BY created_at").fetchall()
        bodies = [
            email["body"]
            for email in (json.loads(payload) for (payload,) in rows)
            if email.get("to") == address and path in email.get("body", "")
        ]
        if bodies:
            found = re.search(r"token=([0-9a-f]+)", bodies[-1])
            if found:
                return found.group(1)
        if time.monotonic() > deadline:
            raise SystemExit(f"mailbox: no e-mail to {address} with a {path} link")
        time.sleep(0.1)


if __name__ == "__main__":
    print(token(sys.argv[1], sys.argv[2]))
