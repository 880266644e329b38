"""Read queries: the views of an order, an account's order list, the patch a pull or push answers with,
and the health line. Nothing here writes. Who sees what is decided in access.py; this module only asks.

PATCHES ARE SCOPED BY THE ACCOUNT (the sync request's bearer token)
  no token (the buyer's app)   catalogue changes, and an `order` entry for each order this client_id
                               placed (states and money; the phone has the buyer's own details)
  a stall's token              catalogue changes, and an `account_order` entry for each order with lines
                               of that stall: its own lines and part only, the buyer's contact as
                               access.contact_fields allows (name and phone for pickup, all for `stall`
                               delivery, none for a courier's delivery)
  staff's token                catalogue changes, and `account_order` for every order of their market
Every entry carries the order's state after (cookie, version_now]; entries are states, not deltas.
"""

import hmac

from .access import buyer_json, may_see_order
from .catalog import current_catalog, current_catalog_version, market_doc
from .db import get_counter
from .domain import ORDER_ID_RE, ORDER_SECRET_RE, sha256_hex

PATCH_MAX_PRODUCTS = 2000
MARKET_RULE_FIELDS = ("delivery", "hours", "pickup_point", "coop_phone")  # market_rules.CATALOG_FIELDS
MAX_ORDER_PAGE = 500


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


def part_json(r) -> dict:
    """One stall's part of an order: its answer, why (reason_code, see orders.REJECT_REASONS), its answer
    deadline and whether it was missed (timers.py)."""
    return {"stall_id": r["stall_id"], "status": r["status"], "reason": r["reason"], "reason_code": r["reason_code"],
            "answer_by_ms": r["answer_by_ms"], "missed": bool(r["missed"])}


def stalls_json(conn, order_id, stall_id=None):
    rows = conn.execute("SELECT * FROM order_stalls WHERE order_id=? ORDER BY stall_id", (order_id,)).fetchall()
    return [part_json(r) for r in rows if stall_id is None or r["stall_id"] == stall_id]


def open_deadline_ms(parts):
    """The latest answer deadline among the parts still waiting for an answer, or None."""
    waiting = [p["answer_by_ms"] for p in parts if p["status"] == "sent"]
    return max(waiting) if waiting else None


def order_stall_ids(conn, order_id) -> set:
    return {r[0] for r in conn.execute("SELECT stall_id FROM order_stalls WHERE order_id=?", (order_id,))}


def order_patch_entry(conn, order):
    """The buyer's `order` op: what the buyer's phone needs to show the order's honest state (no personal
    data: the phone has that)."""
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


def order_answer_entry(conn, order):
    """The buyer's `order_answer` op, right after its `order` op when there is something `order` cannot say:
    a stall let its answer deadline pass (`missed`: the buyer may cancel) or rejected its part with a
    `reason_code`. Else None: the deadline itself came in place_order's answer (`answer_by_ms`). A separate
    op, so a phone whose `order` codec predates it keeps `order` whole and skips this one."""
    stalls = stalls_json(conn, order["order_id"])
    if not any(p["missed"] or p["reason_code"] for p in stalls):
        return None
    return {"op": "order_answer", "order_id": order["order_id"],
            "answer_by_ms": open_deadline_ms(stalls) if order["status"] == "sent" else None,
            "missed": order["status"] == "sent" and any(p["missed"] and p["status"] == "sent" for p in stalls),
            "stalls": [{k: p[k] for k in ("stall_id", "reason_code", "answer_by_ms", "missed")} for p in stalls]}


def order_flags(order) -> list:
    """What the cooperative should look at: `old_rules` (accepted at a fee of market rules replaced since,
    market_rules.judge_rules), `not_picked_up` (ready longer than the market's ready_wait_s) and
    `not_delivered` (still open after its market day ended), the last two set by timers.py."""
    flags = ["old_rules"] if order["old_rules"] else []
    if order["late_pickup"]:
        flags.append("not_picked_up")
    if order["late_delivery"]:
        flags.append("not_delivered")
    return flags


