"""The buyer's mutations: place_order (its checks, the money, the rows) and cancel_order (orders.py).

MONEY
  line_total_rp = price_rp * (settled_qty_milli or qty_milli) / 1000, rounded half up; a rejected part's
  lines count 0. subtotal = sum of lines; the delivery fee follows the market's rule for the stored
  distance and the subtotal (free_above_rp), and is 0 when nothing is left to deliver.

PRICE HISTORY
  An order cites a catalogue version. Each quoted unit price must equal that product's price in that
  version (price_history). If the price has changed since, the line is accepted at the cited price with
  price_stale = 1 and the order needs_confirm until the stall confirms (accepted) or adjusts the price
  (within the cited and the current price).
"""

import sqlite3

from . import clock
from .args import Reject, read_enum, read_int, read_list, read_obj, read_str
from .catalog import market_doc, parse_product_doc
from .domain import (DELIVERY_METHODS, MAX_ADDRESS_CHARS, MAX_BUYER_NAME_CHARS, MAX_LANDMARK_CHARS,
                     MAX_LINES_PER_ORDER, MAX_NOTE_CHARS, MAX_QTY_MILLI_BY_UNIT, ORDER_SECRET_RE, PAYMENTS,
                     SUBSTITUTIONS, compute_delivery_fee_rp, compute_line_total_rp, is_int, normalize_phone,
                     order_market_day, sha256_hex)
from .market_rules import judge_rules
from .orders import answer_window_s, cancel_order, read_order_id

MAX_MONEY_RP = 10 ** 12


def check_quantity(info: dict, qty_milli, path: str):
    if not is_int(qty_milli):
        raise Reject("invalid_args", "%s must be a whole number of thousandths of a %s" % (path, info["unit"]), path)
    if qty_milli <= 0:
        raise Reject("invalid_quantity", "%s must be more than 0" % path, path)
    max_qty = MAX_QTY_MILLI_BY_UNIT[info["unit"]]
    if qty_milli > max_qty:
        raise Reject("invalid_quantity", "%s is more than one stall sells in one order (at most %d)"
                     % (path, max_qty), path)
    if info["whole_pieces"] and qty_milli % 1000:
        raise Reject("invalid_quantity", "%s must be whole pieces (a multiple of 1000)" % path, path)


def place_order(ctx, args):
    return place_order_checked(ctx, check_place_order_args(args))


def check_place_order_args(args) -> dict:
    """The checks of place_order that need no database, in the wire's order: a dict of the clean values,
    or Reject. Pure, so the sync layer runs it before the push queues for the writer."""
    order_id = read_order_id(args)
    secret = read_str(args, "secret", "args.secret", 32, 32).lower()
    if not ORDER_SECRET_RE.match(secret):
        raise Reject("invalid_args", "args.secret must be 32 hexadecimal characters", "args.secret")
    catalog_version = read_str(args, "catalog_version", "args.catalog_version", 40)
    market_id = read_str(args, "market_id", "args.market_id", 80)
    raw_lines = read_list(args, "lines", "args.lines", 1, MAX_LINES_PER_ORDER)
    for i, line in enumerate(raw_lines):
        if not isinstance(line, dict):
            raise Reject("invalid_args", "args.lines[%d] must be an object" % i, "args.lines[%d]" % i)
        read_str(line, "product_id", "args.lines[%d].product_id" % i, 120)
        read_int(line, "price_rp", "args.lines[%d].price_rp" % i, 1, MAX_MONEY_RP)
        read_str(line, "note", "args.lines[%d].note" % i, MAX_NOTE_CHARS, min_len=0, required=False)
        read_enum(line, "substitution", "args.lines[%d].substitution" % i, SUBSTITUTIONS)
    delivery = read_obj(args, "delivery", "args.delivery")
    method = read_enum(delivery, "method", "args.delivery.method", DELIVERY_METHODS)
    pickup = method == "pickup"
    area_id = read_str(delivery, "area_id", "args.delivery.area_id", 80, required=not pickup)
    buyer = read_obj(args, "buyer", "args.buyer")
    buyer_name = read_str(buyer, "name", "args.buyer.name", MAX_BUYER_NAME_CHARS)
    phone, phone_error = normalize_phone(read_str(buyer, "phone", "args.buyer.phone", 40))
    if phone is None:
        raise Reject("invalid_phone", "args.buyer.phone must be an Indonesian mobile number such as 0812-3456-7890 "
                     "or +62 812 3456 7890 (%s)" % phone_error.replace("_", " "), "args.buyer.phone",
                     phone_error=phone_error)
    address = read_str(buyer, "address", "args.buyer.address", MAX_ADDRESS_CHARS, min_len=0 if pickup else 1, required=not pickup,
                  default="")
    landmark = read_str(buyer, "landmark", "args.buyer.landmark", MAX_LANDMARK_CHARS, min_len=0, required=False, default="")
    payment = read_enum(args, "payment", "args.payment", PAYMENTS)
    quoted = read_obj(args, "quoted", "args.quoted")
    quoted_rp = {name: read_int(quoted, name, "args.quoted." + name, 0, MAX_MONEY_RP)
                 for name in ("subtotal_rp", "delivery_fee_rp", "total_rp")}
    return {"order_id": order_id, "secret_sha256": sha256_hex(secret), "catalog_version": catalog_version,
            "market_id": market_id, "raw_lines": raw_lines, "method": method, "pickup": pickup, "area_id": area_id,
            "buyer_name": buyer_name, "phone": phone, "address": address, "landmark": landmark, "payment": payment,
            "quoted_rp": quoted_rp}


