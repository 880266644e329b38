"""The catalogue on the server: load and check the JSON files, seed the database, export static JSON.

The files follow README section "Catalogue schema (format_version 1)". At first start the database is
seeded from --catalog-dir (catalogue seq 1, change version 0). From then on the database is the truth:
vendors change prices and availability through sync, each change commits a new catalogue version
(`catalog_versions`, seq + 1) and keeps the old price in `price_history`, so an order placed offline
against yesterday's list is judged against yesterday's list.

After such a change, `ExportCatalog` rewrites `<data-dir>/catalog/` (index.json + markets/<id>.json, each
write tmp + rename) so any static host can carry catalogue reads; all files carry the new catalog_version
because the schema requires the market files to match the index.
"""

import functools
import json
import os
import threading

from .db import get_counter, get_meta, set_counter, set_meta
from .domain import (AVAILABILITY_VALUES, DELIVERY_METHODS, MAX_PRICE_RP, UNITS, is_int, normalize_phone, today_wib,
                     validate_fee_rule)

FORMAT_VERSION = 1


class CatalogError(Exception):
    """The catalogue files break the schema; the message names the file and the JSON path."""


def _require(condition, message):
    if not condition:
        raise CatalogError(message)


def _check_product(product, where, seen_ids):
    _require(isinstance(product, dict), "%s must be an object" % where)
    pid = product.get("id")
    _require(isinstance(pid, str) and pid, "%s.id must be a non-empty string" % where)
    _require(pid not in seen_ids, "%s.id %r repeats an earlier product id" % (where, pid))
    seen_ids.add(pid)
    _require(isinstance(product.get("name"), str) and product["name"], "%s.name must be a string" % where)
    _require(product.get("unit") in UNITS, "%s.unit must be kg, liter or piece" % where)
    price_rp = product.get("price_rp")
    _require(is_int(price_rp) and 0 < price_rp <= MAX_PRICE_RP, "%s.price_rp must be a whole number > 0" % where)
    _require(isinstance(product.get("price_date"), str), "%s.price_date must be a YYYY-MM-DD string" % where)
    _require(product.get("availability") in AVAILABILITY_VALUES,
             "%s.availability must be tersedia, terbatas or habis" % where)
    steps = product.get("steps", [])
    _require(isinstance(steps, list), "%s.steps must be an array" % where)
    for i, step in enumerate(steps):
        _require(isinstance(step, dict) and is_int(step.get("qty_milli")) and step["qty_milli"] > 0,
                 "%s.steps[%d].qty_milli must be a whole number > 0" % (where, i))
    for flag in ("weighed", "free_qty"):
        _require(isinstance(product.get(flag, False), bool), "%s.%s must be true or false" % (where, flag))


def _check_market_entry(market, where, area_ids):
    _require(isinstance(market, dict), "%s must be an object" % where)
    _require(isinstance(market.get("id"), str) and market["id"], "%s.id must be a non-empty string" % where)
    delivery = market.get("delivery")
    _require(isinstance(delivery, dict), "%s.delivery must be an object" % where)
    for name in ("min_order_rp", "free_above_rp", "max_distance_m"):
        _require(is_int(delivery.get(name)) and delivery[name] >= 0,
                 "%s.delivery.%s must be a whole number >= 0" % (where, name))
    methods = delivery.get("methods")
    _require(isinstance(methods, list) and methods, "%s.delivery.methods must be a non-empty array" % where)
    for i, entry in enumerate(methods):
        path = "%s.delivery.methods[%d]" % (where, i)
        _require(isinstance(entry, dict) and entry.get("method") in DELIVERY_METHODS,
                 "%s.method must be one of %s" % (path, ", ".join(DELIVERY_METHODS)))
        problem = validate_fee_rule(entry.get("fee_rule"), path + ".fee_rule")
        _require(problem is None, problem)
    _require(isinstance(delivery.get("pickup_min_order", False), bool),
             "%s.delivery.pickup_min_order must be true or false" % where)
    phone = market.get("coop_phone")
    _require(phone is None or (isinstance(phone, str) and normalize_phone(phone)[0] == phone),
             "%s.coop_phone must be an Indonesian mobile number written +628..." % where)
    distances = market.get("area_distance_m", {})
    _require(isinstance(distances, dict), "%s.area_distance_m must be an object" % where)
    for area_id, distance_m in distances.items():
        _require(area_id in area_ids, "%s.area_distance_m has unknown area %r" % (where, area_id))
        _require(is_int(distance_m) and distance_m >= 0,
                 "%s.area_distance_m.%s must be whole metres >= 0" % (where, area_id))
    _require(isinstance(market.get("file"), str), "%s.file must be a path string" % where)


