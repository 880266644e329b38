"""What happens when time passes, by the server's clock (clock.py): a stall closed `until_ms` opens again,
a stall's part of an order still unanswered at its deadline (`answer_by_ms`) is marked `missed`, and
orders that stall are flagged for the cooperative (queries.order_flags): `not_picked_up` when an order
is `ready` longer than its market's ready_wait_s, `not_delivered` when a delivery (any method but pickup)
is still open after its market day (orders.market_day) ended at 24:00 WIB.

MISSED ANSWERS
  A missed part is flagged in the buyer's `order` op and the stall's `account_order` op (`missed: true`);
  the buyer may cancel (cancel_order), the stall may still answer. Each miss is counted for the stall's
  market day (WIB, domain.market_day_wib) of its deadline; at MAX_MISSES_PER_DAY the stall is paused for
  new orders (stalls.paused = "missed_answers": place_order answers `stall_paused`, the catalogue shows
  the stall closed, the `stall` op says `paused`), until its cooperative's staff reopen it with
  reopen_stall {stall_id} (mutations_coop.py) or set_stall_open {stall_id, open: true}.

The sweep runs in one write transaction every TICK_S seconds (Timers), and at once after a test moves the
clock (POST /api/test/clock). It changes rows only when something is due, so an idle server's change
counter stays where it is.
"""

import sys
import threading

from . import clock
from .catalog import bump_catalog_version
from .db import VersionAllocator
from .access import DELIVERY_CLOSED_STATES
from .domain import market_day_wib
from .market_rules import DEFAULT_READY_WAIT_S

TICK_S = 5.0
MAX_MISSES_PER_DAY = 3
PAUSED_MISSED = "missed_answers"


# Ready longer than the market's ready_wait_s (market_settings; market_rules.DEFAULT_READY_WAIT_S).
LATE_PICKUP_SQL = ("SELECT o.order_id FROM orders o LEFT JOIN market_settings m ON m.market_id = o.market_id "
                   "WHERE o.status='ready' AND o.status NOT IN %s AND o.late_pickup=0 AND o.ready_at_ms IS NOT NULL "
                   "AND o.ready_at_ms + COALESCE(m.ready_wait_s, %d) * 1000 <= ? ORDER BY o.order_id"
                   % (str(DELIVERY_CLOSED_STATES), DEFAULT_READY_WAIT_S))  # the NOT IN: the partial index orders_open
# A delivery still open when its market day is over (the day's date is before today's, WIB).
LATE_DELIVERY_SQL = ("SELECT order_id FROM orders WHERE status NOT IN %s AND delivery_method<>'pickup' AND "
                     "late_delivery=0 AND market_day<>'' AND market_day < ? ORDER BY order_id"
                     % str(DELIVERY_CLOSED_STATES))


def sweep(conn, now_ms: int) -> bool:
    """Applies everything due at now_ms inside the caller's transaction; True if the catalogue changed."""
    versions = VersionAllocator(conn)
    catalog_changed = False
    reopen = [r[0] for r in conn.execute("SELECT id FROM stalls WHERE closed=1 AND closed_until_ms IS NOT NULL "
                                         "AND closed_until_ms <= ?", (now_ms,))]
    if reopen:
        conn.executemany("UPDATE stalls SET closed=0, closed_until_ms=NULL, version=? WHERE id=?",
                         [(versions.get(), stall_id) for stall_id in reopen])
        catalog_changed = True
    due = conn.execute("SELECT p.order_id, p.stall_id, p.answer_by_ms FROM order_stalls p JOIN orders o "
                       "ON o.order_id = p.order_id WHERE p.status='sent' AND p.missed=0 AND p.answer_by_ms > 0 "
                       "AND p.answer_by_ms <= ? AND o.status IN ('sent', 'accepted', 'adjusted') "
                       "ORDER BY p.answer_by_ms, p.order_id", (now_ms,)).fetchall()
    for part in due:
        conn.execute("UPDATE order_stalls SET missed=1 WHERE order_id=? AND stall_id=?",
                     (part["order_id"], part["stall_id"]))
        conn.execute("UPDATE orders SET version=? WHERE order_id=?", (versions.get(), part["order_id"]))
        day = market_day_wib(part["answer_by_ms"] / 1000)
        conn.execute("INSERT OR IGNORE INTO missed_answers(stall_id, market_day, order_id) VALUES(?, ?, ?)",
                     (part["stall_id"], day, part["order_id"]))
        misses = conn.execute("SELECT COUNT(*) FROM missed_answers WHERE stall_id=? AND market_day=?",
                              (part["stall_id"], day)).fetchone()[0]
        if misses >= MAX_MISSES_PER_DAY:
            paused = conn.execute("UPDATE stalls SET paused=?, version=? WHERE id=? AND paused IS NULL",
                                  (PAUSED_MISSED, versions.get(), part["stall_id"])).rowcount
            catalog_changed |= bool(paused)
    for order_id in conn.execute(LATE_PICKUP_SQL, (now_ms,)).fetchall():
        conn.execute("UPDATE orders SET late_pickup=1, version=? WHERE order_id=?", (versions.get(), order_id[0]))
    for order_id in conn.execute(LATE_DELIVERY_SQL, (market_day_wib(now_ms / 1000),)).fetchall():
        conn.execute("UPDATE orders SET late_delivery=1, version=? WHERE order_id=?", (versions.get(), order_id[0]))
    if catalog_changed:
        bump_catalog_version(conn, versions.get())
    return catalog_changed


def anything_due(conn, now_ms: int) -> bool:
    """A cheap read first, so an idle server's tick writes (and syncs) nothing."""
    if conn.execute("SELECT EXISTS(SELECT 1 FROM stalls WHERE closed=1 AND closed_until_ms IS NOT NULL AND "
                    "closed_until_ms <= ?) OR EXISTS(SELECT 1 FROM order_stalls WHERE status='sent' AND "
                    "missed=0 AND answer_by_ms > 0 AND answer_by_ms <= ?)", (now_ms, now_ms)).fetchone()[0] == 1:
        return True
    return (conn.execute(LATE_PICKUP_SQL + " LIMIT 1", (now_ms,)).fetchone() is not None or
            conn.execute(LATE_DELIVERY_SQL + " LIMIT 1", (market_day_wib(now_ms / 1000),)).fetchone() is not None)


class Timers:
    """Runs sweep() every TICK_S seconds on a daemon thread, and on demand (run_once)."""

    def __init__(self, store, exporter):
        self.store, self.exporter = store, exporter
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="timers", daemon=True)

    def start(self):
        self.thread.start()

    def run_once(self) -> bool:
        now_ms = clock.now_ms()
        with self.store.read() as conn:
            if not anything_due(conn, now_ms):
                return False
        changed = self.store.run_atomic(lambda conn: sweep(conn, now_ms))
        if changed and self.exporter is not None:
            try:
                self.exporter.export_if_stale()
            except OSError as error:
                sys.stderr.write("catalogue export failed: %s\n" % error)
        return changed

    def _loop(self):
        while not self.stop_event.wait(TICK_S):
            try:
                self.run_once()
            except Exception as error:  # storage trouble: try again next tick
                sys.stderr.write("timers: %r\n" % error)

    def stop(self):
        self.stop_event.set()
