"""Readers for untrusted JSON: each returns the value or raises Reject naming the JSON path.

Reject is the only exception used for expected failures. It never escapes a request: the sync loop turns
it into a per-mutation result ({status: "rejected", code, message, field}) and the HTTP layer into a 4xx
JSON error. Everything else that raises is a bug or a storage failure.
"""

import json
import re

from .domain import Problem, is_int

CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # control characters other than tab and newline
# A \uD800-\uDFFF escape in the raw text: only then can a parsed string hold a lone surrogate (raw UTF-8
# cannot encode one), so the walk over the parsed value runs only for such bodies.
SURROGATE_ESCAPE_RE = re.compile(r"\\u[dD][89a-fA-F]")
LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def parse_json_text(text: str):
    """Strict JSON for requests: json.loads, and also refuses NaN/Infinity, a key twice in one object (JSON
    parsers disagree on which one wins, so a signed or checked body could mean two things), and a lone
    UTF-16 surrogate in any string or key (it can be stored nowhere: UTF-8 cannot encode it). Raises
    ValueError with a sentence; the HTTP layer answers 400 bad_json."""
    value = json.loads(text, object_pairs_hook=_object_without_repeats, parse_constant=_refuse_constant)
    if SURROGATE_ESCAPE_RE.search(text) and _holds_lone_surrogate(value):
        raise ValueError("a string holds a lone UTF-16 surrogate (\\ud800 to \\udfff), which is not text")
    return value


def _object_without_repeats(pairs):
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError("the key %r appears twice in one object" % key[:40])
            seen.add(key)
    return obj


def _refuse_constant(name):
    raise ValueError("%s is not JSON" % name)


def _holds_lone_surrogate(value) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if LONE_SURROGATE_RE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class Reject(Exception):
    def __init__(self, code: str, message: str, field: str = None, status: int = 400, **extra):
        super().__init__(message)
        self.problem = Problem(code, message, field)
        self.status = status
        self.extra = extra

    def to_json(self) -> dict:
        out = self.problem.to_json()
        out.update(self.extra)
        return out


def read_obj(container, name, path, required=True):
    value = container.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, dict):
        raise Reject("invalid_args", "%s must be an object" % path, path)
    return value


def read_list(container, name, path, min_len, max_len):
    value = container.get(name)
    if not isinstance(value, list):
        raise Reject("invalid_args", "%s must be an array" % path, path)
    if not min_len <= len(value) <= max_len:
        raise Reject("invalid_args", "%s must hold %d to %d entries" % (path, min_len, max_len), path)
    return value


def read_str(container, name, path, max_len, min_len=1, required=True, default=None):
    value = container.get(name)
    if value is None and not required:
        return default
    if not isinstance(value, str):
        raise Reject("invalid_args", "%s must be a string" % path, path)
    value = value.strip()
    if not min_len <= len(value) <= max_len:
        if min_len and not value:
            raise Reject("invalid_args", "%s must not be empty" % path, path)
        raise Reject("invalid_args", "%s must be %d to %d characters" % (path, min_len, max_len), path)
    if CONTROL_RE.search(value):
        raise Reject("invalid_args", "%s must not contain control characters" % path, path)
    return value


def read_int(container, name, path, lo, hi, required=True, code="invalid_args"):
    value = container.get(name)
    if value is None and not required:
        return None
    if not is_int(value):
        raise Reject(code, "%s must be a whole number" % path, path)
    if not lo <= value <= hi:
        raise Reject(code, "%s must be between %d and %d" % (path, lo, hi), path)
    return value


def read_enum(container, name, path, allowed, required=True, default=None):
    value = container.get(name)
    if value is None and not required:
        return default
    if value not in allowed:
        raise Reject("invalid_args", "%s must be one of %s" % (path, ", ".join(allowed)), path)
    return value
