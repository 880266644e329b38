"""Buyer mutations (place_order, cancel_order), order arithmetic and the JSON views of an order.

ORDER STATES (the same names as the phone's state machine in src/core/orders.h)
  An order belongs to one market; its lines may come from several stalls of that market, and each stall
  answers for its own lines (table order_stalls, a "part" per stall):
      sent -> accepted | adjusted | rejected;  accepted -> adjusted | rejected | ready;
      adjusted -> accepted | adjusted | rejected | ready
  The order's own status is derived from its parts until the courier takes over:
      all parts rejected -> rejected; any open part still sent -> sent; all open parts ready -> ready;
      any part adjusted or rejected -> adjusted; otherwise accepted.
  Then order-level states follow: ready -> picked_up | on_the_way (not pickup); picked_up -> on_the_way |
  delivered (not pickup: for pickup, picked_up is the end); on_the_way -> delivered. A buyer may cancel
  while the order is sent, accepted, adjusted or ready (-> cancelled).
  Final: rejected, delivered, cancelled, and picked_up for pickup orders.

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

import functools
import hashlib
import hmac
import json
import sqlite3

from .args import read_enum, read_int, read_list, read_obj, Reject, read_str
from .catalog import current_catalog
from .domain import (DELIVERY_METHODS, MAX_LINES_PER_ORDER, MAX_QTY_MILLI_BY_UNIT, ORDER_ID_RE,
                          ORDER_SECRET_RE, PAYMENTS, SUBSTITUTIONS, compute_delivery_fee_rp, compute_line_total_rp,
                          is_int, normalize_phone)

ORDER_LEVEL_STATES = ("picked_up", "on_the_way", "delivered", "cancelled")
TERMINAL_STATES = ("rejected", "delivered", "cancelled")
CANCELLABLE_STATES = ("sent", "accepted", "adjusted", "ready")
MAX_MONEY_RP = 10 ** 12


@functools.lru_cache(maxsize=65536)
def parse_product_doc(doc_text: str) -> dict:
    """The fixed facts of a product (its JSON doc never changes at run time; price/availability are columns)."""
    doc = json.loads(doc_text)
    steps = [s["qty_milli"] for s in doc.get("steps", [])]
    return {"name": doc["name"], "unit": doc["unit"], "weighed": bool(doc.get("weighed", False)),
            "whole_pieces": doc["unit"] == "piece" and all(q % 1000 == 0 for q in steps)}


@functools.lru_cache(maxsize=256)
def parse_market_doc(doc_text: str) -> dict:
    return json.loads(doc_text)


def market_doc(conn, market_id):
    """A market's index entry (delivery rules, areas), or None. Markets never change while serving."""
    row = conn.execute("SELECT doc FROM markets WHERE id=?", (market_id,)).fetchone()
    return parse_market_doc(row["doc"]) if row else None


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_order_id(args, path="args.order_id"):
    order_id = read_str(args, "order_id", path, 12, 12)
    if not ORDER_ID_RE.match(order_id):
        raise Reject("invalid_args", "%s must be 12 Crockford base32 characters (0-9 and A-Z without I, L, O, U)"
                     % path, path)
    return order_id


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
        read_str(line, "note", "args.lines[%d].note" % i, 200, min_len=0, required=False)
        read_enum(line, "substitution", "args.lines[%d].substitution" % i, SUBSTITUTIONS)
    delivery = read_obj(args, "delivery", "args.delivery")
    method = read_enum(delivery, "method", "args.delivery.method", DELIVERY_METHODS)
    pickup = method == "pickup"
    area_id = read_str(delivery, "area_id", "args.delivery.area_id", 80, required=not pickup)
    buyer = read_obj(args, "buyer", "args.buyer")
    buyer_name = read_str(buyer, "name", "args.buyer.name", 80)
    phone, phone_error = normalize_phone(read_str(buyer, "phone", "args.buyer.phone", 40))
    if phone is None:
        raise Reject("invalid_phone", "args.buyer.phone must be an Indonesian mobile number such as 0812-3456-7890 "
                     "or +62 812 3456 7890 (%s)" % phone_error.replace("_", " "), "args.buyer.phone",
                     phone_error=phone_error)
    address = read_str(buyer, "address", "args.buyer.address", 300, min_len=0 if pickup else 1, required=not pickup,
                  default="")
    landmark = read_str(buyer, "landmark", "args.buyer.landmark", 200, min_len=0, required=False, default="")
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
        "SELECT p.id, p.stall_id, p.market_id, p.doc, p.price_rp, p.availability, s.closed, "
        "(SELECT h.price_rp FROM price_history h WHERE h.product_id = p.id AND h.seq <= ? "
        "ORDER BY h.seq DESC LIMIT 1) AS cited_price_rp FROM products p JOIN stalls s ON s.id = p.stall_id "
        "WHERE p.id IN (%s)" % ",".join("?" * len(set(product_ids))), [cited["seq"]] + sorted(set(product_ids)))}

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
        if product["closed"]:
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
    fee_rp, fee_error = compute_delivery_fee_rp(market["delivery"], method, distance_m or 0, subtotal_rp)
    if fee_error:
        raise fee_reject(fee_error, market["delivery"], method, distance_m, subtotal_rp)
    server_rp = {"subtotal_rp": subtotal_rp, "delivery_fee_rp": fee_rp, "total_rp": subtotal_rp + fee_rp}
    for name in ("subtotal_rp", "delivery_fee_rp", "total_rp"):
        if quoted_rp[name] != server_rp[name]:
            raise Reject("quote_mismatch", "args.quoted.%s %d differs from the server's %d"
                         % (name, quoted_rp[name], server_rp[name]), "args.quoted." + name, server=server_rp)

    version = ctx.versions.get()
    needs_confirm = int(any(line[10] for line in lines))
    try:
        conn.execute(
            "INSERT INTO orders(order_id, key, client_id, secret_sha256, market_id, catalog_seq, status, reason, "
            "delivery_method, area_id, distance_m, buyer_name, buyer_phone, buyer_address, buyer_landmark, payment, "
            "subtotal_rp, delivery_fee_rp, total_rp, needs_confirm, placed_version, version) "
            "VALUES(?, ?, ?, ?, ?, ?, 'sent', NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (order_id, ctx.key, ctx.client_id, a["secret_sha256"], market_id, cited["seq"], method, area_id,
             distance_m, a["buyer_name"], a["phone"], a["address"], a["landmark"], a["payment"], subtotal_rp, fee_rp,
             subtotal_rp + fee_rp, needs_confirm, version, version))
    except sqlite3.IntegrityError:  # the order_id's primary key; the key was checked as idempotency key
        raise Reject("order_exists", "args.order_id is already used by another order", "args.order_id")
    conn.executemany(
        "INSERT INTO order_lines(order_id, line_no, product_id, stall_id, name, unit, weighed, qty_milli, "
        "quoted_price_rp, price_rp, list_price_rp, price_stale, note, substitution, line_total_rp) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [(order_id,) + line for line in lines])
    conn.executemany("INSERT INTO order_stalls(order_id, stall_id, status) VALUES(?, ?, 'sent')",
                     [(order_id, s) for s in sorted({line[2] for line in lines})])
    return {"order_id": order_id, "order_status": "sent", "needs_confirm": bool(needs_confirm), **server_rp}


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


def load_order_by_secret(conn, order_id, secret):
    """The order row when id and secret match, else None (callers answer 'not found' for both)."""
    if not isinstance(secret, str) or not ORDER_SECRET_RE.match(secret.lower()):
        return None
    row = conn.execute("SELECT * FROM orders WHERE order_id=?", (order_id,)).fetchone()
    if row is None or not hmac.compare_digest(row["secret_sha256"], sha256_hex(secret.lower())):
        return None
    return row


def cancel_order(ctx, args):
    order_id = read_order_id(args)
    secret = read_str(args, "secret", "args.secret", 32, 32)
    reason = read_str(args, "reason", "args.reason", 200, min_len=0, required=False, default="")
    order = load_order_by_secret(ctx.conn, order_id, secret)
    if order is None:
        raise Reject("not_found", "no order with this args.order_id and args.secret", "args.order_id")
    if order["status"] != "cancelled":
        if order["status"] not in CANCELLABLE_STATES:
            raise Reject("not_cancellable", "the order is %s and can no longer be cancelled" % order["status"],
                         "args.order_id", order_status=order["status"])
        ctx.conn.execute("UPDATE orders SET status='cancelled', reason=?, needs_confirm=0, version=? "
                         "WHERE order_id=?", (reason or "cancelled by the buyer", ctx.versions.get(), order_id))
    return {"order_id": order_id, "order_status": "cancelled"}


def derive_status(part_statuses) -> str:
    open_parts = [s for s in part_statuses if s != "rejected"]
    if not open_parts:
        return "rejected"
    if "sent" in open_parts:
        return "sent"
    if all(s == "ready" for s in open_parts):
        return "ready"
    if "adjusted" in part_statuses or "rejected" in part_statuses:
        return "adjusted"
    return "accepted"


def recompute_order(ctx, order_id):
    """Re-derives line totals, money, needs_confirm and the status after any change to lines or parts."""
    conn = ctx.conn
    order = conn.execute("SELECT * FROM orders WHERE order_id=?", (order_id,)).fetchone()
    parts = {r["stall_id"]: (r["status"], r["reason"]) for r in
             conn.execute("SELECT stall_id, status, reason FROM order_stalls WHERE order_id=?", (order_id,))}
    subtotal_rp, needs_confirm = 0, 0
    for line in conn.execute("SELECT * FROM order_lines WHERE order_id=?", (order_id,)).fetchall():
        part_status = parts[line["stall_id"]][0]
        qty_milli = line["qty_milli"] if line["settled_qty_milli"] is None else line["settled_qty_milli"]
        total_rp = 0 if part_status == "rejected" else compute_line_total_rp(line["price_rp"], qty_milli)
        if total_rp != line["line_total_rp"]:
            conn.execute("UPDATE order_lines SET line_total_rp=? WHERE order_id=? AND line_no=?",
                         (total_rp, order_id, line["line_no"]))
        subtotal_rp += total_rp
        if line["price_stale"] and part_status == "sent":
            needs_confirm = 1
    status, reason = order["status"], order["reason"]
    if status not in ORDER_LEVEL_STATES:
        status = derive_status([s for s, _ in parts.values()])
        reasons = ["%s: %s" % (stall_id, r) for stall_id, (s, r) in sorted(parts.items()) if s == "rejected" and r]
        reason = "; ".join(reasons) or None
    fee_rp = order["delivery_fee_rp"]
    if subtotal_rp == 0:
        fee_rp = 0
    else:
        market = market_doc(conn, order["market_id"])
        computed, fee_error = compute_delivery_fee_rp(market["delivery"], order["delivery_method"],
                                                   order["distance_m"] or 0, subtotal_rp)
        if fee_error is None:  # e.g. below_min_order after settling: the fee agreed at placement stands
            fee_rp = computed
    conn.execute("UPDATE orders SET status=?, reason=?, subtotal_rp=?, delivery_fee_rp=?, total_rp=?, "
                 "needs_confirm=?, version=? WHERE order_id=?",
                 (status, reason, subtotal_rp, fee_rp, subtotal_rp + fee_rp, needs_confirm, ctx.versions.get(),
                  order_id))
    return {"order_id": order_id, "order_status": status, "subtotal_rp": subtotal_rp, "delivery_fee_rp": fee_rp,
            "total_rp": subtotal_rp + fee_rp, "needs_confirm": bool(needs_confirm)}


def lines_json(conn, order_id, stall_id=None):
    sql = ("SELECT l.*, s.status AS part_status FROM order_lines l JOIN order_stalls s "
           "ON s.order_id = l.order_id AND s.stall_id = l.stall_id WHERE l.order_id=?")
    params = [order_id]
    if stall_id is not None:
        sql += " AND l.stall_id=?"
        params.append(stall_id)
    out = []
    for r in conn.execute(sql + " ORDER BY l.line_no", params).fetchall():
        out.append({"line_no": r["line_no"], "product_id": r["product_id"], "stall_id": r["stall_id"],
                    "name": r["name"], "unit": r["unit"], "weighed": bool(r["weighed"]), "qty_milli": r["qty_milli"],
                    "settled_qty_milli": r["settled_qty_milli"], "quoted_price_rp": r["quoted_price_rp"],
                    "price_rp": r["price_rp"], "list_price_rp": r["list_price_rp"],
                    "price_stale": bool(r["price_stale"]), "line_total_rp": r["line_total_rp"], "note": r["note"],
                    "substitution": r["substitution"], "status": r["part_status"]})
    return out


def stalls_json(conn, order_id, stall_id=None):
    rows = conn.execute("SELECT stall_id, status, reason FROM order_stalls WHERE order_id=? ORDER BY stall_id",
                        (order_id,)).fetchall()
    return [{"stall_id": r["stall_id"], "status": r["status"], "reason": r["reason"]} for r in rows
            if stall_id is None or r["stall_id"] == stall_id]


def order_patch_entry(conn, order):
    """What a buyer's phone needs to show the order's honest state (no personal data: it has that)."""
    lines, stalls = [], {}
    for r in conn.execute("SELECT l.line_no, l.product_id, l.qty_milli, l.settled_qty_milli, l.price_rp, "
                          "l.line_total_rp, l.stall_id, s.status, s.reason FROM order_lines l JOIN order_stalls s "
                          "ON s.order_id = l.order_id AND s.stall_id = l.stall_id WHERE l.order_id=? "
                          "ORDER BY l.line_no", (order["order_id"],)):
        lines.append({"line_no": r[0], "product_id": r[1], "qty_milli": r[2], "settled_qty_milli": r[3],
                      "price_rp": r[4], "line_total_rp": r[5], "status": r[7]})
        stalls[r[6]] = {"stall_id": r[6], "status": r[7], "reason": r[8]}
    return {"op": "order", "order_id": order["order_id"], "status": order["status"], "reason": order["reason"],
            "needs_confirm": bool(order["needs_confirm"]), "subtotal_rp": order["subtotal_rp"],
            "delivery_fee_rp": order["delivery_fee_rp"], "total_rp": order["total_rp"], "lines": lines,
            "stalls": [stalls[k] for k in sorted(stalls)]}


def order_full_json(conn, order, stall_id=None):
    """The whole order for its buyer (by secret) and its cooperative; with stall_id: that stall's share only."""
    catalog_version = conn.execute("SELECT catalog_version FROM catalog_versions WHERE seq=?",
                                   (order["catalog_seq"],)).fetchone()[0]
    out = {"order_id": order["order_id"], "status": order["status"], "reason": order["reason"],
           "market_id": order["market_id"], "catalog_version": catalog_version,
           "placed_version": order["placed_version"], "version": order["version"],
           "delivery": {"method": order["delivery_method"], "area_id": order["area_id"],
                        "distance_m": order["distance_m"]},
           "buyer": {"name": order["buyer_name"], "phone": order["buyer_phone"], "address": order["buyer_address"],
                     "landmark": order["buyer_landmark"]},
           "payment": order["payment"], "needs_confirm": bool(order["needs_confirm"]),
           "subtotal_rp": order["subtotal_rp"], "delivery_fee_rp": order["delivery_fee_rp"],
           "total_rp": order["total_rp"], "lines": lines_json(conn, order["order_id"], stall_id),
           "stalls": stalls_json(conn, order["order_id"], stall_id)}
    if stall_id is not None:
        out["stall_subtotal_rp"] = sum(line["line_total_rp"] for line in out["lines"])
    return out


def current_catalog_version(conn) -> str:
    return current_catalog(conn)[1]