def load_catalog_dir(catalog_dir: str) -> dict:
    """Reads and checks index.json and every market file. Returns {index, markets: {id: file_doc}}."""
    index_path = os.path.join(catalog_dir, "index.json")
    try:
        with open(index_path, "rb") as f:
            index = json.loads(f.read().decode("utf-8"))
    except (OSError, ValueError) as error:
        raise CatalogError("cannot read %s: %s" % (index_path, error))
    _require(isinstance(index, dict), "index.json must be an object")
    _require(index.get("format_version") == FORMAT_VERSION, "index.json format_version must be 1")
    _require(isinstance(index.get("catalog_version"), str) and index["catalog_version"],
             "index.json catalog_version must be a string")
    areas = index.get("areas", [])
    _require(isinstance(areas, list), "index.json areas must be an array")
    area_ids = {a.get("id") for a in areas if isinstance(a, dict)}
    markets = index.get("markets")
    _require(isinstance(markets, list) and markets, "index.json markets must be a non-empty array")
    files, product_ids, stall_ids, market_ids = {}, set(), set(), set()
    for mi, market in enumerate(markets):
        where = "index.json markets[%d]" % mi
        _check_market_entry(market, where, area_ids)
        _require(market["id"] not in market_ids, "%s.id %r repeats" % (where, market["id"]))
        market_ids.add(market["id"])
        rel = market["file"]
        _require(not os.path.isabs(rel) and ".." not in rel.split("/"), "%s.file must stay inside the dir" % where)
        path = os.path.join(catalog_dir, rel)
        try:
            with open(path, "rb") as f:
                doc = json.loads(f.read().decode("utf-8"))
        except (OSError, ValueError) as error:
            raise CatalogError("cannot read %s: %s" % (path, error))
        _require(isinstance(doc, dict) and doc.get("format_version") == FORMAT_VERSION,
                 "%s format_version must be 1" % rel)
        _require(doc.get("market_id") == market["id"], "%s market_id must be %r" % (rel, market["id"]))
        _require(doc.get("catalog_version") == index["catalog_version"],
                 "%s catalog_version must match index.json" % rel)
        stalls = doc.get("stalls")
        _require(isinstance(stalls, list), "%s stalls must be an array" % rel)
        for si, stall in enumerate(stalls):
            swhere = "%s stalls[%d]" % (rel, si)
            _require(isinstance(stall, dict) and isinstance(stall.get("id"), str) and stall["id"],
                     "%s.id must be a non-empty string" % swhere)
            _require(stall["id"] not in stall_ids, "%s.id %r repeats an earlier stall id" % (swhere, stall["id"]))
            stall_ids.add(stall["id"])
            _require(isinstance(stall.get("products"), list), "%s.products must be an array" % swhere)
            for pi, product in enumerate(stall["products"]):
                _check_product(product, "%s.products[%d]" % (swhere, pi), product_ids)
        files[market["id"]] = doc
    return {"index": index, "markets": files}


def seed_catalog(conn, loaded: dict):
    """First start: copy the catalogue into empty tables (inside the caller's transaction)."""
    index = loaded["index"]
    index_rest = {k: v for k, v in index.items() if k != "markets"}
    set_meta(conn, "index_doc", json.dumps(index_rest, ensure_ascii=False))
    conn.execute("INSERT INTO catalog_versions(seq, catalog_version, version) VALUES(1, ?, 0)",
                 (index["catalog_version"],))
    for mpos, market in enumerate(index["markets"]):
        file_doc = loaded["markets"][market["id"]]
        file_rest = {k: v for k, v in file_doc.items() if k != "stalls"}
        conn.execute("INSERT INTO markets(id, position, doc, file_doc) VALUES(?, ?, ?, ?)",
                     (market["id"], mpos, json.dumps(market, ensure_ascii=False),
                      json.dumps(file_rest, ensure_ascii=False)))
        ppos = 0
        for spos, stall in enumerate(file_doc["stalls"]):
            stall_rest = {k: v for k, v in stall.items() if k != "products"}
            conn.execute("INSERT INTO stalls(id, market_id, position, doc) VALUES(?, ?, ?, ?)",
                         (stall["id"], market["id"], spos, json.dumps(stall_rest, ensure_ascii=False)))
            for product in stall["products"]:
                conn.execute(
                    "INSERT INTO products(id, stall_id, market_id, position, doc, price_rp, price_date, "
                    "availability, version) VALUES(?, ?, ?, ?, ?, ?, ?, ?, 0)",
                    (product["id"], stall["id"], market["id"], ppos, json.dumps(product, ensure_ascii=False),
                     product["price_rp"], product["price_date"], product["availability"]))
                conn.execute("INSERT INTO price_history(product_id, seq, price_rp) VALUES(?, 1, ?)",
                             (product["id"], product["price_rp"]))
                ppos += 1
    set_counter(conn, "catalog_seq", 1)
    set_counter(conn, "version", 0)


def current_catalog(conn):
    """(seq, catalog_version string) of the catalogue now in force."""
    row = conn.execute("SELECT seq, catalog_version FROM catalog_versions ORDER BY seq DESC LIMIT 1").fetchone()
    return row[0], row[1]


