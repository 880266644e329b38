"""A market's rules, set by its cooperative's staff: delivery methods and fees, minimum order, hours and
order cut-off, pickup point, the cooperative's WhatsApp number (all in the catalogue's market entry), and
the settings only the server needs (the stall answer window, how long a ready order may wait).

RULES REACH EVERY PHONE
  A change of the catalogue part is a new catalogue version; buyers' phones get the market's new entry by
  sync as a `market_rules` op (queries.build_patch). The entry in force before each change is kept
  (market_rule_changes: the change's catalogue seq, its WIB date, the old entry), so an order is judged
  by the rules of the catalogue it cites (`catalog_version`), never by the phone's clock.

ORDERS QUOTED UNDER REPLACED RULES (judge_rules, called by place_order)
  An order citing a catalogue older than the market's latest change is quoted under the rules of that
  older catalogue. If the current rules give the same fee, nothing differs: it is an ordinary order. Else,
  on the WIB date of the first change after its catalogue, it is accepted at the old rules' fee and marked
  `old_rules` for the cooperative to see; from the next day on it is refused `rules_changed` (the phone
  syncs, shows the new fee and the buyer orders again).
"""

import json

from . import clock
from .args import Reject, read_int, read_obj, read_str
from .catalog import market_doc
from .domain import (DELIVERY_METHODS, HHMM_RE, compute_delivery_fee_rp, market_day_wib, normalize_phone,
                     validate_fee_rule)
from .orders import DEFAULT_ANSWER_WINDOW_S, MAX_ANSWER_WINDOW_S, MIN_ANSWER_WINDOW_S

DEFAULT_READY_WAIT_S = 3600
MIN_READY_WAIT_S, MAX_READY_WAIT_S = 10 * 60, 12 * 3600
MAX_PICKUP_POINT_CHARS = 200
MAX_RP = 10_000_000
MAX_DISTANCE_M = 100_000
MAX_ZONES = 10
CATALOG_FIELDS = ("delivery", "hours", "pickup_point", "coop_phone")
SETTING_FIELDS = ("answer_window_s", "ready_wait_s")


def _read_money(obj, name, path):
    return read_int(obj, name, path + "." + name, 0, MAX_RP)


def _read_fee_rule(rule, path):
    if not isinstance(rule, dict):
        raise Reject("invalid_args", "%s must be an object" % path, path)
    kind = rule.get("kind")
    if kind == "flat":
        return {"kind": "flat", "fee_rp": _read_money(rule, "fee_rp", path)}
    if kind == "min_plus_per_km":
        return {"kind": kind, "min_fee_rp": _read_money(rule, "min_fee_rp", path),
                "min_distance_m": read_int(rule, "min_distance_m", path + ".min_distance_m", 0, MAX_DISTANCE_M),
                "per_km_rp": _read_money(rule, "per_km_rp", path)}
    if kind == "zones":
        zones = rule.get("zones")
        if not isinstance(zones, list) or not 1 <= len(zones) <= MAX_ZONES:
            raise Reject("invalid_args", "%s.zones must hold 1 to %d zones" % (path, MAX_ZONES), path + ".zones")
        out, last_m = [], -1
        for i, zone in enumerate(zones):
            zpath = "%s.zones[%d]" % (path, i)
            if not isinstance(zone, dict):
                raise Reject("invalid_args", "%s must be an object" % zpath, zpath)
            max_m = read_int(zone, "max_distance_m", zpath + ".max_distance_m", 0, MAX_DISTANCE_M)
            if max_m <= last_m:
                raise Reject("invalid_fee_rule", "%s.max_distance_m must be farther than the zone before it"
                             % zpath, zpath + ".max_distance_m")
            last_m = max_m
            out.append({"max_distance_m": max_m, "fee_rp": _read_money(zone, "fee_rp", zpath)})
        return {"kind": "zones", "zones": out}
    raise Reject("invalid_fee_rule", "%s.kind must be flat, min_plus_per_km or zones" % path, path + ".kind")