def order_view(conn, order, account, stall_ids=None):
    """The whole order as `account` may see it: a stall gets its own lines and part only (and
    stall_subtotal_rp); `buyer` holds only the contact fields access.contact_fields allows, or null."""
    if stall_ids is None:
        stall_ids = order_stall_ids(conn, order["order_id"])
    stall_id = account["stall_id"] if account["kind"] == "vendor" else None
    catalog_version = conn.execute("SELECT catalog_version FROM catalog_versions WHERE seq=?",
                                   (order["catalog_seq"],)).fetchone()[0]
    delivery = {"method": order["delivery_method"], "area_id": order["area_id"], "distance_m": order["distance_m"]}
    if order["delivery_method"] == "pickup":
        delivery["pickup_point"] = (market_doc(conn, order["market_id"]) or {}).get("pickup_point")
    out = {"order_id": order["order_id"], "status": order["status"], "reason": order["reason"],
           "market_id": order["market_id"], "catalog_version": catalog_version,
           "placed_version": order["placed_version"], "version": order["version"],
           "placed_at_ms": order["placed_at_ms"], "market_day": order["market_day"] or None,
           "flags": order_flags(order), "delivery": delivery,
           "buyer": buyer_json(account, order, stall_ids),
           "payment": order["payment"], "needs_confirm": bool(order["needs_confirm"]),
           "subtotal_rp": order["subtotal_rp"], "delivery_fee_rp": order["delivery_fee_rp"],
           "total_rp": order["total_rp"], "lines": lines_json(conn, order["order_id"], stall_id),
           "stalls": stalls_json(conn, order["order_id"], stall_id)}
    out["answer_by_ms"] = open_deadline_ms(out["stalls"]) if order["status"] == "sent" else None
    out["missed"] = order["status"] == "sent" and any(p["missed"] and p["status"] == "sent" for p in out["stalls"])
    if stall_id is not None:
        out["stall_subtotal_rp"] = sum(line["line_total_rp"] for line in out["lines"])
    return out


def load_order_by_secret(conn, order_id, secret):
    """The order row when id and secret match, else None (callers answer 'not found' for both)."""
    if not isinstance(order_id, str) or not ORDER_ID_RE.match(order_id):
        return None
    if not isinstance(secret, str) or not ORDER_SECRET_RE.match(secret.lower()):
        return None
    row = conn.execute("SELECT * FROM orders WHERE order_id=?", (order_id,)).fetchone()
    if row is None or not hmac.compare_digest(row["secret_sha256"], sha256_hex(secret.lower())):
        return None
    return row


def buyer_order(conn, order_id, secret):
    """GET /api/orders/<id> with X-Order-Secret: the whole order for the buyer, or None."""
    order = load_order_by_secret(conn, order_id, secret)
    if order is None:
        return None
    return order_view(conn, order, {"kind": "buyer", "order_id": order["order_id"]})


def _orders_in_scope(conn, account, since, limit):
    """Orders rows the account may see with version > since, oldest change first."""
    kind = account["kind"]
    if kind == "vendor":
        sql, params = ("SELECT o.* FROM orders o JOIN order_stalls s ON s.order_id = o.order_id "
                       "WHERE s.stall_id=? AND o.version > ? ORDER BY o.version, o.order_id"), [account["stall_id"], since]
    elif kind == "staff":
        sql, params = ("SELECT * FROM orders WHERE market_id=? AND version > ? ORDER BY version, order_id",
                       [account["market_id"], since])
    elif kind == "courier":
        sql, params = ("SELECT * FROM orders WHERE courier_account_id=? AND version > ? ORDER BY version, order_id",
                       [account["id"], since])
    else:
        return []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return conn.execute(sql, params).fetchall()


def _visible_views(conn, account, rows):
    views = []
    for row in rows:
        stall_ids = order_stall_ids(conn, row["order_id"])
        if may_see_order(account, row, stall_ids):  # the SQL already scopes; this keeps one rule in charge
            views.append(order_view(conn, row, account, stall_ids))
    return views


