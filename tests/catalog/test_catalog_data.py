"""Tests of the committed pilot catalogue (assets/catalog/) and of its generator.

Run: python3 -m unittest discover -s tests/catalog -v   (from the repository root)

The committed files must be exactly what tools/gen_pilot_catalog.py writes, so the data never drifts from
the generator; every schema rule of README.md "Catalogue schema" is checked by catalog_checks.py, and the
checks are themselves tested against broken documents so that none of them passes vacuously.
"""
import copy
import gzip
import json
import os
import subprocess
import sys
import tempfile
import unittest
from collections import Counter

import catalog_checks as cc

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GENERATOR = os.path.join(ROOT, "tools", "gen_pilot_catalog.py")
CATALOG = os.path.join(ROOT, "assets", "catalog")

# Raw budget of index.json. The brief's target was 12 KB; schema v1 cannot reach it for 14 markets x 20
# areas (with every free-text field emptied the index is still ~17 KB: keys, fee rules and 280 distances).
# The cap keeps growth visible; what phones download is the gzip size, capped separately.
INDEX_MAX_RAW_BYTES = 20 * 1024
INDEX_MAX_GZIP_BYTES = 4 * 1024
MARKET_MAX_GZIP_BYTES = 6 * 1024

PILOT_MARKETS = ["Pasar Pasir Gintung", "Pasar Kota Karang Sejahtera", "Pasar Cimeng", "Pasar Tamin",
                 "Pasar Bawah", "Pasar Tugu", "Pasar Way Halim", "Pasar Koga", "Pasar Panjang",
                 "Pasar Gudang Lelang", "Pasar Way Kandis", "Koperasi Bahtera Samudera Jaya", "KUD Mina Jaya",
                 "Koperasi Nelayan Rizki Eza Mandiri"]
REGIONS = {"Bandar Lampung", "Metro", "Lampung Barat", "Lampung Selatan", "Lampung Tengah", "Lampung Timur",
           "Lampung Utara", "Mesuji", "Pesawaran", "Pesisir Barat", "Pringsewu", "Tanggamus", "Tulang Bawang",
           "Tulang Bawang Barat", "Way Kanan"}
KECAMATAN = {"Bumi Waras", "Enggal", "Kedamaian", "Kedaton", "Kemiling", "Labuhan Ratu", "Langkapura", "Panjang",
             "Rajabasa", "Sukabumi", "Sukarame", "Tanjung Karang Barat", "Tanjung Karang Pusat",
             "Tanjung Karang Timur", "Tanjung Senang", "Teluk Betung Barat", "Teluk Betung Selatan",
             "Teluk Betung Timur", "Teluk Betung Utara", "Way Halim"}
CATEGORY_IDS = {"sayur", "bumbu", "ikan", "seafood", "ikan_asin", "daging_ayam", "telur", "tahu_tempe", "sembako",
                "buah"}
KNOWN_KECAMATAN = {"Pasar Tugu": "Tanjung Karang Timur", "Pasar Pasir Gintung": "Tanjung Karang Pusat",
                   "Pasar Gudang Lelang": "Teluk Betung Selatan", "Pasar Way Halim": "Way Halim",
                   "Pasar Koga": "Kedaton", "Pasar Panjang": "Panjang",
                   "Pasar Kota Karang Sejahtera": "Teluk Betung Timur"}


def RejectDuplicateKeys(pairs):
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate key in %s" % keys)
    return dict(pairs)


