"""Replays the shared wire documents in tests/fixtures/sync/*.json against a fresh server.

The same documents serve the C++ client's tests (encode the requests, decode the responses), so the two
sides cannot drift apart. Format and matching rules: tests/fixtures/sync/README.md.

PASAR_FIXTURE_RECORD=1 rewrites each document's responses from the live server (for authoring only:
read every recorded number against the catalogue before committing).
"""

import glob
import json
import os
import re
import unittest

from tests.server import helpers as h

ANY = "$any"
CAPTURE_RE = re.compile(r"^\$capture:(\w+)$")
SUBST_RE = re.compile(r"\$\{(\w+)\}")


def substitute(value, names):
    if isinstance(value, str):
        return SUBST_RE.sub(lambda m: names[m.group(1)], value)
    if isinstance(value, list):
        return [substitute(v, names) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, names) for k, v in value.items()}
    return value


def match(expected, actual, path, names, problems):
    """Exact comparison, except "$any" and "$capture:NAME" (which also records the value)."""
    if expected == ANY:
        return
    if isinstance(expected, str):
        capture = CAPTURE_RE.match(expected)
        if capture:
            names[capture.group(1)] = actual
            return
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            if key not in actual:
                problems.append("%s.%s missing" % (path, key))
            elif key not in expected:
                problems.append("%s.%s unexpected: %r" % (path, key, actual[key]))
            else:
                match(expected[key], actual[key], "%s.%s" % (path, key), names, problems)
        return
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            problems.append("%s: %d entries, expected %d" % (path, len(actual), len(expected)))
        for i, (e, a) in enumerate(zip(expected, actual)):
            match(e, a, "%s[%d]" % (path, i), names, problems)
        return
    if expected != actual or type(expected) is not type(actual):
        problems.append("%s: %r, expected %r" % (path, actual, expected))


def send(url, request, names):
    request = substitute(request, names)
    headers = dict(request.get("headers", {}))
    if "raw_body" in request:
        body = request["raw_body"].encode("utf-8")
    elif "body" in request:
        body = json.dumps(request["body"]).encode("utf-8")
        headers.setdefault("Content-Type", "application/json")
    else:
        body = None
    return h.request(url, request["method"], request["path"], body, headers)


def keep_markers(expected, actual):
    """For recording: take the actual response but keep "$any"/"$capture" markers where they were."""
    if isinstance(expected, str) and (expected == ANY or CAPTURE_RE.match(expected)):
        return expected
    if isinstance(expected, dict) and isinstance(actual, dict):
        return {k: keep_markers(expected.get(k), v) for k, v in actual.items()}
    if isinstance(expected, list) and isinstance(actual, list):
        return [keep_markers(expected[i] if i < len(expected) else None, a) for i, a in enumerate(actual)]
    return actual


def expanded_steps(doc):
    """The steps as sent: {"comment", "repeat_step": N} is step N's request again, expecting its response."""
    steps = doc["steps"]
    return [dict(steps[s["repeat_step"]], comment=s["comment"]) if "repeat_step" in s else s for s in steps]


class SyncFixturesTest(unittest.TestCase):
    def test_every_document_replays(self):
        paths = sorted(glob.glob(os.path.join(h.SYNC_FIXTURES, "*.json")))
        self.assertGreaterEqual(len(paths), 4)
        record = os.environ.get("PASAR_FIXTURE_RECORD") == "1"
        for path in paths:
            with self.subTest(os.path.basename(path)):
                with open(path, encoding="utf-8") as f:
                    doc = json.load(f)
                clock = ["--test-clock", doc["test_clock"]] if "test_clock" in doc else []
                server = h.fresh_server(os.path.join(h.SYNC_FIXTURES, doc["catalog"]), extra_args=clock)
                try:
                    names = {}
                    for i, step in enumerate(expanded_steps(doc)):
                        response = send(server.base_url, step["request"], names)
                        actual = response.json() if response.body else None
                        expected = step["response"]
                        if record:
                            expected["status"] = response.status
                            expected["body"] = keep_markers(expected.get("body"), actual)
                        problems = []
                        if response.status != expected["status"]:
                            problems.append("status %d, expected %d" % (response.status, expected["status"]))
                        match(expected.get("body"), actual, "body", names, problems)
                        self.assertEqual(problems, [], "step %d (%s) of %s" % (i, step.get("comment", ""), path))
                    for table, count in doc.get("expect_rows", {}).items():
                        self.assertEqual(server.count("SELECT COUNT(*) FROM %s" % table), count, table)
                finally:
                    server.stop()
                if record:
                    with open(path, "w", encoding="utf-8") as f:
                        json.dump(doc, f, indent=1, ensure_ascii=False)
                        f.write("\n")


if __name__ == "__main__":
    unittest.main()
