"""Catalog index: answers product lookups from an in-memory table loaded once per environment."""

CATALOG = {"sku-1": {"name": "Espresso beans", "price": 12.5}}


def lookup(event, _context):
    sku = event.get("sku") if isinstance(event, dict) else None
    item = CATALOG.get(sku)
    return {"found": item is not None, "item": item}
