"""The order state machine, whole: every transition an order or a stall's part of it can make, who may
make it, and the money each change recomputes. Placing an order (its checks and arithmetic) is the buyer's
mutation in mutations_buyer.py; the read views of an order are in queries.py.

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

WHO MAY MOVE AN ORDER (ctx.account is the signed-in account; the sync layer answers 401 before we get here
when a stall mutation arrives without a live token)
  buyer (holds the order's secret): cancel while sent, accepted, adjusted or ready. A cancel of an order
      already cancelled answers ok again and changes nothing (two phones of one family may both cancel).
  vendor (one stall): its own part (accepted, adjusted, rejected, ready, settle_weight); the courier states
      only when the whole order is its stall's and the delivery method is `stall` or `pickup`.
  staff (one market's cooperative): every order of its market, courier states included.
Orders the account may not see answer `not_found`, so order ids cannot be probed.

THE CHANGE COUNTER
  A mutation that changes nothing (the same answer twice, a repeated cancel) writes no row and takes no
  new change version, so other phones' cookies are not moved by it.
"""

from .access import may_see_order
from .args import Reject, read_enum, read_int, read_list, read_str
from . import clock
from .catalog import rules_at
from .domain import MAX_PRICE_RP, MAX_REASON_CHARS, ORDER_ID_RE, compute_delivery_fee_rp, compute_line_total_rp
from .queries import load_order_by_secret, order_stall_ids

ORDER_LEVEL_STATES = ("picked_up", "on_the_way", "delivered", "cancelled")
TERMINAL_STATES = ("rejected", "delivered", "cancelled")
CANCELLABLE_STATES = ("sent", "accepted", "adjusted", "ready")
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
# Why a stall rejects its part (set_order_status `reason_code`); the app words each one. `other` needs a
# `reason` text; the others may add one.
REJECT_REASONS = ("sold_out", "not_enough_stock", "closing", "price_changed", "too_busy", "other")
MAX_WEIGHED_OVERSHOOT_NUM, MAX_WEIGHED_OVERSHOOT_DEN = 3, 2  # a weighed line may settle at up to 1.5x


DEFAULT_ANSWER_WINDOW_S = 15 * 60
MIN_ANSWER_WINDOW_S, MAX_ANSWER_WINDOW_S = 5 * 60, 2 * 3600


def answer_window_s(conn, market_id) -> int:
    """How long a stall has to answer a new order at this market (market_settings; 15 minutes unless the
    market's cooperative set another)."""
    row = conn.execute("SELECT answer_window_s FROM market_settings WHERE market_id=?", (market_id,)).fetchone()
    return row[0] if row else DEFAULT_ANSWER_WINDOW_S


def set_answer_window(ctx, args):
    """{answer_window_s}: the cooperative's staff set their market's answer window; orders placed after
    this get the new deadline, earlier ones keep theirs."""
    if ctx.account["kind"] != "staff":
        raise Reject("forbidden", "only the market cooperative sets the answer window", "args.answer_window_s")
    seconds = read_int(args, "answer_window_s", "args.answer_window_s", MIN_ANSWER_WINDOW_S, MAX_ANSWER_WINDOW_S)
    market_id = ctx.account["market_id"]
    if seconds != answer_window_s(ctx.conn, market_id):
        ctx.conn.execute("INSERT INTO market_settings(market_id, answer_window_s) VALUES(?, ?) ON CONFLICT(market_id) "
                         "DO UPDATE SET answer_window_s=excluded.answer_window_s", (market_id, seconds))
    return {"market_id": market_id, "answer_window_s": seconds}


def read_order_id(args, path="args.order_id"):
    order_id = read_str(args, "order_id", path, 12, 12)
    if not ORDER_ID_RE.match(order_id):
        raise Reject("invalid_args", "%s must be 12 Crockford base32 characters (0-9 and A-Z without I, L, O, U)"
                     % path, path)
    return order_id




def cancel_order(ctx, args):
    order_id = read_order_id(args)
    secret = read_str(args, "secret", "args.secret", 32, 32)
    reason = read_str(args, "reason", "args.reason", MAX_REASON_CHARS, min_len=0, required=False, default="")
    order = load_order_by_secret(ctx.conn, order_id, secret)
    if order is None:
        raise Reject("not_found", "no order with this args.order_id and args.secret", "args.order_id")
    if order["status"] != "cancelled":  # a repeat (another phone of the buyer's) is ok and changes nothing
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


