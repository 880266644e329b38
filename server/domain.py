"""Pure domain rules shared by the sync endpoint: money, fees, phones, ids.

Everything here is integer arithmetic on whole rupiah and thousandths of a base unit, with no I/O, no
clock (except today_wib() without an argument, which asks server/clock.py) and no database, so the C++
core and this module are checked against the same JSON fixtures (tests/fixtures/core/{fees,line_totals,
phones}.json) and use the same error codes. Expected failures are
returned as values: a function answers (result, None) or (None, error code), never raises for bad input.
"""

import datetime
import hashlib
import json
import os
import re
from dataclasses import dataclass
from typing import Optional

AVAILABILITY_VALUES = ("tersedia", "terbatas", "habis")
UNITS = ("kg", "liter", "piece")
DELIVERY_METHODS = ("pickup", "coop_courier", "ojek", "stall")
SUBSTITUTIONS = ("similar", "cancel", "contact")
PAYMENTS = ("cod", "qris", "transfer")

LIMITS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "limits.json")


def load_limits(path: str = LIMITS_PATH) -> dict:
    """The order limits the phone and this server share (assets/limits.json, embedded by the C++ build).
    A missing key or a value of the wrong kind stops the server at start with the key named."""
    with open(path, encoding="utf-8") as f:
        limits = json.load(f)
    by_unit = limits.get("max_qty_milli_by_unit")
    if not isinstance(by_unit, dict) or set(by_unit) != set(UNITS) or not all(
            is_int(v) and v > 0 for v in by_unit.values()):
        raise ValueError("%s: max_qty_milli_by_unit must give a whole number > 0 for each of %s"
                         % (path, ", ".join(UNITS)))
    for key in ("max_price_rp", "max_lines_per_order", "max_note_chars", "max_buyer_name_chars",
                "max_address_chars", "max_landmark_chars", "max_reason_chars"):
        if not (is_int(limits.get(key)) and limits[key] > 0):
            raise ValueError("%s: %s must be a whole number > 0" % (path, key))
    return limits


# WIB (UTC+7), Lampung's time zone: the server's only idea of "today" (price dates, catalogue labels,
# the market day that "harga hari ini sama" and missed orders are counted in). A market day runs from
# 00:00 to 24:00 WIB; this is the one place that says so.
WIB = datetime.timezone(datetime.timedelta(hours=7))


def market_day_wib(epoch_s: float) -> str:
    """The market day (YYYY-MM-DD in WIB) that the instant epoch_s falls in."""
    return datetime.datetime.fromtimestamp(epoch_s, WIB).strftime("%Y-%m-%d")


def market_day_end_s(epoch_s: float) -> int:
    """The instant the market day of epoch_s ends (the next 00:00 WIB), in epoch seconds."""
    day = datetime.datetime.fromtimestamp(epoch_s, WIB).date() + datetime.timedelta(days=1)
    return int(datetime.datetime(day.year, day.month, day.day, tzinfo=WIB).timestamp())


HHMM_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def order_market_day(epoch_s: float, order_cutoff: Optional[str]) -> str:
    """The market day an order placed at epoch_s is for: its WIB date, or the next date when the clock in
    Lampung is at or past the market's `order_cutoff` ("HH:MM"; none: never). An order at 23:59 after a
    15:00 cut-off and one at 00:01 are both for the same next day."""
    moment = datetime.datetime.fromtimestamp(epoch_s, WIB)
    if isinstance(order_cutoff, str) and HHMM_RE.match(order_cutoff) and moment.strftime("%H:%M") >= order_cutoff:
        moment += datetime.timedelta(days=1)
    return moment.strftime("%Y-%m-%d")


def market_day_start_s(day: str) -> int:
    """00:00 WIB of a market day (YYYY-MM-DD), in epoch seconds."""
    date = datetime.date.fromisoformat(day)
    return int(datetime.datetime(date.year, date.month, date.day, tzinfo=WIB).timestamp())


