"""Vendor and cooperative mutations: set_price, set_availability, set_order_status, settle_weight.

Who may do what (ctx.account is the signed-in account; the sync layer answers 401 before we get here when
a vendor mutation arrives without a live token):
  vendor (one stall): its own products; its own part of an order (accepted, adjusted, rejected, ready,
      settle_weight); the courier states only when the whole order is its stall's and the delivery method
      is `stall` or `pickup`.
  staff (one market's cooperative): every product and order of its market, courier states included.
Products of other stalls answer `forbidden` (products are public, so there is nothing to hide); orders
the account may not see answer `not_found`, so order ids cannot be probed.
"""

from .args import read_enum, read_int, read_list, Reject, read_str
from .catalog import today_wib
from .domain import AVAILABILITY_VALUES, MAX_PRICE_RP
from .orders import ORDER_LEVEL_STATES, TERMINAL_STATES, read_order_id, recompute_order

PART_TRANSITIONS = {
    "sent": ("accepted", "adjusted", "rejected"),
    "accepted": ("adjusted", "rejected", "ready"),
    "adjusted": ("accepted", "adjusted", "rejected", "ready"),
    "ready": (),
    "rejected": (),
}
ORDER_TRANSITIONS = {"ready": ("picked_up", "on_the_way"), "picked_up": ("on_the_way", "delivered"),
                     "on_the_way": ("delivered",)}
PICKUP_TRANSITIONS = {"ready": ("picked_up",)}  # a pickup order ends when the buyer collects it
PART_STATUSES = ("accepted", "adjusted", "rejected", "ready")
COURIER_STATUSES = ("picked_up", "on_the_way", "delivered")
MAX_WEIGHED_OVERSHOOT_NUM, MAX_WEIGHED_OVERSHOOT_DEN = 3, 2  # a weighed line may settle at up to 1.5x


def _load_own_product(ctx, args):
    product_id = read_str(args, "product_id", "args.product_id", 120)
    product = ctx.conn.execute("SELECT id, stall_id, market_id, price_rp, availability FROM products WHERE id=?",
                               (product_id,)).fetchone()
    if product is None:
        raise Reject("unknown_product", "args.product_id %r is not in the catalogue" % product_id, "args.product_id")
    account = ctx.account
    allowed = (product["stall_id"] == account["stall_id"] if account["kind"] == "vendor"
               else product["market_id"] == account["market_id"])
    if not allowed:
        raise Reject("forbidden", "args.product_id %r belongs to another stall; you may change only your own"
                     % product_id, "args.product_id")
    return product


def set_price(ctx, args):
    product = _load_own_product(ctx, args)
    price_rp = read_int(args, "price_rp", "args.price_rp", 1, MAX_PRICE_RP)
    if price_rp != product["price_rp"]:
        seq = ctx.catalog_seq()
        ctx.conn.execute("UPDATE products SET price_rp=?, price_date=?, version=? WHERE id=?",
                         (price_rp, today_wib(), ctx.versions.get(), product["id"]))
        ctx.conn.execute("INSERT OR REPLACE INTO price_history(product_id, seq, price_rp) VALUES(?, ?, ?)",
                         (product["id"], seq, price_rp))
    return {"product_id": product["id"], "price_rp": price_rp}


def set_availability(ctx, args):
    product = _load_own_product(ctx, args)
    availability = read_enum(args, "availability", "args.availability", AVAILABILITY_VALUES)
    if availability != product["availability"]:
        ctx.catalog_seq()
        ctx.conn.execute("UPDATE products SET availability=?, version=? WHERE id=?",
                         (availability, ctx.versions.get(), product["id"]))
    return {"product_id": product["id"], "availability": availability}


def set_stall_open(ctx, args):
    """{stall_id?, open}: a stall closes for the day (or a holiday) and opens again; while closed,
    place_order rejects its lines with `stall_closed` and the static catalogue marks it `closed`."""
    account = ctx.account
    stall_id = read_str(args, "stall_id", "args.stall_id", 120, required=account["kind"] == "staff",
                   default=account["stall_id"])
    is_open = args.get("open")
    if not isinstance(is_open, bool):
        raise Reject("invalid_args", "args.open must be true or false", "args.open")
    stall = ctx.conn.execute("SELECT id, market_id, closed FROM stalls WHERE id=?", (stall_id,)).fetchone()
    if stall is None:
        raise Reject("unknown_stall", "args.stall_id %r is not a stall of this catalogue" % stall_id, "args.stall_id")
    allowed = (stall_id == account["stall_id"] if account["kind"] == "vendor"
               else stall["market_id"] == account["market_id"])
    if not allowed:
        raise Reject("forbidden", "args.stall_id %r is another stall; you may open or close only your own"
                     % stall_id, "args.stall_id")
    if bool(stall["closed"]) == is_open:
        ctx.catalog_seq()
        ctx.conn.execute("UPDATE stalls SET closed=?, version=? WHERE id=?",
                         (int(not is_open), ctx.versions.get(), stall_id))
    return {"stall_id": stall_id, "open": is_open}


