#!/usr/bin/env python3
"""Fails when a code block of docs/integrations.md marked `<!-- from PATH -->` is not, verbatim,
part of PATH: the examples integrators copy are the code the clients' journeys run."""

import re
import sys
from pathlib import Path

root = Path(__file__).resolve().parents[2]
page = (root / "docs/integrations.md").read_text()
blocks = re.findall(r"<!-- from (\S+) -->\n```\w*\n(.*?)```", page, re.S)
stale = [path for path, code in blocks if code not in (root / path).read_text()]
for path in stale:
    print(f"check-docs: an example of docs/integrations.md is not in {path}", file=sys.stderr)
if stale or not blocks:
    sys.exit(1)
print(f"check-docs: the {len(blocks)} examples of docs/integrations.md are in the journeys")
