"""Fraud score: a weighted sum of simple risk signals, between 0 and 1."""

WEIGHTS = {"new_card": 0.4, "foreign_ip": 0.3, "high_amount": 0.3}


def score(event, _context):
    signals = event.get("signals", {}) if isinstance(event, dict) else {}
    risk = sum(weight for name, weight in WEIGHTS.items() if signals.get(name))
    return {"score": round(min(risk, 1.0), 2)}
