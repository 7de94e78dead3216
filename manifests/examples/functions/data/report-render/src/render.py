"""Report rendering: turns rows into a CSV document."""

import csv
import io


def handler(event, _context):
    rows = event.get("rows", []) if isinstance(event, dict) else []
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return {"csv": out.getvalue()}