def today_wib(now: Optional[datetime.datetime] = None) -> str:
    """Today's date in Lampung as YYYY-MM-DD (the price_date a change made now carries), by the server's
    clock (server/clock.py) unless `now` is given."""
    if now is not None:
        return now.astimezone(WIB).strftime("%Y-%m-%d")
    from .clock import now as clock_now  # the clock is the only I/O this answer needs
    return market_day_wib(clock_now())


def sha256_hex(text: str) -> str:
    """The SHA-256 of a UTF-8 string as hex: how tokens and order secrets are stored."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ORDER_ID_RE = re.compile(r"^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{12}$")
ORDER_SECRET_RE = re.compile(r"^[0-9a-f]{32}$")
CLIENT_ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MUTATION_KEY_RE = re.compile(r"^[A-Za-z0-9_.:-]{8,100}$")


@dataclass
class Problem:
    """A rejected input: a stable snake_case code, a sentence for people, the JSON path at fault."""
    code: str
    message: str
    field: Optional[str] = None

    def to_json(self) -> dict:
        out = {"code": self.code, "message": self.message}
        if self.field:
            out["field"] = self.field
        return out


def is_int(value) -> bool:
    """JSON integers only: Python's bool is an int subclass and must not pass as a number."""
    return isinstance(value, int) and not isinstance(value, bool)


INT64_MAX = 2 ** 63 - 1

LIMITS = load_limits()
# Quantities beyond these are "absurd" for one order line at a market stall (200 kg of chilli, 500 pieces).
MAX_QTY_MILLI_BY_UNIT = dict(LIMITS["max_qty_milli_by_unit"])
MAX_PRICE_RP = LIMITS["max_price_rp"]  # per base unit
MAX_LINES_PER_ORDER = LIMITS["max_lines_per_order"]
MAX_NOTE_CHARS = LIMITS["max_note_chars"]
MAX_BUYER_NAME_CHARS = LIMITS["max_buyer_name_chars"]
MAX_ADDRESS_CHARS = LIMITS["max_address_chars"]
MAX_LANDMARK_CHARS = LIMITS["max_landmark_chars"]
MAX_REASON_CHARS = LIMITS["max_reason_chars"]


def compute_line_total_rp(price_rp: int, qty_milli: int) -> int:
    """price_rp per base unit times qty_milli thousandths, rounded half up to whole rupiah (both >= 0)."""
    return (price_rp * qty_milli + 500) // 1000


def checked_line_total_rp(price_rp: int, qty_milli: int):
    """(total, None) or (None, 'invalid_input' | 'overflow'), as the C++ core answers: negative inputs are
    invalid, a result beyond int64 overflows (tests/fixtures/core/line_totals.json)."""
    if price_rp < 0 or qty_milli < 0:
        return None, "invalid_input"
    total = compute_line_total_rp(price_rp, qty_milli)
    if total > INT64_MAX:
        return None, "overflow"
    return total, None


def normalize_phone(text):
    """Indonesian mobile number in any everyday shape -> ('+628...', None) or (None, error code).

    Same steps and codes as the C++ core (tests/fixtures/core/phones.json): spaces, tabs, dashes and
    brackets are dropped, one leading '+' is allowed, anything else is `bad_character`; nothing left is
    `empty`; '+62', '62' or '0' must lead (`bad_prefix`), a trunk 0 after the country code ('+62 (0)812')
    is dropped; then 8, a digit 1-9 (`bad_prefix`) and 7 to 10 more digits (`too_short`, `too_long`).
    Only the shape is checked: numbers move between operators.
    """
    if not isinstance(text, str):
        return None, "empty"
    digits, plus = [], False
    for ch in text:
        if ch in " \t-()":
            continue
        if ch == "+" and not digits and not plus:
            plus = True
            continue
        if not "0" <= ch <= "9":
            return None, "bad_character"
        digits.append(ch)
    digits = "".join(digits)
    if not digits and not plus:
        return None, "empty"
    country = digits.startswith("62")
    if plus and not country:
        return None, "bad_prefix"
    if country:
        rest = digits[2:]
    elif digits.startswith("0"):
        rest = digits[1:]
    else:
        return None, "bad_prefix"
    if country and rest.startswith("08"):
        rest = rest[1:]
    if not rest.startswith("8"):
        return None, "bad_prefix"
    if len(rest) < 2:
        return None, "too_short"
    if rest[1] == "0":
        return None, "bad_prefix"
    if len(rest) < 9:
        return None, "too_short"
    if len(rest) > 12:
        return None, "too_long"
    return "+62" + rest, None