def _load_visible_order(ctx, args):
    order_id = read_order_id(args)
    order = ctx.conn.execute("SELECT * FROM orders WHERE order_id=?", (order_id,)).fetchone()
    account = ctx.account
    if order is not None:
        if account["kind"] == "staff":
            visible = order["market_id"] == account["market_id"]
        else:
            visible = ctx.conn.execute("SELECT 1 FROM order_stalls WHERE order_id=? AND stall_id=?",
                                       (order_id, account["stall_id"])).fetchone() is not None
        if visible:
            return order
    raise Reject("not_found", "no order %s among the orders you may see" % order_id, "args.order_id")


def _apply_line_change(ctx, order, line_no, settled_qty_milli, price_rp, path, stall_ids):
    """Changes one line's settled quantity and/or price inside its bounds; returns True if anything changed."""
    line = ctx.conn.execute("SELECT * FROM order_lines WHERE order_id=? AND line_no=?",
                            (order["order_id"], line_no)).fetchone()
    if line is None or line["stall_id"] not in stall_ids:
        raise Reject("unknown_line", "%s: order %s has no line %d of your stall" % (path, order["order_id"], line_no),
                     path + ".line_no")
    new_settled, new_price = line["settled_qty_milli"], line["price_rp"]
    if settled_qty_milli is not None:
        qty = line["qty_milli"]
        most = qty * MAX_WEIGHED_OVERSHOOT_NUM // MAX_WEIGHED_OVERSHOOT_DEN if line["weighed"] else qty
        if settled_qty_milli > most:
            raise Reject("invalid_quantity", "%s.settled_qty_milli %d is more than allowed for this line (at most %d%s)"
                         % (path, settled_qty_milli, most, "" if line["weighed"] else ", the quantity ordered"),
                         path + ".settled_qty_milli")
        if line["unit"] == "piece" and not line["weighed"] and qty % 1000 == 0 and settled_qty_milli % 1000:
            raise Reject("invalid_quantity", "%s.settled_qty_milli must be whole pieces" % path,
                         path + ".settled_qty_milli")
        new_settled = settled_qty_milli
    if price_rp is not None:
        if not line["price_stale"]:
            raise Reject("price_not_adjustable", "%s.price_rp: only a line quoted from an older price list may "
                         "change price" % path, path + ".price_rp")
        low, high = sorted((line["quoted_price_rp"], line["list_price_rp"]))
        if not low <= price_rp <= high:
            raise Reject("invalid_price", "%s.price_rp must be between the quoted %d and today's %d"
                         % (path, low, high), path + ".price_rp")
        new_price = price_rp
    if (new_settled, new_price) == (line["settled_qty_milli"], line["price_rp"]):
        return False
    ctx.conn.execute("UPDATE order_lines SET settled_qty_milli=?, price_rp=? WHERE order_id=? AND line_no=?",
                     (new_settled, new_price, order["order_id"], line_no))
    return True


def _target_parts(ctx, order, args):
    """The stall parts a part-level status applies to: the vendor's own, or for staff one stall or all open."""
    account = ctx.account
    parts = {r["stall_id"]: r["status"] for r in
             ctx.conn.execute("SELECT stall_id, status FROM order_stalls WHERE order_id=?", (order["order_id"],))}
    stall_id = read_str(args, "stall_id", "args.stall_id", 120, required=False)
    if account["kind"] == "vendor":
        if stall_id is not None and stall_id != account["stall_id"]:
            raise Reject("forbidden", "args.stall_id: you may answer only for your own stall", "args.stall_id")
        return {account["stall_id"]: parts[account["stall_id"]]}
    if stall_id is not None:
        if stall_id not in parts:
            raise Reject("invalid_args", "args.stall_id %r has no lines in this order" % stall_id, "args.stall_id")
        return {stall_id: parts[stall_id]}
    return {s: status for s, status in parts.items() if status != "rejected"}