def read_delivery(args, path="args.delivery") -> dict:
    """A whole `delivery` object of the catalogue schema (README "Catalogue schema"), checked field by field."""
    delivery = read_obj(args, "delivery", path)
    methods = delivery.get("methods")
    if not isinstance(methods, list) or not 1 <= len(methods) <= len(DELIVERY_METHODS):
        raise Reject("invalid_args", "%s.methods must hold 1 to %d methods" % (path, len(DELIVERY_METHODS)),
                     path + ".methods")
    out_methods, seen = [], set()
    for i, entry in enumerate(methods):
        mpath = "%s.methods[%d]" % (path, i)
        if not isinstance(entry, dict) or entry.get("method") not in DELIVERY_METHODS:
            raise Reject("invalid_args", "%s.method must be one of %s" % (mpath, ", ".join(DELIVERY_METHODS)),
                         mpath + ".method")
        if entry["method"] in seen:
            raise Reject("method_repeated", "%s.method %r is listed twice" % (mpath, entry["method"]),
                         mpath + ".method")
        seen.add(entry["method"])
        rule = _read_fee_rule(entry.get("fee_rule"), mpath + ".fee_rule")
        problem = validate_fee_rule(rule, mpath + ".fee_rule")  # the catalogue loader's own check, again
        if problem:
            raise Reject("invalid_fee_rule", problem, mpath + ".fee_rule")
        out_methods.append({"method": entry["method"], "fee_rule": rule})
    out = {"methods": out_methods, "min_order_rp": _read_money(delivery, "min_order_rp", path),
           "free_above_rp": _read_money(delivery, "free_above_rp", path),
           "max_distance_m": read_int(delivery, "max_distance_m", path + ".max_distance_m", 0, MAX_DISTANCE_M)}
    pickup_min_order = delivery.get("pickup_min_order", False)
    if not isinstance(pickup_min_order, bool):
        raise Reject("invalid_args", "%s.pickup_min_order must be true or false" % path, path + ".pickup_min_order")
    if pickup_min_order:
        out["pickup_min_order"] = True
    return out


def read_hours(args, path="args.hours") -> dict:
    hours = read_obj(args, "hours", path)
    out = {}
    for name in ("open", "close", "order_cutoff"):
        value = hours.get(name)
        if not isinstance(value, str) or not HHMM_RE.match(value):
            raise Reject("invalid_time", "%s.%s must be a time HH:MM (WIB), e.g. 05:00" % (path, name),
                         "%s.%s" % (path, name))
        out[name] = value
    if not out["open"] < out["close"]:
        raise Reject("invalid_hours", "%s.close must be after %s.open" % (path, path), path + ".close")
    if not out["open"] < out["order_cutoff"] <= out["close"]:
        raise Reject("invalid_hours", "%s.order_cutoff must be after open and at the latest at close" % path,
                     path + ".order_cutoff")
    return out


def read_coop_phone(args, path="args.coop_phone"):
    phone, error = normalize_phone(read_str(args, "coop_phone", path, 40))
    if phone is None:
        raise Reject("invalid_phone", "%s must be an Indonesian mobile number such as 0812-3456-7890 (%s)"
                     % (path, error.replace("_", " ")), path, phone_error=error)
    return phone


def market_settings(conn, market_id) -> dict:
    """The server-only settings: {answer_window_s, ready_wait_s}, defaults where staff set nothing."""
    row = conn.execute("SELECT answer_window_s, ready_wait_s FROM market_settings WHERE market_id=?",
                       (market_id,)).fetchone()
    if row is None:
        return {"answer_window_s": DEFAULT_ANSWER_WINDOW_S, "ready_wait_s": DEFAULT_READY_WAIT_S}
    return {"answer_window_s": row[0], "ready_wait_s": row[1]}


def rules_json(conn, market_id) -> dict:
    """The market's rules as the cooperative's app shows them (the staff read)."""
    market = market_doc(conn, market_id)
    out = {name: market.get(name) for name in CATALOG_FIELDS}
    out.update(market_settings(conn, market_id))
    return out