def recompute_order(ctx, order_id, changed=True):
    """Re-derives line totals, money, needs_confirm and the status after a change to lines or parts.
    `changed` False: the caller changed nothing, so the order keeps its version unless the derived
    values differ from the stored ones."""
    conn = ctx.conn
    order = conn.execute("SELECT * FROM orders WHERE order_id=?", (order_id,)).fetchone()
    parts = {r["stall_id"]: (r["status"], r["reason"] or r["reason_code"]) for r in
             conn.execute("SELECT stall_id, status, reason, reason_code FROM order_stalls WHERE order_id=?",
                          (order_id,))}
    subtotal_rp, needs_confirm = 0, 0
    for line in conn.execute("SELECT * FROM order_lines WHERE order_id=?", (order_id,)).fetchall():
        part_status = parts[line["stall_id"]][0]
        qty_milli = line["qty_milli"] if line["settled_qty_milli"] is None else line["settled_qty_milli"]
        total_rp = 0 if part_status == "rejected" else compute_line_total_rp(line["price_rp"], qty_milli)
        if total_rp != line["line_total_rp"]:
            conn.execute("UPDATE order_lines SET line_total_rp=? WHERE order_id=? AND line_no=?",
                         (total_rp, order_id, line["line_no"]))
            changed = True
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
        market = rules_at(conn, order["market_id"], order["rules_seq"])  # the rules it was placed under
        computed, fee_error = compute_delivery_fee_rp(market["delivery"], order["delivery_method"],
                                                   order["distance_m"] or 0, subtotal_rp)
        if fee_error is None:  # e.g. below_min_order after settling: the fee agreed at placement stands
            fee_rp = computed
    stored = (order["status"], order["reason"], order["subtotal_rp"], order["delivery_fee_rp"], order["total_rp"],
              order["needs_confirm"])
    if changed or stored != (status, reason, subtotal_rp, fee_rp, subtotal_rp + fee_rp, needs_confirm):
        # ready_at_ms: when it became ready (timers.py flags it when nobody collects it in time)
        ready_at_ms = order["ready_at_ms"] if order["status"] == "ready" else (clock.now_ms() if status == "ready"
                                                                              else None)
        conn.execute("UPDATE orders SET status=?, reason=?, subtotal_rp=?, delivery_fee_rp=?, total_rp=?, "
                     "needs_confirm=?, ready_at_ms=?, version=? WHERE order_id=?",
                     (status, reason, subtotal_rp, fee_rp, subtotal_rp + fee_rp, needs_confirm, ready_at_ms,
                      ctx.versions.get(), order_id))
    return {"order_id": order_id, "order_status": status, "subtotal_rp": subtotal_rp, "delivery_fee_rp": fee_rp,
            "total_rp": subtotal_rp + fee_rp, "needs_confirm": bool(needs_confirm)}


def _load_visible_order(ctx, args):
    order_id = read_order_id(args)
    order = ctx.conn.execute("SELECT * FROM orders WHERE order_id=?", (order_id,)).fetchone()
    if order is not None and may_see_order(ctx.account, order, order_stall_ids(ctx.conn, order_id)):
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
    reason_code = read_enum(args, "reason_code", "args.reason_code", REJECT_REASONS, required=False)
    if reason_code is not None and status != "rejected":
        raise Reject("invalid_args", "args.reason_code goes only with status rejected", "args.reason_code")
    text_needed = status == "rejected" and reason_code in (None, "other")
    reason = read_str(args, "reason", "args.reason", MAX_REASON_CHARS, required=text_needed,
                      min_len=1 if text_needed else 0, default=None) or None
    if status == "rejected" and reason_code is None:
        reason_code = "other"  # phones before the codes sent a sentence only
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
        return recompute_order(ctx, order["order_id"], changed=status != current)
    if current in ORDER_LEVEL_STATES:
        raise Reject("invalid_transition", "the order is already %s; the stalls' answers are final" % current,
                     "args.status", order_status=current)
    targets = _target_parts(ctx, order, args)
    changed_lines = changed_parts = False
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
        conn.execute("UPDATE order_stalls SET status=?, reason=?, reason_code=? WHERE order_id=? AND stall_id=?",
                     (status, reason if status in ("rejected", "adjusted") else None,
                      reason_code if status == "rejected" else None, order["order_id"], stall_id))
        changed_parts = True
    return recompute_order(ctx, order["order_id"], changed=changed_lines or changed_parts)


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
    return recompute_order(ctx, order["order_id"], changed=changed)