def bump_catalog_version(conn, version: int) -> int:
    """Starts a new catalogue version for the current transaction (once per push); returns its seq.

    The label is `<today in WIB>.<seq>`: seq alone makes it unique, the date only helps people.
    """
    seq = get_counter(conn, "catalog_seq") + 1
    set_counter(conn, "catalog_seq", seq)
    conn.execute("INSERT INTO catalog_versions(seq, catalog_version, version) VALUES(?, ?, ?)",
                 (seq, "%s.%d" % (today_wib(), seq), version))
    return seq


def build_catalog_docs(conn) -> dict:
    """All static catalogue documents from one read snapshot: {relative path: JSON-able doc}."""
    _, catalog_version = current_catalog(conn)
    index = json.loads(get_meta(conn, "index_doc"))
    index["catalog_version"] = catalog_version
    market_entries, docs = [], {}
    for mrow in conn.execute("SELECT id, doc, file_doc FROM markets ORDER BY position").fetchall():
        market = json.loads(mrow["doc"])
        market_entries.append(market)
        file_doc = json.loads(mrow["file_doc"])
        file_doc["catalog_version"] = catalog_version
        stalls = []
        product_count = 0
        for srow in conn.execute("SELECT id, doc, closed, paused FROM stalls WHERE market_id=? ORDER BY position",
                                 (mrow["id"],)).fetchall():
            stall = json.loads(srow["doc"])
            stall.pop("closed", None)
            if srow["closed"] or srow["paused"]:
                stall["closed"] = True  # optional schema field: the stall takes no orders for now
            products = []
            for prow in conn.execute("SELECT doc, price_rp, price_date, availability FROM products "
                                     "WHERE stall_id=? AND hidden=0 ORDER BY position", (srow["id"],)).fetchall():
                product = json.loads(prow["doc"])
                product["price_rp"] = prow["price_rp"]
                product["price_date"] = prow["price_date"]
                product["availability"] = prow["availability"]
                products.append(product)
            stall["products"] = products
            product_count += len(products)
            stalls.append(stall)
        if "product_count" in market:
            market["product_count"] = product_count  # products added or hidden by their stalls
        if "stall_count" in market:
            market["stall_count"] = len(stalls)  # stalls created by the cooperative
        file_doc["stalls"] = stalls
        docs[market["file"]] = file_doc
    index["markets"] = market_entries
    docs["index.json"] = index
    return docs


def _write_atomically(path: str, data: bytes):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = "%s.tmp%d" % (path, threading.get_ident())
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class CatalogExporter:
    """Keeps <data-dir>/catalog/ equal to the database's current catalogue version.

    `export_if_stale` is cheap when nothing changed; concurrent callers coalesce under one lock, and the
    last writer always writes the newest version (it reads the snapshot after taking the lock).
    """

    def __init__(self, store, out_dir: str):
        self.store = store
        self.out_dir = out_dir
        self.lock = threading.Lock()
        self.exported_seq = None

    def export_if_stale(self, force: bool = False) -> bool:
        with self.lock:
            with self.store.read() as conn:
                seq, _ = current_catalog(conn)
                index_path = os.path.join(self.out_dir, "index.json")
                if not force and seq == self.exported_seq and os.path.exists(index_path):
                    return False
                docs = build_catalog_docs(conn)
            for rel, doc in docs.items():
                if rel == "index.json":
                    continue  # the index goes last: a reader who sees the new index finds new market files
                _write_atomically(os.path.join(self.out_dir, rel), _encode(doc))
            _write_atomically(os.path.join(self.out_dir, "index.json"), _encode(docs["index.json"]))
            self.exported_seq = seq
            return True


def _encode(doc) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# ---- catalogue reads used while serving ----------------------------------------------------------------

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
    """A market's index entry (delivery rules, areas), or None. Its cooperative may change the rules
    (market_rules.py): the parse is cached by the entry's text, so a changed entry is parsed again."""
    row = conn.execute("SELECT doc FROM markets WHERE id=?", (market_id,)).fetchone()
    return parse_market_doc(row["doc"]) if row else None


def rules_at(conn, market_id, seq) -> dict:
    """The market entry in force in catalogue seq `seq`: the entry before the first change after it, or
    the current one."""
    row = conn.execute("SELECT old_doc FROM market_rule_changes WHERE market_id=? AND seq > ? ORDER BY seq LIMIT 1",
                       (market_id, seq)).fetchone()
    return json.loads(row[0]) if row else market_doc(conn, market_id)


def category_ids(conn) -> list:
    """The catalogue's category ids (index.json `categories`), in order."""
    return [c["id"] for c in json.loads(get_meta(conn, "index_doc")).get("categories", [])]


def current_catalog_version(conn) -> str:
    return current_catalog(conn)[1]
