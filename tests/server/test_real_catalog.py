"""Once against the real pilot catalogue in assets/catalog: it loads, seeds, exports unchanged, takes orders.

In-process, on the same code paths as serve.py minus HTTP: a real server start would hash a PIN for each of
its ~140 stalls with PBKDF2 (600,000 iterations), a minute of a shared CI box; bench/bench_serve.py starts
serve.py on this catalogue for real.
"""

import json
import os
import unittest

from server import domain as serve_domain
from server.auth import generate_accounts
from server.catalog import CatalogExporter, load_catalog_dir, seed_catalog
from server.db import Store
from server.sync import handle_push
from tests.server import helpers as h


def load_assets():
    with open(os.path.join(h.REAL_CATALOG, "index.json"), encoding="utf-8") as f:
        index = json.load(f)
    markets = {}
    for market in index["markets"]:
        with open(os.path.join(h.REAL_CATALOG, market["file"]), encoding="utf-8") as f:
            markets[market["id"]] = json.load(f)
    return index, markets


@unittest.skipUnless(os.path.exists(os.path.join(h.REAL_CATALOG, "index.json")),
                     "assets/catalog/ is not generated yet")
class RealCatalogTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.index, cls.markets = load_assets()
        cls.dir = h.temp_dir("real-")
        cls.store = Store(os.path.join(cls.dir, "pasar.sqlite3"))
        with cls.store.write() as conn:
            seed_catalog(conn, load_catalog_dir(h.REAL_CATALOG))
        cls.exporter = CatalogExporter(cls.store, os.path.join(cls.dir, "catalog"))
        cls.exporter.export_if_stale()

    @classmethod
    def tearDownClass(cls):
        cls.store.close()

    def count(self, sql):
        with self.store.read() as conn:
            return conn.execute(sql).fetchone()[0]

    def test_static_export_equals_the_assets(self):
        with open(os.path.join(self.dir, "catalog", "index.json"), encoding="utf-8") as f:
            self.assertEqual(json.load(f), self.index)
        for market in self.index["markets"]:
            with open(os.path.join(self.dir, "catalog", market["file"]), encoding="utf-8") as f:
                self.assertEqual(json.load(f), self.markets[market["id"]], market["id"])

    def test_every_stall_gets_an_account_and_every_product_a_price(self):
        stalls = sum(len(doc["stalls"]) for doc in self.markets.values())
        products = sum(len(s["products"]) for doc in self.markets.values() for s in doc["stalls"])
        with self.store.read() as conn:
            accounts = generate_accounts(conn)
        self.assertEqual(len([a for a in accounts if a["kind"] == "vendor"]), stalls)
        self.assertEqual(len([a for a in accounts if a["kind"] == "staff"]), len(self.markets))
        self.assertEqual(len({a["login"] for a in accounts}), len(accounts))
        self.assertEqual(self.count("SELECT COUNT(*) FROM price_history"), products)
        self.assertEqual(self.count("SELECT COUNT(*) FROM products WHERE price_rp > 0"), products)

    def test_an_order_at_every_market(self):
        """For each market: two available products of its first stalls, the cheapest delivery that reaches
        the nearest area (or pickup), quoted by the rules shared with the C++ core."""
        client = h.new_client_id()
        mutations = []
        for market in self.index["markets"]:
            doc = self.markets[market["id"]]
            lines = []
            for stall in doc["stalls"]:
                for p in stall["products"]:
                    if p["availability"] != "habis" and len(lines) < 2:
                        qty = p["steps"][-1]["qty_milli"] if p.get("steps") else 1000
                        lines.append({"product_id": p["id"], "qty_milli": qty, "price_rp": p["price_rp"],
                                      "note": "", "substitution": "contact"})
            subtotal = sum(serve_domain.compute_line_total_rp(x["price_rp"], x["qty_milli"]) for x in lines)
            delivery, fee = {"method": "pickup"}, 0
            area_id, distance = min(market["area_distance_m"].items(), key=lambda kv: kv[1])
            for option in market["delivery"]["methods"]:
                if option["method"] == "pickup":
                    continue
                quote, error = serve_domain.compute_delivery_fee_rp(market["delivery"], option["method"], distance,
                                                                 subtotal)
                if error is None:
                    delivery, fee = {"method": option["method"], "area_id": area_id}, quote
                    break
            args = h.pickup_order_args(market_id=market["id"], catalog_version=self.index["catalog_version"],
                                     lines=lines, delivery=delivery,
                                     quoted={"subtotal_rp": subtotal, "delivery_fee_rp": fee,
                                             "total_rp": subtotal + fee})
            args["buyer"]["address"] = "Jl. Raden Intan No. 1"
            mutations.append(h.mutation(len(mutations) + 1, "place_order", args))
        body = {"push_version": 1, "client_id": client, "cookie": None, "mutations": mutations}
        results = handle_push(self.store, self.exporter, json.loads(json.dumps(body)), None)["results"]
        self.assertEqual([r["status"] for r in results], ["ok"] * len(mutations),
                         [r for r in results if r["status"] != "ok"][:3])
        self.assertGreater(len(mutations), 10)


if __name__ == "__main__":
    unittest.main()
