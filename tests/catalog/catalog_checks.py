"""Validators for the pilot catalogue (README.md, section "Catalogue schema", format_version 1).

Each Check* function returns a list of error strings, each naming the JSON path that is wrong
(`markets[3].delivery.methods[1].fee_rule.per_km_rp: ...`); an empty list means valid. The tests assert
that the committed catalogue yields no errors and that deliberately broken documents yield the expected
ones, so the rules themselves are exercised. Facts (price ranges, tariffs) restate the project's field
notes independently of the generator: the generator's own tables are never imported here.
"""
import datetime
import re

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HHMM_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
PHONE_RE = re.compile(r"^\+628[1-9][0-9]{7,10}$")
VERSION_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.[1-9][0-9]*$")
STALL_NAME_RE = re.compile(r"^(Los|Lapak|Kios|Toko|Meja) [A-Z][A-Za-z]*( [A-Za-z]+)*( Blok [A-Z])?( No\.)? [0-9]+$")

MARKET_KINDS = {"pasar", "koperasi", "koperasi_nelayan"}
STALL_KINDS = {"sayur", "bumbu", "ikan", "seafood", "ikan_asin", "daging", "ayam", "telur", "tahu_tempe",
               "sembako", "buah"}
METHODS = {"pickup", "coop_courier", "ojek", "stall"}
UNITS = {"kg", "liter", "piece"}
AVAILABILITY = {"tersedia", "terbatas", "habis"}

INDEX_KEYS = {"format_version", "catalog_version", "regions", "categories", "areas", "markets"}
MARKET_KEYS = {"id", "region_id", "name", "kind", "kecamatan", "address", "hours", "known_for_id",
               "known_for_en", "pickup_point", "delivery", "area_distance_m", "stall_count", "product_count",
               "file"}
MARKET_OPTIONAL = {"auction_days", "coop_phone"}
COOP_PHONE_RE = re.compile(r"^\+628[1-9][0-9]{7,10}$")  # as serve.py stores FIELD.md's mobile numbers
STALL_KEYS = {"id", "name", "kind", "location", "products"}
STALL_OPTIONAL = {"phone", "qris"}
PRODUCT_KEYS = {"id", "name", "category", "unit", "price_rp", "price_date", "steps", "weighed", "free_qty",
                "availability"}
PRODUCT_OPTIONAL = {"piece_name", "piece_weight_g", "ref_price_rp", "ref_price_date"}