def account_orders_page(conn, account, since: int) -> dict:
    """GET /api/vendor/orders: the account's orders changed after `since`, at most MAX_ORDER_PAGE, never
    splitting one change version across pages."""
    rows = _orders_in_scope(conn, account, since, MAX_ORDER_PAGE + 1)
    more = len(rows) > MAX_ORDER_PAGE
    rows = rows[:MAX_ORDER_PAGE]
    if more and rows[0]["version"] != rows[-1]["version"]:
        rows = [r for r in rows if r["version"] != rows[-1]["version"]]  # never split one version
    orders = _visible_views(conn, account, rows)
    next_since = rows[-1]["version"] if (more and rows) else get_counter(conn, "version")
    return {"role": account["kind"], "stall_id": account["stall_id"], "market_id": account["market_id"],
            "orders": orders, "more": more, "next_since": next_since}


def build_patch(conn, client_id, cookie, version_now, account=None) -> list:
    """Catalogue changes and the order changes this request may see, with version in (cookie, version_now].

    cookie null = the client holds the catalogue it was built with (change version 0). A cookie newer
    than the server (a restored database) or too many product changes answer `catalog_reset`: fetch
    /data/index.json again instead of patching. Without an account: this client's own orders (`order`);
    with one: the account's orders as it may see them (`account_order`), see PATCHES ARE SCOPED above.
    """
    reset = cookie is not None and cookie > version_now
    since = 0 if (cookie is None or reset) else cookie
    patch = []
    catalog_changed = cookie is None or reset or conn.execute(
        "SELECT 1 FROM catalog_versions WHERE version > ? LIMIT 1", (since,)).fetchone() is not None
    if catalog_changed:
        _, catalog_version = current_catalog(conn)
        count = conn.execute("SELECT COUNT(*) FROM products WHERE version > ?", (since,)).fetchone()[0]
        if reset or count > PATCH_MAX_PRODUCTS:
            patch.append({"op": "catalog_reset", "catalog_version": catalog_version, "index_url": "/data/index.json"})
        else:
            patch.append({"op": "catalog_version", "catalog_version": catalog_version})
            # Products added or hidden: the `product` op carries only price and availability, so the phone
            # fetches that market's file again (format_version unchanged: the file's shape is the same).
            for r in conn.execute("SELECT id FROM markets WHERE version > ? ORDER BY position", (since,)):
                patch.append({"op": "market_reset", "market_id": r["id"], "catalog_version": catalog_version,
                              "market_url": "/data/" + market_doc(conn, r["id"])["file"]})
            # The market's rules changed (delivery and fees, hours and cut-off, pickup point, the
            # cooperative's number): the phone replaces those fields of its index entry.
            for r in conn.execute("SELECT id, doc FROM markets WHERE rules_version > ? ORDER BY position", (since,)):
                market = market_doc(conn, r["id"])
                patch.append({"op": "market_rules", "market_id": r["id"], "catalog_version": catalog_version,
                              **{name: market.get(name) for name in MARKET_RULE_FIELDS}})
            for r in conn.execute("SELECT id, market_id, price_rp, price_date, availability FROM products "
                                  "WHERE version > ? AND hidden=0 ORDER BY version, id", (since,)):
                patch.append({"op": "product", "product_id": r["id"], "market_id": r["market_id"],
                              "price_rp": r["price_rp"], "price_date": r["price_date"],
                              "availability": r["availability"]})
            for r in conn.execute("SELECT id, market_id, closed, closed_until_ms, paused FROM stalls "
                                  "WHERE version > ? ORDER BY version, id", (since,)):
                patch.append({"op": "stall", "stall_id": r["id"], "market_id": r["market_id"],
                              "open": not (r["closed"] or r["paused"]), "closed_until_ms": r["closed_until_ms"],
                              "paused": r["paused"]})
    if account is None:
        for order in conn.execute("SELECT * FROM orders WHERE client_id=? AND version > ? "
                                  "ORDER BY version, order_id", (client_id, since)).fetchall():
            patch.append(order_patch_entry(conn, order))
            answer = order_answer_entry(conn, order)
            if answer is not None:
                patch.append(answer)
    else:
        for view in _visible_views(conn, account, _orders_in_scope(conn, account, since, None)):
            patch.append({"op": "account_order", **view})
    return patch


def last_mutation_id(conn, client_id) -> int:
    row = conn.execute("SELECT last_mutation_id FROM clients WHERE client_id=?", (client_id,)).fetchone()
    return row[0] if row else 0


def health(conn) -> dict:
    return {"ok": True, "version": get_counter(conn, "version"), "catalog_version": current_catalog_version(conn)}