def LoadJson(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8"), object_pairs_hook=RejectDuplicateKeys)


def ReadTree(root):
    out = {}
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            full = os.path.join(dirpath, name)
            with open(full, "rb") as f:
                out[os.path.relpath(full, root).replace(os.sep, "/")] = f.read()
    return out


def Generate(out_dir):
    subprocess.run([sys.executable, GENERATOR, "--out", out_dir], check=True, capture_output=True)
    return ReadTree(out_dir)


class CatalogTestBase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.index = LoadJson(os.path.join(CATALOG, "index.json"))
        cls.markets = {m["id"]: m for m in cls.index["markets"]}
        cls.docs = {mid: LoadJson(os.path.join(CATALOG, m["file"])) for mid, m in cls.markets.items()}
        cls.products = [(mid, s, p) for mid, d in cls.docs.items() for s in d["stalls"] for p in s["products"]]


class GeneratorTest(unittest.TestCase):
    def test_committed_files_are_exactly_the_generator_output(self):
        with tempfile.TemporaryDirectory() as tmp:
            generated = Generate(tmp)
        committed = ReadTree(CATALOG)
        self.assertEqual(sorted(generated), sorted(committed), "file sets differ: rerun the generator")
        for rel in sorted(generated):
            self.assertEqual(generated[rel], committed[rel], "%s differs from the generator output" % rel)

    def test_two_runs_are_byte_identical_and_stale_market_files_are_removed(self):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            os.makedirs(os.path.join(b, "markets"))
            with open(os.path.join(b, "markets", "pasar-lama.json"), "w") as f:
                f.write("{}")
            first, second = Generate(a), Generate(b)
            again = Generate(a)
        self.assertEqual(first, second)
        self.assertEqual(first, again)
        self.assertNotIn("markets/pasar-lama.json", second)

    def test_files_are_compact_utf8_json(self):
        for rel, data in ReadTree(CATALOG).items():
            text = data.decode("utf-8")
            self.assertTrue(text.endswith("}\n") and text.count("\n") == 1, rel + ": one line of JSON")
            self.assertNotIn('": ', text, rel + ": no spaces after separators")


class ValidatorSelfTest(unittest.TestCase):
    """Each rule must reject the broken case it exists for."""

    def test_crc_matches_the_published_check_value(self):
        self.assertEqual(cc.Crc16CcittFalse(b"123456789"), 0x29B1)

    def test_qris_rules_catch_a_changed_character_and_an_amount(self):
        body = ("000201010211" "5144" "0014ID.CO.QRIS.WWW" "0215ID1099000000001" "0303UMI" "52045411"
                "5303360" "5802ID" "5910KIOS TUGU1" "6014BANDAR LAMPUNG" "6304")
        good = body + "%04X" % cc.Crc16CcittFalse(body.encode())
        self.assertEqual(cc.CheckQris("q", good), [])
        tampered = good.replace("TUGU1", "TUGU2")
        self.assertTrue(any("CRC" in e for e in cc.CheckQris("q", tampered)))
        with_amount = body.replace("5802ID", "540515000" "5802ID")
        with_amount += "%04X" % cc.Crc16CcittFalse(with_amount.encode())
        self.assertTrue(any("amount" in e for e in cc.CheckQris("q", with_amount)))
        self.assertTrue(cc.CheckQris("q", good[:-10]))

    def test_step_labels_are_understood(self):
        self.assertEqual(cc.StepQtyMilli("1 ons", "kg", None), 100)
        self.assertEqual(cc.StepQtyMilli("1/4 kg", "kg", None), 250)
        self.assertEqual(cc.StepQtyMilli("10 kg", "kg", None), 10000)
        self.assertEqual(cc.StepQtyMilli("3 ikat", "piece", "ikat"), 3000)
        self.assertEqual(cc.StepQtyMilli("2 bungkus (2 liter)", "liter", None), 2000)
        self.assertIsNone(cc.StepQtyMilli("3 ikat", "piece", "butir"))
        self.assertIsNone(cc.StepQtyMilli("1/2 ikat", "piece", "ikat"))

    def test_product_rules_name_the_broken_field(self):
        good = {"id": "m.s1.p1", "name": "Gula pasir", "category": "sembako", "unit": "kg", "price_rp": 17500,
                "price_date": "2026-11-28", "steps": [{"label": "1/2 kg", "qty_milli": 500}], "weighed": False,
                "free_qty": True, "availability": "tersedia", "ref_price_rp": 17500, "ref_price_date": "2026-11-27"}
        date = cc.ParseDate("2026-11-29")
        self.assertEqual(cc.CheckProduct("p", good, "m.s1", CATEGORY_IDS, date), [])
        cases = [({"price_rp": 25000}, "price_rp"), ({"price_rp": 17600}, "price_rp"), ({"price_rp": True}, "price_rp"),
                 ({"steps": [{"label": "1 kg", "qty_milli": 0}]}, "qty_milli"),
                 ({"steps": [{"label": "1 kg", "qty_milli": 500}]}, "steps[0]"), ({"category": "x"}, "category"),
                 ({"unit": "piece"}, "piece_name"), ({"price_date": "2026-12-01"}, "price_date"),
                 ({"id": "m.s2.p1"}, ".id"), ({"availability": "ada"}, "availability"), ({"weighed": 1}, "weighed")]
        for change, field in cases:
            bad = dict(good, **change)
            errors = cc.CheckProduct("p", bad, "m.s1", CATEGORY_IDS, date)
            self.assertTrue(any(field in e for e in errors), "%s not caught: %s" % (change, errors))
        no_date = {k: v for k, v in good.items() if k != "ref_price_date"}
        self.assertTrue(any("both or neither" in e for e in cc.CheckProduct("p", no_date, "m.s1", CATEGORY_IDS, date)))
        unmonitored = dict(good, name="Tepung terigu", price_rp=12000)
        self.assertTrue(any("monitored" in e for e in cc.CheckProduct("p", unmonitored, "m.s1", CATEGORY_IDS, date)))

    def test_fee_rule_rules(self):
        self.assertEqual(cc.CheckFeeRule("f", {"kind": "flat", "fee_rp": 0}), [])
        self.assertTrue(cc.CheckFeeRule("f", {"kind": "flat", "fee_rp": -1}))
        self.assertTrue(cc.CheckFeeRule("f", {"kind": "zones", "zones": [{"max_distance_m": 3000, "fee_rp": 5000},
                                                                         {"max_distance_m": 2000, "fee_rp": 9000}]}))
        self.assertTrue(cc.CheckFeeRule("f", {"kind": "min_plus_per_km", "min_fee_rp": 8000, "per_km_rp": 2000}))
        self.assertTrue(cc.CheckDeliveryFacts("f", "ojek", {"kind": "min_plus_per_km", "min_fee_rp": 8000,
                                                            "min_distance_m": 4000, "per_km_rp": 5000}))
        self.assertTrue(cc.CheckDeliveryFacts("f", "pickup", {"kind": "flat", "fee_rp": 2000}))

    def test_index_rules_catch_a_bad_reference(self):
        index = LoadJson(os.path.join(CATALOG, "index.json"))
        self.assertEqual(cc.CheckIndex(index), [])
        for mutate, field in [(lambda i: i["markets"][0].update(region_id="jakarta"), "region_id"),
                              (lambda i: i["markets"][1]["area_distance_m"].pop("kedaton"), "area_distance_m"),
                              (lambda i: i["markets"][2]["hours"].update(order_cutoff="23:00"), "hours"),
                              (lambda i: i["markets"][3].update(file="x.json"), "file"),
                              (lambda i: i["areas"].append(dict(i["areas"][0])), "duplicate")]:
            bad = copy.deepcopy(index)
            mutate(bad)
            self.assertTrue(any(field in e for e in cc.CheckIndex(bad)), field)


class CatalogDataTest(CatalogTestBase):
    def test_index_follows_the_schema(self):
        self.assertEqual(cc.CheckIndex(self.index), [])

    def test_market_files_follow_the_schema_and_ids_are_unique(self):
        categories = {c["id"] for c in self.index["categories"]}
        all_ids = []
        for mid, market in self.markets.items():
            errors, ids = cc.CheckMarketFile(self.docs[mid], market, self.index["catalog_version"], categories)
            self.assertEqual(errors, [], mid)
            all_ids += ids
        self.assertEqual(len(all_ids), len(set(all_ids)), "product ids must be unique in the whole catalogue")

    def test_counts(self):
        self.assertEqual([m["name"] for m in self.index["markets"]], PILOT_MARKETS)
        for mid, doc in self.docs.items():
            self.assertGreaterEqual(len(doc["stalls"]), 8, mid)
        self.assertGreaterEqual(len(self.products), 1000)

    def test_regions_categories_and_areas(self):
        self.assertEqual({r["name"] for r in self.index["regions"]}, REGIONS)
        kota = {r["id"] for r in self.index["regions"] if r["kind"] == "kota"}
        self.assertEqual(len(kota), 2)
        self.assertEqual({c["id"] for c in self.index["categories"]}, CATEGORY_IDS)
        self.assertEqual({a["name"] for a in self.index["areas"]}, KECAMATAN)
        bandar_lampung = [r["id"] for r in self.index["regions"] if r["name"] == "Bandar Lampung"]
        for market in self.index["markets"]:
            self.assertEqual([market["region_id"]], bandar_lampung, market["id"])
            self.assertIn(market["kecamatan"], KECAMATAN, market["id"])
            if market["name"] in KNOWN_KECAMATAN:
                self.assertEqual(market["kecamatan"], KNOWN_KECAMATAN[market["name"]], market["id"])

    def test_nearest_area_is_the_markets_own_kecamatan(self):
        area_by_name = {a["name"]: a["id"] for a in self.index["areas"]}
        for market in self.index["markets"]:
            distances = market["area_distance_m"]
            nearest = min(distances, key=lambda a: (distances[a], a))
            self.assertEqual(nearest, area_by_name[market["kecamatan"]], market["id"])
            self.assertTrue(all(d % 100 == 0 for d in distances.values()), market["id"])

    def test_fish_markets_sell_fish_and_hold_auctions(self):
        for mid, market in self.markets.items():
            categories = Counter(p["category"] for m, _, p in self.products if m == mid)
            fishy = categories["ikan"] + categories["seafood"] + categories["ikan_asin"]
            if market["kind"] == "koperasi_nelayan":
                self.assertEqual(set(categories), {"ikan", "seafood", "ikan_asin"}, mid)
            if market["kind"] == "koperasi_nelayan" or mid == "pasar-gudang-lelang":
                self.assertIn("auction_days", market, mid)
                self.assertGreaterEqual(fishy, 0.75 * sum(categories.values()), mid)  # plus a spice seller
        for mid in ("pasar-kota-karang", "koperasi-nelayan-rizki-eza-mandiri"):
            teri = {p["name"] for m, _, p in self.products if m == mid and p["name"].startswith("Teri")}
            self.assertGreaterEqual(len(teri), 2, mid)

    def test_general_markets_sell_the_kitchen(self):
        general = [mid for mid, m in self.markets.items() if m["kind"] == "pasar" and mid != "pasar-gudang-lelang"]
        seen = set()
        for mid in general:
            categories = {p["category"] for m, _, p in self.products if m == mid}
            self.assertTrue({"sayur", "bumbu", "sembako"} <= categories, mid)
            seen |= categories
        self.assertEqual(seen, CATEGORY_IDS)

    def ProductsNamed(self, name):
        found = [p for _, _, p in self.products if p["name"] == name]
        self.assertTrue(found, "no product named %r" % name)
        return found

    def Labels(self, product):
        return [s["label"] for s in product["steps"]]

    def test_sale_steps_make_sense_for_the_item(self):
        for p in self.ProductsNamed("Cabai rawit merah") + self.ProductsNamed("Cabai merah keriting"):
            self.assertEqual(self.Labels(p), ["1 ons", "1/4 kg", "1/2 kg", "1 kg"])
            self.assertTrue(p["weighed"] and p["free_qty"])
        for p in self.ProductsNamed("Beras medium"):
            self.assertEqual(self.Labels(p), ["1 kg", "5 kg", "10 kg"])
        for p in self.ProductsNamed("Kangkung"):
            self.assertEqual((p["piece_name"], self.Labels(p)), ("ikat", ["1 ikat", "3 ikat"]))
        self.assertEqual({p["piece_name"] for p in self.ProductsNamed("Kelapa")}, {"gandeng"})
        self.assertEqual({p["piece_name"] for p in self.ProductsNamed("Tempe")}, {"papan"})
        for p in self.ProductsNamed("Telur ayam ras"):
            self.assertEqual(self.Labels(p), ["1/4 kg", "1/2 kg", "1 kg"])
        self.assertEqual({p["piece_name"] for p in self.ProductsNamed("Telur ayam ras eceran")}, {"butir"})
        for name in ("Ayam ras hidup", "Ayam kampung"):
            self.assertEqual({p["piece_name"] for p in self.ProductsNamed(name)}, {"ekor"})
        for _, _, p in self.products:
            if p["category"] == "ikan":
                self.assertEqual((p["unit"], p["weighed"]), ("kg", True), p["id"])

    def test_every_quoted_item_is_listed_and_prices_vary_by_stall(self):
        for name in sorted(cc.PRICE_RANGES):
            self.ProductsNamed(name)
        for name in ("Cabai rawit merah", "Bawang merah", "Daging sapi", "Ikan tongkol", "Kangkung"):
            self.assertGreater(len({p["price_rp"] for p in self.ProductsNamed(name)}), 1, name)
        for name in cc.MONITORED:
            self.assertEqual(len({p["ref_price_rp"] for p in self.ProductsNamed(name)}), 1, name)

    def test_availability_is_mostly_tersedia(self):
        counts = Counter(p["availability"] for _, _, p in self.products)
        self.assertGreaterEqual(counts["tersedia"], 0.75 * len(self.products))
        self.assertTrue(0 < counts["habis"] < counts["terbatas"], counts)

    def test_some_stalls_list_a_phone_and_a_static_qris(self):
        stalls = [s for d in self.docs.values() for s in d["stalls"]]
        with_qris = [s for s in stalls if "qris" in s]
        self.assertTrue(0.15 * len(stalls) <= len(with_qris) <= 0.25 * len(stalls), len(with_qris))
        self.assertTrue(all("phone" in s for s in with_qris))
        phones = [s["phone"] for s in stalls if "phone" in s]
        self.assertEqual(len(phones), len(set(phones)))
        nmids = [cc.ParseTlv(dict(cc.ParseTlv(s["qris"]))["51"]) for s in with_qris]
        self.assertEqual(len({dict(n)["02"] for n in nmids}), len(with_qris), "each QRIS has its own NMID")

    def test_delivery_settings_vary_by_market(self):
        deliveries = [m["delivery"] for m in self.index["markets"]]
        self.assertEqual(len({json.dumps(d, sort_keys=True) for d in deliveries}), len(deliveries))
        kinds = {(e["method"], e["fee_rule"]["kind"]) for d in deliveries for e in d["methods"]}
        for pair in [("pickup", "flat"), ("coop_courier", "zones"), ("coop_courier", "min_plus_per_km"),
                     ("ojek", "min_plus_per_km"), ("stall", "flat"), ("stall", "zones")]:
            self.assertIn(pair, kinds)
        self.assertTrue(any(d["free_above_rp"] > 0 for d in deliveries))
        self.assertTrue(any(d["free_above_rp"] == 0 for d in deliveries))

    def test_sizes_fit_slow_phones(self):
        for rel, data in ReadTree(CATALOG).items():
            packed = len(gzip.compress(data, compresslevel=9, mtime=0))
            if rel == "index.json":
                self.assertLessEqual(len(data), INDEX_MAX_RAW_BYTES)
                self.assertLessEqual(packed, INDEX_MAX_GZIP_BYTES)
            else:
                self.assertLessEqual(packed, MARKET_MAX_GZIP_BYTES, rel)


if __name__ == "__main__":
    unittest.main()