def place_order_checked(ctx, a):
    """place_order after check_place_order_args: the catalogue checks, the money, the rows."""
    order_id, catalog_version, market_id = a["order_id"], a["catalog_version"], a["market_id"]
    raw_lines, method, pickup, area_id, quoted_rp = (a["raw_lines"], a["method"], a["pickup"], a["area_id"],
                                                     a["quoted_rp"])
    conn = ctx.conn
    market = market_doc(conn, market_id)
    if market is None:
        raise Reject("unknown_market", "args.market_id %r is not a market of this catalogue" % market_id,
                     "args.market_id")
    cited = conn.execute("SELECT seq FROM catalog_versions WHERE catalog_version=?", (catalog_version,)).fetchone()
    if cited is None:
        raise Reject("unknown_catalog_version", "args.catalog_version %r is not a catalogue this server published"
                     % catalog_version, "args.catalog_version")
    product_ids = [line["product_id"].strip() for line in raw_lines]
    products = {row["id"]: row for row in conn.execute(
        "SELECT p.id, p.stall_id, p.market_id, p.doc, p.price_rp, p.availability, p.hidden, s.closed, "
        "s.closed_until_ms, s.paused, "
        "(SELECT h.price_rp FROM price_history h WHERE h.product_id = p.id AND h.seq <= ? "
        "ORDER BY h.seq DESC LIMIT 1) AS cited_price_rp FROM products p JOIN stalls s ON s.id = p.stall_id "
        "WHERE p.id IN (%s)" % ",".join("?" * len(set(product_ids))), [cited["seq"]] + sorted(set(product_ids)))}

    now_ms = clock.now_ms()
    lines, subtotal_rp = [], 0
    for i, line in enumerate(raw_lines):
        path = "args.lines[%d]" % i
        product_id = product_ids[i]
        product = products.get(product_id)
        if product is None:
            raise Reject("unknown_product", "%s.product_id %r is not in the catalogue" % (path, product_id),
                         path + ".product_id")
        if product["market_id"] != market_id:
            raise Reject("other_market_product", "%s.product_id %r is sold at %s, not at %s"
                         % (path, product_id, product["market_id"], market_id), path + ".product_id")
        info = parse_product_doc(product["doc"])
        qty_milli = line.get("qty_milli")
        check_quantity(info, qty_milli, path + ".qty_milli")
        cited_price_rp = product["cited_price_rp"]
        if cited_price_rp is None:
            raise Reject("unknown_product", "%s.product_id %r was not in catalogue %s"
                         % (path, product_id, catalog_version), path + ".product_id")
        if line["price_rp"] != cited_price_rp:
            raise Reject("price_mismatch", "%s.price_rp %d is not the price of %s in catalogue %s (%d)"
                         % (path, line["price_rp"], info["name"], catalog_version, cited_price_rp),
                         path + ".price_rp", catalog_price_rp=cited_price_rp)
        if product["hidden"]:
            raise Reject("product_hidden", "%s.product_id %r is no longer sold by its stall" % (path, product_id),
                         path + ".product_id", stall_id=product["stall_id"])
        if product["paused"]:
            raise Reject("stall_paused", "%s: the stall %s selling %s takes no new orders until its cooperative "
                         "reopens it" % (path, product["stall_id"], info["name"]), path + ".product_id",
                         stall_id=product["stall_id"])
        if product["closed"] and (product["closed_until_ms"] is None or product["closed_until_ms"] > now_ms):
            raise Reject("stall_closed", "%s: the stall %s selling %s takes no orders right now"
                         % (path, product["stall_id"], info["name"]), path + ".product_id",
                         stall_id=product["stall_id"])
        if product["availability"] == "habis":
            raise Reject("sold_out", "%s: %s is sold out (habis) at its stall" % (path, info["name"]),
                         path + ".product_id")
        line_total_rp = compute_line_total_rp(line["price_rp"], qty_milli)
        subtotal_rp += line_total_rp
        lines.append((i + 1, product_id, product["stall_id"], info["name"], info["unit"], int(info["weighed"]),
                      qty_milli, line["price_rp"], line["price_rp"], product["price_rp"],
                      int(line["price_rp"] != product["price_rp"]), (line.get("note") or "").strip(),
                      line["substitution"], line_total_rp))

    distance_m = None
    if area_id is not None:
        distance_m = market.get("area_distance_m", {}).get(area_id)
        if distance_m is None and not pickup:
            raise Reject("unknown_area", "args.delivery.area_id %r is not an area this market delivers to" % area_id,
                         "args.delivery.area_id")
    current_seq = conn.execute("SELECT MAX(seq) FROM catalog_versions").fetchone()[0]
    rules, rules_seq, old_rules = judge_rules(conn, market_id, cited["seq"], current_seq, method, distance_m or 0,
                                              subtotal_rp)
    fee_rp, fee_error = compute_delivery_fee_rp(rules["delivery"], method, distance_m or 0, subtotal_rp)
    if fee_error:
        raise fee_reject(fee_error, rules["delivery"], method, distance_m, subtotal_rp)
    server_rp = {"subtotal_rp": subtotal_rp, "delivery_fee_rp": fee_rp, "total_rp": subtotal_rp + fee_rp}
    for name in ("subtotal_rp", "delivery_fee_rp", "total_rp"):
        if quoted_rp[name] != server_rp[name]:
            raise Reject("quote_mismatch", "args.quoted.%s %d differs from the server's %d"
                         % (name, quoted_rp[name], server_rp[name]), "args.quoted." + name, server=server_rp)

    # The day it is served, by the server's clock and the market's cut-off now in force (never the phone's).
    market_day = order_market_day(now_ms / 1000, (market.get("hours") or {}).get("order_cutoff"))
    version = ctx.versions.get()
    needs_confirm = int(any(line[10] for line in lines))
    try:
        conn.execute(
            "INSERT INTO orders(order_id, key, client_id, secret_sha256, market_id, catalog_seq, status, reason, "
            "delivery_method, area_id, distance_m, buyer_name, buyer_phone, buyer_address, buyer_landmark, payment, "
            "subtotal_rp, delivery_fee_rp, total_rp, needs_confirm, placed_version, version, placed_at_ms, "
            "market_day, rules_seq, old_rules) "
            "VALUES(?, ?, ?, ?, ?, ?, 'sent', NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (order_id, ctx.key, ctx.client_id, a["secret_sha256"], market_id, cited["seq"], method, area_id,
             distance_m, a["buyer_name"], a["phone"], a["address"], a["landmark"], a["payment"], subtotal_rp, fee_rp,
             subtotal_rp + fee_rp, needs_confirm, version, version, now_ms, market_day, rules_seq, int(old_rules)))
    except sqlite3.IntegrityError:  # the order_id's primary key; the key was checked as idempotency key
        raise Reject("order_exists", "args.order_id is already used by another order", "args.order_id")
    conn.executemany(
        "INSERT INTO order_lines(order_id, line_no, product_id, stall_id, name, unit, weighed, qty_milli, "
        "quoted_price_rp, price_rp, list_price_rp, price_stale, note, substitution, line_total_rp) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [(order_id,) + line for line in lines])
    answer_by_ms = now_ms + answer_window_s(conn, market_id) * 1000
    conn.executemany("INSERT INTO order_stalls(order_id, stall_id, status, answer_by_ms) VALUES(?, ?, 'sent', ?)",
                     [(order_id, s, answer_by_ms) for s in sorted({line[2] for line in lines})])
    return {"order_id": order_id, "order_status": "sent", "needs_confirm": bool(needs_confirm),
            "answer_by_ms": answer_by_ms, "market_day": market_day, "old_rules": old_rules, **server_rp}


def fee_reject(code, delivery, method, distance_m, subtotal_rp) -> Reject:
    if code == "method_not_offered":
        return Reject(code, "args.delivery.method: this market does not offer %r" % method, "args.delivery.method")
    if code == "too_far":
        return Reject(code, "args.delivery.area_id is %d m away, beyond this market's %d m delivery radius"
                      % (distance_m, delivery.get("max_distance_m", 0)), "args.delivery.area_id")
    if code == "outside_zones":
        return Reject(code, "args.delivery.area_id is %d m away, beyond this market's last delivery zone"
                      % distance_m, "args.delivery.area_id")
    if code == "below_min_order":
        return Reject(code, "the goods subtotal Rp%d is below this market's minimum Rp%d for delivery"
                      % (subtotal_rp, delivery.get("min_order_rp", 0)), "args.lines")
    return Reject(code, "the delivery fee cannot be computed (%s)" % code, "args.delivery")



BUYER_MUTATIONS = {"place_order": place_order, "cancel_order": cancel_order}