# Quoted ranges (whole rupiah per base unit) from the field notes, 2024-2026 where given. Single point
# quotes get +/-5%: a stall's price moves a little around the reported figure.
def _Around(rp):
    return (rp * 95 // 100, rp * 105 // 100)


PRICE_RANGES = {
    "Beras medium": (13500, 15500), "Cabai merah keriting": (20650, 42000), "Cabai rawit merah": (50000, 70650),
    "Bawang merah": (21750, 45000), "Bawang putih": (33000, 38650), "Daging ayam ras": (29900, 40000),
    "Ayam ras hidup": _Around(25000), "Daging sapi": (120000, 132500), "Telur ayam ras": (28000, 29000),
    "Minyak goreng curah": _Around(17000), "Minyak goreng MinyaKita": (14000, 15700),
    "Gula pasir": (17000, 18200), "Kangkung": (1000, 3000), "Bayam": (1000, 3000), "Sawi hijau": (1000, 3000),
    "Daun singkong": (1000, 3000), "Kacang panjang": (2000, 5000), "Tomat": (2500, 25000),
    "Kentang": (10000, 16000), "Wortel": (6000, 10000), "Kol": (3000, 7000), "Buncis": (7000, 14000),
    "Jagung manis": (2000, 2500), "Kelapa": _Around(10000),
    "Ikan tongkol": (25000, 35000), "Ikan kembung": (35000, 40000), "Ikan tenggiri": (45000, 65000),
    "Ikan ekor kuning": (25000, 30000), "Ikan selar": (30000, 35000), "Ikan kakap merah": (40000, 55000),
    "Ikan simba": (35000, 40000), "Ikan bawal": (35000, 55000), "Cumi-cumi": (40000, 60000),
    "Udang": (60000, 100000), "Rajungan": (40000, 80000), "Teri basah": _Around(25000),
}
# The trade office's monitored staples: these and only these carry a reference price.
MONITORED = {"Beras medium", "Cabai merah keriting", "Cabai rawit merah", "Bawang merah", "Bawang putih",
             "Daging ayam ras", "Daging sapi", "Telur ayam ras", "Minyak goreng curah",
             "Minyak goreng MinyaKita", "Gula pasir"}
PRICE_CAPPED = {"Minyak goreng MinyaKita"}  # sold at the government cap, not rounded to Rp250


def IsInt(v):
    return isinstance(v, int) and not isinstance(v, bool)


def IsText(v):
    return isinstance(v, str) and v.strip() != "" and v == v.strip()


def ParseDate(v):
    if not isinstance(v, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", v):
        return None
    try:
        return datetime.date.fromisoformat(v)
    except ValueError:
        return None


def Minutes(hhmm):
    return int(hhmm[:2]) * 60 + int(hhmm[3:])


def Crc16CcittFalse(data):
    """Bitwise CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor)."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def ParseTlv(text):
    """[(tag, value)] or None when the string is not a well-formed TLV sequence."""
    out, i = [], 0
    while i < len(text):
        if i + 4 > len(text) or not text[i:i + 4].isdigit():
            return None
        tag, length = text[i:i + 2], int(text[i + 2:i + 4])
        if i + 4 + length > len(text):
            return None
        out.append((tag, text[i + 4:i + 4 + length]))
        i += 4 + length
    return out


def CheckQris(path, payload):
    if not isinstance(payload, str) or not payload.isascii() or not payload.isprintable():
        return ["%s: expected a printable ASCII string" % path]
    fields = ParseTlv(payload)
    if fields is None:
        return ["%s: not a TLV string" % path]
    errors = []
    tags = [t for t, _ in fields]
    if tags[:2] != ["00", "01"] or fields[0][1] != "01" or fields[1][1] != "11":
        errors.append("%s: must start 000201 010211 (static)" % path)
    if tags[-1:] != ["63"] or len(fields[-1][1]) != 4 or not payload[-8:-4] == "6304":
        errors.append("%s: must end with 6304 and 4 CRC digits" % path)
    elif payload[-4:] != "%04X" % Crc16CcittFalse(payload[:-4].encode("ascii")):
        errors.append("%s: CRC %s does not match %04X" % (path, payload[-4:],
                                                           Crc16CcittFalse(payload[:-4].encode("ascii"))))
    if tags != sorted(tags) or len(set(tags)) != len(tags):
        errors.append("%s: tags must be unique and ascending" % path)
    values = dict(fields)
    expect = {"53": "360", "58": "ID", "60": "BANDAR LAMPUNG"}
    for tag, value in expect.items():
        if values.get(tag) != value:
            errors.append("%s: tag %s must be %r" % (path, tag, value))
    if "54" in values:
        errors.append("%s: a static QRIS carries no amount (tag 54)" % path)
    if not re.match(r"^[0-9]{4}$", values.get("52", "")):
        errors.append("%s: tag 52 (MCC) must be 4 digits" % path)
    if not 1 <= len(values.get("59", "")) <= 25:
        errors.append("%s: tag 59 (merchant name) must be 1..25 characters" % path)
    merchant = dict(ParseTlv(values.get("51", "")) or [])
    if merchant.get("00") != "ID.CO.QRIS.WWW" or not re.match(r"^ID10[0-9]{11}$", merchant.get("02", "")):
        errors.append("%s: tag 51 needs 00=ID.CO.QRIS.WWW and a 15-character NMID ID10..." % path)
    return errors


def CheckFeeRule(path, rule):
    if not isinstance(rule, dict):
        return ["%s: expected an object" % path]
    kind = rule.get("kind")
    keys = {"flat": {"kind", "fee_rp"}, "zones": {"kind", "zones"},
            "min_plus_per_km": {"kind", "min_fee_rp", "min_distance_m", "per_km_rp"}}.get(kind)
    if keys is None:
        return ["%s.kind: unknown fee rule %r" % (path, kind)]
    if set(rule) != keys:
        return ["%s: keys %s, expected %s" % (path, sorted(rule), sorted(keys))]
    errors = []
    if kind == "flat" and not (IsInt(rule["fee_rp"]) and rule["fee_rp"] >= 0):
        errors.append("%s.fee_rp: expected int >= 0" % path)
    if kind == "min_plus_per_km":
        for key in ("min_fee_rp", "min_distance_m", "per_km_rp"):
            if not (IsInt(rule[key]) and rule[key] > 0):
                errors.append("%s.%s: expected int > 0" % (path, key))
    if kind == "zones":
        zones = rule["zones"]
        if not isinstance(zones, list) or not zones:
            return ["%s.zones: expected a non-empty list" % path]
        last_d, last_fee = 0, 0
        for i, zone in enumerate(zones):
            zpath = "%s.zones[%d]" % (path, i)
            if not isinstance(zone, dict) or set(zone) != {"max_distance_m", "fee_rp"}:
                errors.append("%s: expected {max_distance_m, fee_rp}" % zpath)
                continue
            d, fee = zone["max_distance_m"], zone["fee_rp"]
            if not (IsInt(d) and d > last_d):
                errors.append("%s.max_distance_m: expected int increasing over the zones" % zpath)
            if not (IsInt(fee) and fee >= last_fee):
                errors.append("%s.fee_rp: expected int, not lower than the previous zone" % zpath)
            last_d, last_fee = d if IsInt(d) else last_d, fee if IsInt(fee) else last_fee
    return errors


def CheckDeliveryFacts(path, method, rule):
    """Tariffs from the field notes: ojek and courier Rp8.000-10.000 for 4 km then Rp2.000-2.500 per km;
    zones about Rp5.000 / 10.000 / 15.000; stall delivery a flat short-distance fee; pickup free."""
    errors = []
    kind = rule.get("kind")
    if method == "pickup" and rule != {"kind": "flat", "fee_rp": 0}:
        errors.append("%s: pickup must be flat 0" % path)
    if kind == "min_plus_per_km":
        if not (8000 <= rule["min_fee_rp"] <= 10000 and rule["min_distance_m"] == 4000
                and 2000 <= rule["per_km_rp"] <= 2500):
            errors.append("%s: min_plus_per_km outside Rp8.000-10.000 / 4 km / Rp2.000-2.500 per km" % path)
    if kind == "zones" and not all(5000 <= z["fee_rp"] <= 15000 for z in rule["zones"]):
        errors.append("%s: zone fees outside Rp5.000-15.000" % path)
    if method == "ojek" and kind != "min_plus_per_km":
        errors.append("%s: ojek is priced per km (min_plus_per_km)" % path)
    if method == "stall" and (kind == "min_plus_per_km" or (kind == "zones" and len(rule["zones"]) != 1)):
        errors.append("%s: stall delivery is one flat fee for a short distance" % path)
    return errors


def CheckIndex(index):
    """Schema rules of index.json alone (cross-file rules are in CheckMarketFile)."""
    if not isinstance(index, dict):
        return ["index: expected an object"]
    errors = []
    if set(index) != INDEX_KEYS:
        errors.append("index: keys %s, expected %s" % (sorted(index), sorted(INDEX_KEYS)))
        return errors
    if index["format_version"] != 1 or not IsInt(index["format_version"]):
        errors.append("format_version: expected 1")
    if not (isinstance(index["catalog_version"], str) and VERSION_RE.match(index["catalog_version"])
            and ParseDate(index["catalog_version"][:10])):
        errors.append("catalog_version: expected YYYY-MM-DD.N")
    specs = {"regions": {"id", "name", "kind"}, "categories": {"id", "name_id", "name_en"}, "areas": {"id", "name"}}
    for key, fields in specs.items():
        items = index[key]
        if not isinstance(items, list) or not items:
            errors.append("%s: expected a non-empty list" % key)
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict) or set(item) != fields:
                errors.append("%s[%d]: expected keys %s" % (key, i, sorted(fields)))
            elif not all(IsText(item[f]) for f in fields):
                errors.append("%s[%d]: every field must be a non-empty trimmed string" % (key, i))
        ids = [item.get("id") for item in items if isinstance(item, dict)]
        if len(set(ids)) != len(ids):
            errors.append("%s: duplicate ids" % key)
    if errors:
        return errors
    for i, region in enumerate(index["regions"]):
        if not SLUG_RE.match(region["id"]) or region["kind"] not in ("kota", "kabupaten"):
            errors.append("regions[%d]: slug id and kind kota|kabupaten expected" % i)
    region_ids = {r["id"] for r in index["regions"]}
    area_ids = {a["id"] for a in index["areas"]}
    markets = index["markets"]
    if not isinstance(markets, list) or not markets:
        return errors + ["markets: expected a non-empty list"]
    seen = set()
    for i, market in enumerate(markets):
        errors += CheckIndexMarket("markets[%d]" % i, market, region_ids, area_ids)
        if isinstance(market, dict):
            if market.get("id") in seen:
                errors.append("markets[%d].id: duplicate %r" % (i, market.get("id")))
            seen.add(market.get("id"))
    return errors


def CheckIndexMarket(path, market, region_ids, area_ids):
    if not isinstance(market, dict):
        return ["%s: expected an object" % path]
    missing, unknown = MARKET_KEYS - set(market), set(market) - MARKET_KEYS - MARKET_OPTIONAL
    if missing or unknown:
        return ["%s: missing %s, unknown %s" % (path, sorted(missing), sorted(unknown))]
    errors = []
    if not (isinstance(market["id"], str) and SLUG_RE.match(market["id"])):
        errors.append("%s.id: expected a slug" % path)
    if market["region_id"] not in region_ids:
        errors.append("%s.region_id: %r is not a region" % (path, market["region_id"]))
    if market["kind"] not in MARKET_KINDS:
        errors.append("%s.kind: %r" % (path, market["kind"]))
    for key in ("name", "kecamatan", "address", "known_for_id", "known_for_en", "pickup_point"):
        if not IsText(market[key]):
            errors.append("%s.%s: expected a non-empty trimmed string" % (path, key))
    hours = market["hours"]
    if not (isinstance(hours, dict) and set(hours) == {"open", "close", "order_cutoff"}
            and all(isinstance(v, str) and HHMM_RE.match(v) for v in hours.values())):
        errors.append("%s.hours: expected {open, close, order_cutoff} as HH:MM" % path)
    elif not Minutes(hours["open"]) < Minutes(hours["order_cutoff"]) <= Minutes(hours["close"]):
        errors.append("%s.hours: expected open < order_cutoff <= close" % path)
    if "coop_phone" in market and not (isinstance(market["coop_phone"], str)
                                       and COOP_PHONE_RE.match(market["coop_phone"])):
        errors.append("%s.coop_phone: expected a mobile number written +628..." % path)
    if "auction_days" in market:
        days = market["auction_days"]
        if not (isinstance(days, list) and days and all(IsInt(d) and 0 <= d <= 6 for d in days)
                and days == sorted(set(days))):
            errors.append("%s.auction_days: expected ascending unique ints 0..6" % path)
    errors += CheckDelivery(path + ".delivery", market["delivery"])
    distances = market["area_distance_m"]
    if not isinstance(distances, dict) or set(distances) != area_ids:
        errors.append("%s.area_distance_m: expected exactly the area ids" % path)
    elif not all(IsInt(d) and 0 < d <= 40000 for d in distances.values()):
        errors.append("%s.area_distance_m: expected whole metres in 1..40000" % path)
    for key in ("stall_count", "product_count"):
        if not (IsInt(market[key]) and market[key] > 0):
            errors.append("%s.%s: expected int > 0" % (path, key))
    if market["file"] != "markets/%s.json" % market["id"]:
        errors.append("%s.file: expected markets/<id>.json" % path)
    return errors


def CheckDelivery(path, delivery):
    keys = {"methods", "min_order_rp", "free_above_rp", "max_distance_m"}
    if not isinstance(delivery, dict) or set(delivery) - {"pickup_min_order"} != keys:
        return ["%s: expected keys %s (and pickup_min_order)" % (path, sorted(keys))]
    errors = []
    if not isinstance(delivery.get("pickup_min_order", False), bool):
        errors.append("%s.pickup_min_order: expected true or false" % path)
    for key, low in (("min_order_rp", 0), ("free_above_rp", 0), ("max_distance_m", 1)):
        if not (IsInt(delivery[key]) and delivery[key] >= low):
            errors.append("%s.%s: expected int >= %d" % (path, key, low))
    methods = delivery["methods"]
    if not isinstance(methods, list) or not methods:
        return errors + ["%s.methods: expected a non-empty list" % path]
    names = []
    for i, entry in enumerate(methods):
        mpath = "%s.methods[%d]" % (path, i)
        if not isinstance(entry, dict) or set(entry) != {"method", "fee_rule"}:
            errors.append("%s: expected {method, fee_rule}" % mpath)
            continue
        if entry["method"] not in METHODS:
            errors.append("%s.method: %r" % (mpath, entry["method"]))
        names.append(entry["method"])
        rule_errors = CheckFeeRule(mpath + ".fee_rule", entry["fee_rule"])
        errors += rule_errors or CheckDeliveryFacts(mpath + ".fee_rule", entry["method"], entry["fee_rule"])
        if not rule_errors and entry["fee_rule"]["kind"] == "zones" and IsInt(delivery["max_distance_m"]):
            if entry["fee_rule"]["zones"][-1]["max_distance_m"] > delivery["max_distance_m"]:
                errors.append("%s.fee_rule: a zone reaches beyond max_distance_m" % mpath)
    if len(set(names)) != len(names) or "pickup" not in names:
        errors.append("%s.methods: methods must be unique and include pickup" % path)
    return errors


def StepQtyMilli(label, unit, piece_name):
    """The quantity a step label means, in thousandths of the base unit; None if it is not understood."""
    m = re.match(r"^(1/4|1/2|\d+) (ons|kg|liter|bungkus \((\d+) liter\)|[a-z]+)$", label)
    if not m:
        return None
    count = {"1/4": 250, "1/2": 500}.get(m.group(1), int(m.group(1)) * 1000 if m.group(1).isdigit() else 0)
    word = m.group(2)
    if unit == "kg" and word == "ons":
        return count // 10
    if (unit == "kg" and word == "kg") or (unit == "liter" and word == "liter"):
        return count
    if unit == "liter" and m.group(3):
        return int(m.group(3)) * 1000  # "2 bungkus (2 liter)": the volume in brackets counts
    if unit == "piece" and word == piece_name and m.group(1).isdigit():
        return count
    return None


def CheckProduct(path, product, stall_id, categories, catalog_date):
    if not isinstance(product, dict):
        return ["%s: expected an object" % path]
    missing, unknown = PRODUCT_KEYS - set(product), set(product) - PRODUCT_KEYS - PRODUCT_OPTIONAL
    if missing or unknown:
        return ["%s: missing %s, unknown %s" % (path, sorted(missing), sorted(unknown))]
    errors = []
    if not (isinstance(product["id"], str) and re.match(r"^%s\.p[1-9][0-9]*$" % re.escape(stall_id), product["id"])):
        errors.append("%s.id: expected %s.p<M>" % (path, stall_id))
    name = product["name"]
    if not IsText(name):
        errors.append("%s.name: expected a non-empty trimmed string" % path)
    if product["category"] not in categories:
        errors.append("%s.category: %r is not a category" % (path, product["category"]))
    unit = product["unit"]
    if unit not in UNITS:
        errors.append("%s.unit: %r" % (path, unit))
    piece_name = product.get("piece_name")
    if (unit == "piece") != ("piece_name" in product) or ("piece_name" in product and not IsText(piece_name)):
        errors.append("%s.piece_name: required for (and only for) unit piece" % path)
    if "piece_weight_g" in product and not (unit == "piece" and IsInt(product["piece_weight_g"])
                                            and product["piece_weight_g"] > 0):
        errors.append("%s.piece_weight_g: expected int > 0 on a piece product" % path)
    price = product["price_rp"]
    if not (IsInt(price) and price > 0):
        errors.append("%s.price_rp: expected int > 0" % path)
    elif name in PRICE_CAPPED:
        pass
    elif price % 250:
        errors.append("%s.price_rp: %d is not rounded to Rp250 as traders quote" % (path, price))
    if IsInt(price) and name in PRICE_RANGES and not PRICE_RANGES[name][0] <= price <= PRICE_RANGES[name][1]:
        errors.append("%s.price_rp: %d outside the quoted range %s for %s" % (path, price, PRICE_RANGES[name], name))
    date = ParseDate(product["price_date"])
    if date is None or date > catalog_date or (catalog_date - date).days > 14:
        errors.append("%s.price_date: expected a date within 14 days before the catalogue" % path)
    errors += CheckSteps(path, product, unit, piece_name)
    for key in ("weighed", "free_qty"):
        if not isinstance(product[key], bool):
            errors.append("%s.%s: expected a bool" % (path, key))
    if unit == "piece" and (product["weighed"] is True or product["free_qty"] is True):
        errors.append("%s: a piece is neither weighed nor typed as a free weight" % path)
    if product["availability"] not in AVAILABILITY:
        errors.append("%s.availability: %r" % (path, product["availability"]))
    errors += CheckRefPrice(path, product, name, catalog_date)
    return errors


def CheckSteps(path, product, unit, piece_name):
    steps = product["steps"]
    if not isinstance(steps, list) or not steps:
        return ["%s.steps: expected a non-empty list" % path]
    errors, quantities = [], []
    for i, step in enumerate(steps):
        spath = "%s.steps[%d]" % (path, i)
        if not isinstance(step, dict) or set(step) != {"label", "qty_milli"}:
            errors.append("%s: expected {label, qty_milli}" % spath)
            continue
        qty = step["qty_milli"]
        if not (IsInt(qty) and qty > 0):
            errors.append("%s.qty_milli: expected int > 0" % spath)
            continue
        quantities.append(qty)
        if not IsText(step["label"]) or StepQtyMilli(step["label"], unit, piece_name) != qty:
            errors.append("%s: label %r does not say %d thousandths of a %s" % (spath, step["label"], qty, unit))
    if quantities != sorted(set(quantities)):
        errors.append("%s.steps: quantities must be unique and ascending" % path)
    return errors


def CheckRefPrice(path, product, name, catalog_date):
    has_price, has_date = "ref_price_rp" in product, "ref_price_date" in product
    if has_price != has_date:
        return ["%s: ref_price_rp and ref_price_date come both or neither" % path]
    if has_price != (name in MONITORED):
        return ["%s: a reference price belongs exactly to the monitored staples" % path]
    if not has_price:
        return []
    errors = []
    ref = product["ref_price_rp"]
    if not (IsInt(ref) and ref > 0):
        errors.append("%s.ref_price_rp: expected int > 0" % path)
    elif name in PRICE_RANGES and not PRICE_RANGES[name][0] <= ref <= PRICE_RANGES[name][1]:
        errors.append("%s.ref_price_rp: %d outside the quoted range for %s" % (path, ref, name))
    date = ParseDate(product["ref_price_date"])
    if date is None or date > catalog_date:
        errors.append("%s.ref_price_date: expected a date not after the catalogue" % path)
    return errors


def CheckMarketFile(doc, market, catalog_version, categories):
    """A markets/<id>.json against its index entry; returns (errors, product ids)."""
    mid = market["id"]
    if not isinstance(doc, dict) or set(doc) != {"format_version", "market_id", "catalog_version", "stalls"}:
        return ["%s: expected keys format_version, market_id, catalog_version, stalls" % mid], []
    errors, product_ids, stall_names = [], [], set()
    if doc["format_version"] != 1 or not IsInt(doc["format_version"]):
        errors.append("%s.format_version: expected 1" % mid)
    if doc["market_id"] != mid or doc["catalog_version"] != catalog_version:
        errors.append("%s: market_id and catalog_version must match the index" % mid)
    catalog_date = ParseDate(catalog_version[:10])
    stalls = doc["stalls"]
    if not isinstance(stalls, list) or len(stalls) != market["stall_count"]:
        return errors + ["%s.stalls: expected a list of stall_count stalls" % mid], []
    for n, stall in enumerate(stalls, start=1):
        path = "%s.stalls[%d]" % (mid, n - 1)
        if not isinstance(stall, dict):
            errors.append("%s: expected an object" % path)
            continue
        missing, unknown = STALL_KEYS - set(stall), set(stall) - STALL_KEYS - STALL_OPTIONAL
        if missing or unknown:
            errors.append("%s: missing %s, unknown %s" % (path, sorted(missing), sorted(unknown)))
            continue
        stall_id = "%s.s%d" % (mid, n)
        if stall["id"] != stall_id:
            errors.append("%s.id: expected %s" % (path, stall_id))
        if not (isinstance(stall["name"], str) and STALL_NAME_RE.match(stall["name"])) or stall["name"] in stall_names:
            errors.append("%s.name: expected a unique place-and-trade name like 'Los Sayur Blok B No. 12'" % path)
        stall_names.add(stall["name"])
        if stall["kind"] not in STALL_KINDS or not IsText(stall["location"]):
            errors.append("%s: kind must be a known trade and location a non-empty string" % path)
        if "phone" in stall and not (isinstance(stall["phone"], str) and PHONE_RE.match(stall["phone"])):
            errors.append("%s.phone: expected +628 and 8-11 more digits" % path)
        if "qris" in stall:
            errors += CheckQris(path + ".qris", stall["qris"])
        products = stall["products"]
        if not isinstance(products, list) or not products:
            errors.append("%s.products: expected a non-empty list" % path)
            continue
        names = [p.get("name") for p in products if isinstance(p, dict)]
        if len(set(names)) != len(names):
            errors.append("%s.products: a stall lists each item once" % path)
        for m, product in enumerate(products):
            errors += CheckProduct("%s.products[%d]" % (path, m), product, stall_id, categories, catalog_date)
            if isinstance(product, dict):
                product_ids.append(product.get("id"))
    if len(product_ids) != market["product_count"]:
        errors.append("%s: %d products, index says %d" % (mid, len(product_ids), market["product_count"]))
    return errors, product_ids
