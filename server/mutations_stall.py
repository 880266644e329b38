"""The mutations of a stall and of its market's cooperative staff: the catalogue edits (set_price,
set_availability, set_stall_open, confirm_prices, add_product, set_product_hidden) here, the order answers (set_order_status, settle_weight) in orders.py.

Who may do what (ctx.account is the signed-in account; the sync layer answers 401 before we get here when
a stall mutation arrives without a live token): a vendor (one stall) edits its own products and opens or
closes its own stall; staff (one market's cooperative) do so for every stall of their market. Products of
other stalls answer `forbidden` (products are public, so there is nothing to hide).
"""

import json

from . import clock
from .args import Reject, read_enum, read_int, read_list, read_str
from .catalog import category_ids
from .domain import AVAILABILITY_VALUES, MAX_PRICE_RP, MAX_QTY_MILLI_BY_UNIT, UNITS, today_wib
from .orders import set_answer_window, set_order_status, settle_weight

MAX_CLOSED_S = 31 * 24 * 3600  # `until_ms` at most a month ahead (a holiday, a renovation)
MAX_PRODUCT_NAME_CHARS = 60
MAX_STEPS = 8
MAX_PRODUCTS_PER_STALL = 300


def _load_own_product(ctx, args):
    product_id = read_str(args, "product_id", "args.product_id", 120)
    product = ctx.conn.execute("SELECT id, stall_id, market_id, price_rp, price_date, availability, hidden "
                               "FROM products WHERE id=?", (product_id,)).fetchone()
    if product is None:
        raise Reject("unknown_product", "args.product_id %r is not in the catalogue" % product_id, "args.product_id")
    account = ctx.account
    allowed = (product["stall_id"] == account["stall_id"] if account["kind"] == "vendor"
               else product["market_id"] == account["market_id"])
    if not allowed:
        raise Reject("forbidden", "args.product_id %r belongs to another stall; you may change only your own"
                     % product_id, "args.product_id")
    return product


def _load_own_stall(ctx, args):
    """The stall a stall mutation is about: the vendor's own (args.stall_id may name it), or for staff the
    one args.stall_id names in their market."""
    account = ctx.account
    stall_id = read_str(args, "stall_id", "args.stall_id", 120, required=account["kind"] == "staff",
                        default=account["stall_id"])
    stall = ctx.conn.execute("SELECT * FROM stalls WHERE id=?", (stall_id,)).fetchone()
    if stall is None:
        raise Reject("unknown_stall", "args.stall_id %r is not a stall of this catalogue" % stall_id, "args.stall_id")
    allowed = (stall_id == account["stall_id"] if account["kind"] == "vendor"
               else stall["market_id"] == account["market_id"])
    if not allowed:
        raise Reject("forbidden", "args.stall_id %r is another stall; you may change only your own" % stall_id,
                     "args.stall_id")
    return stall


