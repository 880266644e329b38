"""The mutations of a stall and of its market's cooperative staff: the catalogue edits (set_price,
set_availability, set_stall_open) here, the order answers (set_order_status, settle_weight) in orders.py.

Who may do what (ctx.account is the signed-in account; the sync layer answers 401 before we get here when
a stall mutation arrives without a live token): a vendor (one stall) edits its own products and opens or
closes its own stall; staff (one market's cooperative) do so for every stall of their market. Products of
other stalls answer `forbidden` (products are public, so there is nothing to hide).
"""

from .args import Reject, read_enum, read_int, read_str
from .domain import AVAILABILITY_VALUES, MAX_PRICE_RP, today_wib
from .orders import set_order_status, settle_weight

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


STALL_MUTATIONS = {"set_price": set_price, "set_availability": set_availability, "set_stall_open": set_stall_open,
                   "set_order_status": set_order_status, "settle_weight": settle_weight}