def set_order_status(ctx, args):
    order = _load_visible_order(ctx, args)
    status = read_enum(args, "status", "args.status", PART_STATUSES + COURIER_STATUSES)
    reason = read_str(args, "reason", "args.reason", 200, required=status == "rejected",
                 min_len=1 if status == "rejected" else 0, default=None)
    current = order["status"]
    if current in TERMINAL_STATES or (current == "picked_up" and order["delivery_method"] == "pickup"):
        raise Reject("invalid_transition", "the order is %s; it can no longer change" % current, "args.status",
                     order_status=current)
    conn = ctx.conn
    if status in COURIER_STATUSES:
        if ctx.account["kind"] == "vendor":
            stalls = {r[0] for r in conn.execute("SELECT stall_id FROM order_stalls WHERE order_id=?",
                                                 (order["order_id"],))}
            if order["delivery_method"] not in ("stall", "pickup") or stalls != {ctx.account["stall_id"]}:
                raise Reject("forbidden", "args.status %s is the cooperative courier's to set for this order" % status,
                             "args.status")
        if status != current:
            transitions = PICKUP_TRANSITIONS if order["delivery_method"] == "pickup" else ORDER_TRANSITIONS
            if status not in transitions.get(current, ()):
                raise Reject("invalid_transition", "args.status: an order that is %s cannot become %s"
                             % (current, status), "args.status", order_status=current)
            conn.execute("UPDATE orders SET status=? WHERE order_id=?", (status, order["order_id"]))
        return recompute_order(ctx, order["order_id"])
    if current in ORDER_LEVEL_STATES:
        raise Reject("invalid_transition", "the order is already %s; the stalls' answers are final" % current,
                     "args.status", order_status=current)
    targets = _target_parts(ctx, order, args)
    changed_lines = False
    if status == "adjusted":
        changes = read_list(args, "lines", "args.lines", 1, 100)
        for i, change in enumerate(changes):
            path = "args.lines[%d]" % i
            if not isinstance(change, dict):
                raise Reject("invalid_args", "%s must be an object" % path, path)
            line_no = read_int(change, "line_no", path + ".line_no", 1, 100)
            settled = read_int(change, "settled_qty_milli", path + ".settled_qty_milli", 0, 10 ** 9, required=False)
            price_rp = read_int(change, "price_rp", path + ".price_rp", 1, MAX_PRICE_RP, required=False)
            if settled is None and price_rp is None:
                raise Reject("invalid_args", "%s needs settled_qty_milli or price_rp" % path, path)
            changed_lines |= _apply_line_change(ctx, order, line_no, settled, price_rp, path, targets)
    for stall_id, part_status in targets.items():
        if status == part_status and status != "adjusted":
            continue  # the same answer twice (e.g. two phones of one stall): nothing to do
        if status not in PART_TRANSITIONS[part_status]:
            raise Reject("invalid_transition", "args.status: the %s part of this order is %s and cannot become %s"
                         % (stall_id, part_status, status), "args.status", order_status=current)
        conn.execute("UPDATE order_stalls SET status=?, reason=? WHERE order_id=? AND stall_id=?",
                     (status, reason if status in ("rejected", "adjusted") else None, order["order_id"], stall_id))
    return recompute_order(ctx, order["order_id"])


def settle_weight(ctx, args):
    order = _load_visible_order(ctx, args)
    line_no = read_int(args, "line_no", "args.line_no", 1, 100)
    settled = read_int(args, "settled_qty_milli", "args.settled_qty_milli", 0, 10 ** 9, code="invalid_quantity")
    if order["status"] in TERMINAL_STATES or order["status"] in ORDER_LEVEL_STATES:
        raise Reject("not_adjustable", "the order is %s; its weights are final" % order["status"], "args.order_id",
                     order_status=order["status"])
    line = ctx.conn.execute("SELECT stall_id FROM order_lines WHERE order_id=? AND line_no=?",
                            (order["order_id"], line_no)).fetchone()
    account = ctx.account
    if line is None or (account["kind"] == "vendor" and line["stall_id"] != account["stall_id"]):
        raise Reject("unknown_line", "order %s has no line %d of your stall" % (order["order_id"], line_no),
                     "args.line_no")
    part_status = ctx.conn.execute("SELECT status FROM order_stalls WHERE order_id=? AND stall_id=?",
                                   (order["order_id"], line["stall_id"])).fetchone()[0]
    if part_status not in ("sent", "accepted", "adjusted"):
        raise Reject("not_adjustable", "this stall's part is %s; its weights are final" % part_status,
                     "args.line_no", order_status=order["status"])
    changed = _apply_line_change(ctx, order, line_no, settled, None, "args", {line["stall_id"]})
    if changed and settled != ctx.conn.execute("SELECT qty_milli FROM order_lines WHERE order_id=? AND line_no=?",
                                               (order["order_id"], line_no)).fetchone()[0]:
        ctx.conn.execute("UPDATE order_stalls SET status='adjusted' WHERE order_id=? AND stall_id=?",
                         (order["order_id"], line["stall_id"]))
    return recompute_order(ctx, order["order_id"])