def set_price(ctx, args):
    """{product_id, price_rp, seen_price_rp?}: seen_price_rp is the price the phone showed when the vendor
    typed the new one. When the server's price has moved since (another phone of the stall, the
    cooperative), the answer is `price_moved` with current_price_rp and nothing changes: the vendor
    decides again. Without seen_price_rp (older phones) the new price is taken as before."""
    product = _load_own_product(ctx, args)
    price_rp = read_int(args, "price_rp", "args.price_rp", 1, MAX_PRICE_RP)
    seen_price_rp = read_int(args, "seen_price_rp", "args.seen_price_rp", 1, MAX_PRICE_RP, required=False)
    if seen_price_rp is not None and seen_price_rp != product["price_rp"] and price_rp != product["price_rp"]:
        raise Reject("price_moved", "args.seen_price_rp %d: the price is now %d (changed since this phone saw it)"
                     % (seen_price_rp, product["price_rp"]), "args.seen_price_rp", product_id=product["id"],
                     current_price_rp=product["price_rp"], price_date=product["price_date"])
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
    """{stall_id?, open, until_ms?}: a stall closes for the day, until a time (until_ms, epoch ms: it
    opens again by itself then) or until it opens again; while closed, place_order rejects its lines
    with `stall_closed` and the static catalogue marks it `closed`. A stall paused for missed answers
    (`paused`) is reopened by its cooperative's staff only: the vendor's open=true answers `stall_paused`."""
    account = ctx.account
    stall = _load_own_stall(ctx, args)
    is_open = args.get("open")
    if not isinstance(is_open, bool):
        raise Reject("invalid_args", "args.open must be true or false", "args.open")
    now_ms = clock.now_ms()
    until_ms = read_int(args, "until_ms", "args.until_ms", 0, 2 ** 53, required=False)
    if until_ms is not None:
        if is_open:
            raise Reject("invalid_args", "args.until_ms goes only with open=false", "args.until_ms")
        if not now_ms < until_ms <= now_ms + MAX_CLOSED_S * 1000:
            raise Reject("invalid_until", "args.until_ms must be after now (%d) and at most %d days ahead"
                         % (now_ms, MAX_CLOSED_S // 86400), "args.until_ms", now_ms=now_ms)
    paused = stall["paused"]
    if is_open and paused:
        if account["kind"] == "vendor":
            raise Reject("stall_paused", "new orders are paused (%s); the market cooperative reopens the stall"
                         % paused, "args.open", paused=paused, reopen_by="staff")
        paused = None
    closed = int(not is_open)
    if (closed, until_ms, paused) != (stall["closed"], stall["closed_until_ms"], stall["paused"]):
        ctx.catalog_seq()
        ctx.conn.execute("UPDATE stalls SET closed=?, closed_until_ms=?, paused=?, version=? WHERE id=?",
                         (closed, until_ms, paused, ctx.versions.get(), stall["id"]))
    return {"stall_id": stall["id"], "open": is_open, "until_ms": until_ms}


def confirm_prices(ctx, args):
    """{stall_id?}: "Harga hari ini sama": every price of the stall stands for today. Each visible
    product's price_date becomes today (WIB) and the stall is counted as having published today's prices
    (table price_confirmations, one row per stall per market day). A second tap the same day changes
    nothing."""
    stall = _load_own_stall(ctx, args)
    today = today_wib()
    stale = [r[0] for r in ctx.conn.execute("SELECT id FROM products WHERE stall_id=? AND hidden=0 AND "
                                            "price_date<>? ORDER BY position", (stall["id"], today))]
    if stale:
        ctx.catalog_seq()
        ctx.conn.executemany("UPDATE products SET price_date=?, version=? WHERE id=?",
                             [(today, ctx.versions.get(), product_id) for product_id in stale])
    count = ctx.conn.execute("SELECT COUNT(*) FROM products WHERE stall_id=? AND hidden=0",
                             (stall["id"],)).fetchone()[0]
    ctx.conn.execute("INSERT OR IGNORE INTO price_confirmations(stall_id, market_day, market_id, confirmed_at_ms, "
                     "products) VALUES(?, ?, ?, ?, ?)", (stall["id"], today, stall["market_id"], clock.now_ms(), count))
    return {"stall_id": stall["id"], "market_day": today, "products_confirmed": len(stale)}


def _read_steps(args, unit):
    steps = read_list(args, "steps", "args.steps", 1, MAX_STEPS)
    out = []
    for i, step in enumerate(steps):
        path = "args.steps[%d]" % i
        if not isinstance(step, dict):
            raise Reject("invalid_args", "%s must be an object" % path, path)
        label = read_str(step, "label", path + ".label", 20)
        qty = read_int(step, "qty_milli", path + ".qty_milli", 1, MAX_QTY_MILLI_BY_UNIT[unit])
        if unit == "piece" and qty % 1000:
            raise Reject("invalid_quantity", "%s.qty_milli must be whole pieces (a multiple of 1000)" % path,
                         path + ".qty_milli")
        out.append({"label": label, "qty_milli": qty})
    return out


def add_product(ctx, args):
    """{stall_id?, name, category, unit, steps[{label, qty_milli}], price_rp, availability?, weighed?,
    piece_name?}: a new product of the stall, with the catalogue's product fields. The server names it
    (<stall_id>.n<k>); buyers' phones learn of it by `market_reset` (sync.py)."""
    stall = _load_own_stall(ctx, args)
    name = read_str(args, "name", "args.name", MAX_PRODUCT_NAME_CHARS)
    categories = category_ids(ctx.conn)
    category = read_str(args, "category", "args.category", 40)
    if category not in categories:
        raise Reject("unknown_category", "args.category must be one of %s" % ", ".join(categories), "args.category")
    unit = read_enum(args, "unit", "args.unit", UNITS)
    steps = _read_steps(args, unit)
    price_rp = read_int(args, "price_rp", "args.price_rp", 1, MAX_PRICE_RP)
    availability = read_enum(args, "availability", "args.availability", AVAILABILITY_VALUES, required=False,
                             default="tersedia")
    weighed = args.get("weighed", unit != "piece")
    if not isinstance(weighed, bool):
        raise Reject("invalid_args", "args.weighed must be true or false", "args.weighed")
    piece_name = read_str(args, "piece_name", "args.piece_name", 20, required=False)
    conn = ctx.conn
    names = {json.loads(r[0])["name"].casefold() for r in
             conn.execute("SELECT doc FROM products WHERE stall_id=? AND hidden=0", (stall["id"],))}
    if name.casefold() in names:
        raise Reject("product_exists", "args.name %r is already a product of this stall" % name, "args.name")
    count = conn.execute("SELECT COUNT(*) FROM products WHERE stall_id=?", (stall["id"],)).fetchone()[0]
    if count >= MAX_PRODUCTS_PER_STALL:
        raise Reject("too_many_products", "a stall lists at most %d products" % MAX_PRODUCTS_PER_STALL, "args.name")
    k = count + 1
    while conn.execute("SELECT 1 FROM products WHERE id=?", ("%s.n%d" % (stall["id"], k),)).fetchone():
        k += 1
    product_id = "%s.n%d" % (stall["id"], k)
    today = today_wib()
    doc = {"id": product_id, "name": name, "category": category, "unit": unit}
    if piece_name:
        doc["piece_name"] = piece_name
    doc.update({"price_rp": price_rp, "price_date": today, "steps": steps, "weighed": weighed,
                "free_qty": unit != "piece", "availability": availability})
    seq = ctx.catalog_seq()
    version = ctx.versions.get()
    position = conn.execute("SELECT MAX(position) FROM products").fetchone()[0] + 1  # after the stall's last
    conn.execute("INSERT INTO products(id, stall_id, market_id, position, doc, price_rp, price_date, availability, "
                 "version) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)", (product_id, stall["id"], stall["market_id"], position,
                                                                json.dumps(doc, ensure_ascii=False), price_rp, today,
                                                                availability, version))
    conn.execute("INSERT INTO price_history(product_id, seq, price_rp) VALUES(?, ?, ?)", (product_id, seq, price_rp))
    conn.execute("UPDATE markets SET version=? WHERE id=?", (version, stall["market_id"]))
    return {"product_id": product_id, "stall_id": stall["id"], "market_id": stall["market_id"]}


def set_product_hidden(ctx, args):
    """{product_id, hidden}: hides a product from buyers (gone from the market's file; place_order answers
    `product_hidden`) or shows it again. Orders already placed keep their lines."""
    product = _load_own_product(ctx, args)
    hidden = args.get("hidden")
    if not isinstance(hidden, bool):
        raise Reject("invalid_args", "args.hidden must be true or false", "args.hidden")
    if bool(product["hidden"]) != hidden:
        ctx.catalog_seq()
        version = ctx.versions.get()
        ctx.conn.execute("UPDATE products SET hidden=?, version=? WHERE id=?", (int(hidden), version, product["id"]))
        ctx.conn.execute("UPDATE markets SET version=? WHERE id=?", (version, product["market_id"]))
    return {"product_id": product["id"], "hidden": hidden}


STALL_MUTATIONS = {"set_price": set_price, "set_availability": set_availability, "set_stall_open": set_stall_open,
                   "confirm_prices": confirm_prices, "add_product": add_product,
                   "set_product_hidden": set_product_hidden,
                   "set_order_status": set_order_status, "settle_weight": settle_weight,
                   "set_answer_window": set_answer_window}
