"""Pure domain rules shared by the sync endpoint: money, fees, phones, ids.

Everything here is integer arithmetic on whole rupiah and thousandths of a base unit, with no I/O, no
clock and no database, so the C++ core and this module can be checked against the same JSON fixtures
(tests/fixtures/core/*.json). Expected failures are returned as values: a function answers either a result
or a `Problem(code, message, field)`, never raises for bad input.
"""

import re
from dataclasses import dataclass
from typing import Optional

AVAILABILITY_VALUES = ("tersedia", "terbatas", "habis")
UNITS = ("kg", "liter", "piece")
DELIVERY_METHODS = ("pickup", "coop_courier", "ojek", "stall")
SUBSTITUTIONS = ("similar", "cancel", "contact")
PAYMENTS = ("cod", "qris", "transfer")

# Quantities beyond these are "absurd" for one order line at a market stall (200 kg of chilli, 500 pieces).
MAX_QTY_MILLI_BY_UNIT = {"kg": 200_000, "liter": 200_000, "piece": 500_000}
MAX_PRICE_RP = 100_000_000  # per base unit; nothing sold at a stall costs more than Rp100.000.000 per kg
MAX_LINES_PER_ORDER = 100

CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ORDER_ID_RE = re.compile(r"^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{12}$")
ORDER_SECRET_RE = re.compile(r"^[0-9a-f]{32}$")
CLIENT_ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MUTATION_KEY_RE = re.compile(r"^[A-Za-z0-9_.:-]{8,100}$")
PHONE_STRIP_RE = re.compile(r"[\s\-()]")
PHONE_NATIONAL_RE = re.compile(r"^8[1-9][0-9]{7,10}$")


@dataclass
class Problem:
    """A rejected input: a stable snake_case code, a sentence for people, the JSON path at fault."""
    code: str
    message: str
    field: Optional[str] = None

    def ToJson(self) -> dict:
        out = {"code": self.code, "message": self.message}
        if self.field:
            out["field"] = self.field
        return out


def IsInt(value) -> bool:
    """JSON integers only: Python's bool is an int subclass and must not pass as a number."""
    return isinstance(value, int) and not isinstance(value, bool)


def ComputeLineTotalRp(price_rp: int, qty_milli: int) -> int:
    """price_rp per base unit times qty_milli thousandths, rounded half up to whole rupiah (both >= 0)."""
    return (price_rp * qty_milli + 500) // 1000


def NormalizePhone(text) -> Optional[str]:
    """Indonesian mobile number in any everyday shape -> '+628...', or None when the shape is wrong.

    Strips spaces, dashes and brackets, maps a leading '+62', '62' or '0' away, then requires 8, a digit
    1-9 and 7 to 10 more digits. Only the shape is checked: numbers move between operators.
    """
    if not isinstance(text, str) or len(text) > 32:
        return None
    digits = PHONE_STRIP_RE.sub("", text)
    if digits.startswith("+62"):
        digits = digits[3:]
    elif digits.startswith("62"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    else:
        return None
    if not PHONE_NATIONAL_RE.match(digits):
        return None
    return "+62" + digits


def FindDeliveryMethod(delivery: dict, method: str) -> Optional[dict]:
    for entry in delivery.get("methods", []):
        if entry.get("method") == method:
            return entry
    return None


def ComputeRuleFeeRp(fee_rule: dict, distance_m: int):
    """Fee of one rule at a road distance: (fee_rp, None) or (None, Problem) when not deliverable."""
    kind = fee_rule.get("kind")
    if kind == "flat":
        return fee_rule["fee_rp"], None
    if kind == "min_plus_per_km":
        beyond_m = distance_m - fee_rule["min_distance_m"]
        if beyond_m <= 0:
            return fee_rule["min_fee_rp"], None
        started_km = (beyond_m + 999) // 1000
        return fee_rule["min_fee_rp"] + started_km * fee_rule["per_km_rp"], None
    if kind == "zones":
        for zone in fee_rule["zones"]:
            if zone["max_distance_m"] >= distance_m:
                return zone["fee_rp"], None
        return None, Problem("not_deliverable", "the address is beyond the last delivery zone of this market",
                             "args.delivery.area_id")
    return None, Problem("bad_fee_rule", "the market has an unknown fee rule kind %r" % (kind,))


def ComputeDeliveryFeeRp(delivery: dict, method: str, distance_m: Optional[int], subtotal_rp: int):
    """Delivery fee of an order: (fee_rp, None) or (None, Problem).

    `delivery` is a market's `delivery` object from the catalogue. Pickup needs no distance. Beyond the
    market's max_distance_m (when > 0) nothing is deliverable. `free_above_rp` > 0 makes the fee 0 when the
    goods subtotal reaches it.
    """
    entry = FindDeliveryMethod(delivery, method)
    if entry is None:
        return None, Problem("unknown_delivery_method", "this market does not offer delivery method %r" % (method,),
                             "args.delivery.method")
    if method == "pickup":
        fee_rp, problem = ComputeRuleFeeRp(entry["fee_rule"], 0)
    else:
        if distance_m is None:
            return None, Problem("unknown_area", "the delivery area is not served by this market",
                                 "args.delivery.area_id")
        max_distance_m = delivery.get("max_distance_m", 0)
        if max_distance_m > 0 and distance_m > max_distance_m:
            return None, Problem("not_deliverable",
                                 "the area is %d m away, beyond this market's %d m delivery radius"
                                 % (distance_m, max_distance_m), "args.delivery.area_id")
        fee_rp, problem = ComputeRuleFeeRp(entry["fee_rule"], distance_m)
    if problem:
        return None, problem
    free_above_rp = delivery.get("free_above_rp", 0)
    if free_above_rp > 0 and subtotal_rp >= free_above_rp:
        fee_rp = 0
    return fee_rp, None


def ValidateFeeRule(rule, path: str) -> Optional[str]:
    """Schema check of a fee_rule at catalogue load; returns an error sentence naming the path, or None."""
    if not isinstance(rule, dict):
        return "%s must be an object" % path
    kind = rule.get("kind")

    def NonNegInt(name):
        return IsInt(rule.get(name)) and rule[name] >= 0

    if kind == "flat":
        return None if NonNegInt("fee_rp") else "%s.fee_rp must be a whole number >= 0" % path
    if kind == "min_plus_per_km":
        for name in ("min_fee_rp", "min_distance_m", "per_km_rp"):
            if not NonNegInt(name):
                return "%s.%s must be a whole number >= 0" % (path, name)
        return None
    if kind == "zones":
        zones = rule.get("zones")
        if not isinstance(zones, list) or not zones:
            return "%s.zones must be a non-empty array" % path
        for i, zone in enumerate(zones):
            if not isinstance(zone, dict):
                return "%s.zones[%d] must be an object" % (path, i)
            for name in ("max_distance_m", "fee_rp"):
                if not (IsInt(zone.get(name)) and zone[name] >= 0):
                    return "%s.zones[%d].%s must be a whole number >= 0" % (path, i, name)
        return None
    return "%s.kind must be flat, min_plus_per_km or zones" % path