def set_market_rules(ctx, args):
    """{delivery?, hours?, pickup_point?, coop_phone?, answer_window_s?, ready_wait_s?}: staff of one market
    change any of its rules (at least one; each named one is replaced whole). A change of the catalogue
    part is a new catalogue version and a `market_rules` op; the entry before it is kept for orders quoted
    under it (judge_rules)."""
    account = ctx.account
    if account["kind"] != "staff":
        raise Reject("forbidden", "only the market cooperative sets the market's rules", "args")
    market_id = read_str(args, "market_id", "args.market_id", 80, required=False, default=account["market_id"])
    if market_id != account["market_id"]:
        raise Reject("forbidden", "args.market_id %r is another market; you may change only your own" % market_id,
                     "args.market_id")
    given = [name for name in CATALOG_FIELDS + SETTING_FIELDS if name in args]
    if not given:
        raise Reject("invalid_args", "args must name at least one of %s" % ", ".join(CATALOG_FIELDS + SETTING_FIELDS),
                     "args")
    readers = {"delivery": read_delivery, "hours": read_hours, "coop_phone": read_coop_phone,
               "pickup_point": lambda a: read_str(a, "pickup_point", "args.pickup_point", MAX_PICKUP_POINT_CHARS)}
    new_values = {name: readers[name](args) for name in CATALOG_FIELDS if name in args}
    before = market_settings(ctx.conn, market_id)
    settings = dict(before)
    if "answer_window_s" in args:
        settings["answer_window_s"] = read_int(args, "answer_window_s", "args.answer_window_s",
                                               MIN_ANSWER_WINDOW_S, MAX_ANSWER_WINDOW_S)
    if "ready_wait_s" in args:
        settings["ready_wait_s"] = read_int(args, "ready_wait_s", "args.ready_wait_s", MIN_READY_WAIT_S,
                                            MAX_READY_WAIT_S)
    conn = ctx.conn
    if settings != before:
        conn.execute("INSERT INTO market_settings(market_id, answer_window_s, ready_wait_s) VALUES(?, ?, ?) "
                     "ON CONFLICT(market_id) DO UPDATE SET answer_window_s=excluded.answer_window_s, "
                     "ready_wait_s=excluded.ready_wait_s",
                     (market_id, settings["answer_window_s"], settings["ready_wait_s"]))
    row = conn.execute("SELECT doc FROM markets WHERE id=?", (market_id,)).fetchone()
    market = json.loads(row["doc"])
    changed = {name: value for name, value in new_values.items() if market.get(name) != value}
    if changed:
        seq = ctx.catalog_seq()
        now_ms = clock.now_ms()
        conn.execute("INSERT OR IGNORE INTO market_rule_changes(market_id, seq, changed_at_ms, day, old_doc) "
                     "VALUES(?, ?, ?, ?, ?)", (market_id, seq, now_ms, market_day_wib(now_ms / 1000), row["doc"]))
        market.update(changed)
        conn.execute("UPDATE markets SET doc=?, rules_version=? WHERE id=?",
                     (json.dumps(market, ensure_ascii=False), ctx.versions.get(), market_id))
    changed_settings = [name for name in SETTING_FIELDS if settings[name] != before[name]]
    return {"market_id": market_id, "changed": sorted(changed) + changed_settings,
            **rules_json(conn, market_id)}


def judge_rules(conn, market_id, cited_seq, current_seq, method, distance_m, subtotal_rp):
    """Which rules price this order: (market entry, rules_seq, old_rules). Raises `rules_changed` for an
    order quoted under rules replaced before today (WIB) whose fee the current rules would change."""
    first = conn.execute("SELECT seq, day, old_doc FROM market_rule_changes WHERE market_id=? AND seq > ? "
                         "ORDER BY seq LIMIT 1", (market_id, cited_seq)).fetchone()
    current = market_doc(conn, market_id)
    if first is None:
        return current, current_seq, False
    old = json.loads(first["old_doc"])
    old_fee = compute_delivery_fee_rp(old["delivery"], method, distance_m, subtotal_rp)
    new_fee = compute_delivery_fee_rp(current["delivery"], method, distance_m, subtotal_rp)
    if old_fee == new_fee:
        return current, current_seq, False
    today = market_day_wib(clock.now())
    if first["day"] != today:
        changed_at = conn.execute("SELECT catalog_version FROM catalog_versions WHERE seq=?",
                                  (first["seq"],)).fetchone()[0]
        raise Reject("rules_changed", "args.catalog_version: the market's delivery rules changed on %s (catalogue "
                     "%s); an order quoted under the old rules is taken only that day" % (first["day"], changed_at),
                     "args.catalog_version", market_id=market_id,
                     catalog_version=conn.execute("SELECT catalog_version FROM catalog_versions ORDER BY seq DESC "
                                                  "LIMIT 1").fetchone()[0])
    return old, cited_seq, True