def find_delivery_method(delivery: dict, method: str) -> Optional[dict]:
    for entry in delivery.get("methods", []):
        if entry.get("method") == method:
            return entry
    return None


def compute_rule_fee_rp(fee_rule: dict, distance_m: int):
    """Fee of one rule at a road distance: (fee_rp, None) or (None, 'outside_zones')."""
    kind = fee_rule.get("kind")
    if kind == "flat":
        return fee_rule["fee_rp"], None
    if kind == "min_plus_per_km":
        beyond_m = distance_m - fee_rule["min_distance_m"]
        if beyond_m <= 0:
            return fee_rule["min_fee_rp"], None
        started_km = (beyond_m + 999) // 1000
        return fee_rule["min_fee_rp"] + started_km * fee_rule["per_km_rp"], None
    for zone in fee_rule["zones"]:
        if zone["max_distance_m"] >= distance_m:
            return zone["fee_rp"], None
    return None, "outside_zones"


def compute_delivery_fee_rp(delivery: dict, method: str, distance_m: int, subtotal_rp: int):
    """Delivery fee of an order: (fee_rp, None) or (None, error code).

    `delivery` is a market's `delivery` object from the catalogue. The checks run in the C++ core's order
    so both sides name the same error (tests/fixtures/core/fees.json):
      method_not_offered -> invalid_input (negative distance or subtotal) -> pickup: below_min_order only
      when `pickup_min_order` is true, then its own rule, nothing else applies -> too_far (distance_m >
      max_distance_m) -> below_min_order -> the rule (zones may say outside_zones) -> free_above_rp > 0
      and subtotal_rp >= free_above_rp makes the fee 0.
    """
    entry = find_delivery_method(delivery, method)
    if entry is None:
        return None, "method_not_offered"
    if distance_m < 0 or subtotal_rp < 0:
        return None, "invalid_input"
    if method == "pickup":
        if delivery.get("pickup_min_order") is True and subtotal_rp < delivery.get("min_order_rp", 0):
            return None, "below_min_order"
        return compute_rule_fee_rp(entry["fee_rule"], 0)
    if distance_m > delivery.get("max_distance_m", 0):
        return None, "too_far"
    if subtotal_rp < delivery.get("min_order_rp", 0):
        return None, "below_min_order"
    fee_rp, error = compute_rule_fee_rp(entry["fee_rule"], distance_m)
    if error:
        return None, error
    free_above_rp = delivery.get("free_above_rp", 0)
    if free_above_rp > 0 and subtotal_rp >= free_above_rp:
        fee_rp = 0
    return fee_rp, None


def validate_fee_rule(rule, path: str) -> Optional[str]:
    """Schema check of a fee_rule at catalogue load; returns an error sentence naming the path, or None."""
    if not isinstance(rule, dict):
        return "%s must be an object" % path
    kind = rule.get("kind")

    def non_neg_int(name):
        return is_int(rule.get(name)) and rule[name] >= 0

    if kind == "flat":
        return None if non_neg_int("fee_rp") else "%s.fee_rp must be a whole number >= 0" % path
    if kind == "min_plus_per_km":
        for name in ("min_fee_rp", "min_distance_m", "per_km_rp"):
            if not non_neg_int(name):
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
                if not (is_int(zone.get(name)) and zone[name] >= 0):
                    return "%s.zones[%d].%s must be a whole number >= 0" % (path, i, name)
        return None
    return "%s.kind must be flat, min_plus_per_km or zones" % path
