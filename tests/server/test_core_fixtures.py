"""serve.py and the C++ core agree: the shared cases in tests/fixtures/core/ (written by the core)."""

import json
import os
import unittest

from server import domain as serve_domain
from tests.server import helpers as h

CORE = os.path.join(h.FIXTURES, "core")


def load_cases(name):
    path = os.path.join(CORE, name)
    if not os.path.exists(path):
        raise unittest.SkipTest("%s is not there yet (the C++ core writes it); nothing to compare" % path)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class CoreFixturesTest(unittest.TestCase):
    def test_delivery_fees(self):
        doc = load_cases("fees.json")
        self.assertGreater(len(doc["cases"]), 10)
        for case in doc["cases"]:
            with self.subTest(case["name"]):
                fee_rp, error = serve_domain.compute_delivery_fee_rp(doc["deliveries"][case["delivery"]], case["method"],
                                                                  case["distance_m"], case["subtotal_rp"])
                if "expect_error" in case:
                    self.assertEqual((fee_rp, error), (None, case["expect_error"]))
                else:
                    self.assertEqual((fee_rp, error), (case["expect_fee_rp"], None))

    def test_line_totals(self):
        doc = load_cases("line_totals.json")
        self.assertGreater(len(doc["cases"]), 10)
        for case in doc["cases"]:
            with self.subTest(case["name"]):
                total, error = serve_domain.checked_line_total_rp(case["price_rp"], case["qty_milli"])
                if "expect_error" in case:
                    self.assertEqual((total, error), (None, case["expect_error"]))
                else:
                    self.assertEqual((total, error), (case["expect_line_total_rp"], None))

    def test_phones(self):
        doc = load_cases("phones.json")
        self.assertGreater(len(doc["cases"]), 10)
        for case in doc["cases"]:
            with self.subTest(case["input"]):
                normalized, error = serve_domain.normalize_phone(case["input"])
                if "expect_error" in case:
                    self.assertEqual((normalized, error), (None, case["expect_error"]))
                else:
                    self.assertEqual((normalized, error), (case["expect_normalized"], None))

    def test_fee_rules_of_the_fixtures_pass_the_catalogue_check(self):
        doc = load_cases("fees.json")
        for name, delivery in doc["deliveries"].items():
            for i, entry in enumerate(delivery["methods"]):
                self.assertIsNone(serve_domain.validate_fee_rule(entry["fee_rule"], "%s.methods[%d]" % (name, i)))


if __name__ == "__main__":
    unittest.main()
