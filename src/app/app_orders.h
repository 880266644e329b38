// The buyer's orders, the outbox that carries them to serve.py, and the files that keep both on the phone.
//
// HONEST STATES (what a buyer sees for an order, OrderView below)
//   Saving       the order exists in memory only: its files are written but IndexedDB has not confirmed
//   SaveFailed   IndexedDB refused (storage full or blocked): said in words, the order stays in memory and
//                every later save retries it; nothing already saved is touched
//   OnPhone      "Tersimpan di HP": durable on this phone, its place_order waits in the outbox
//   Sent         "Terkirim": serve.py acknowledged the place_order (ok result, or acknowledged)
//   then the stall's answer from the server's patches: accepted, adjusted, ready, ..., or rejected
//   Refused      the server refused the order itself (price changed, sold out, ...): its reason and a
//                way forward (reorder with today's prices)
// Nothing is shown as sent before a 2xx reply says so (sync_protocol.h).
//
// PERSISTENCE (files in the IDBFS folder; each written whole, tmp + rename, then one debounced syncfs)
//   outbox.json   core/outbox.h's file: the pending mutations and their results
//   orders.json   the buyer's orders with their history
//   prefs.json    language, cart, the buyer's details for the next checkout, delivery choice, the sync
//                 cookie and the price/availability and stall open/closed patches applied since the
//                 catalogue snapshot
// Every change that must survive bumps Store::generation and writes the files it touched; the
// platform reports the generation IndexedDB holds (StoreSaved). A damaged file at start is kept aside
// under `<name>.damaged` (never overwritten) and the buyer is told.
//
// TWO TABS. Only the tab holding the store lock (the platform's Web Lock) reads or writes the files and
// syncs; another tab shows "open in another tab" with a button to take over (OtherTab, TakeOver).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/checkout.h"
#include "core/orders.h"
#include "core/outbox.h"
#include "core/sync_protocol.h"

namespace pasar {

// Field ids of the checkout form (mirror ids of their <input> elements too).
constexpr const char* FIELD_NAME = "checkout/name";
constexpr const char* FIELD_PHONE = "checkout/phone";
constexpr const char* FIELD_ADDRESS = "checkout/address";
constexpr const char* FIELD_LANDMARK = "checkout/landmark";

constexpr const char* FILE_OUTBOX = "outbox.json";
constexpr const char* FILE_ORDERS = "orders.json";
constexpr const char* FILE_PREFS = "prefs.json";
constexpr int64_t ORDERS_FILE_VERSION = 1;
constexpr int64_t PREFS_FILE_VERSION = 1;
constexpr size_t MAX_STORED_ORDERS = 200;   // the oldest finished orders leave first
constexpr int64_t WHATSAPP_AFTER_MS = 60 * 1000;  // unsent this long while sync fails: offer WhatsApp
constexpr int64_t PULL_EVERY_MS = 30 * 1000;       // ask for order updates while an order is open
// Ask for prices, sold-out products and closed stalls this often while a page of the catalogue (market,
// stall, product, cart, checkout) is on a visible screen. serve.py allows a client 10 requests a second;
// this is one in 30 s. A test may shorten it (SetPullEvery), never below MIN_PULL_EVERY_MS.
constexpr int64_t CATALOG_PULL_EVERY_MS = 30 * 1000;
constexpr int64_t MIN_PULL_EVERY_MS = 1000;

// Why "Pesan" made no order when no field is to blame.
enum class CheckoutProblem {
  None,
  StoreStarting,   // the phone's storage is still starting
  CartEmpty,
  StallsLoading,   // the market's stalls have not loaded yet
  PreparingCode,   // the phone is still preparing an order code (random bytes)
  Order,           // BuildOrder refused: order_problem
  OutboxFull,      // outbox_limit
  NotSaved,        // the outbox refused for another reason
};

struct CheckoutState {
  CheckoutForm form;                 // delivery_method and area_id come from the cart screen's choice
  std::vector<FieldError> errors;    // shown under their fields after the first "Pesan" tap
  bool tried = false;                // the buyer tapped "Pesan" at least once
  CheckoutProblem problem = CheckoutProblem::None;  // a problem that is no field's (said by src/ui)
  OrderResult order_problem;         // Order: why BuildOrder refused (a line sold out, ...)
  int64_t outbox_limit = 0;          // OutboxFull: how many changes wait to be sent
  FeeQuote fee_problem;              // the delivery fee's outcome when it stopped the order (said by the UI)
};

struct OrderEvent {
  OrderStatus status = OrderStatus::Unknown;
  int64_t at_ms = 0;                 // the phone's clock
  std::string note;                  // the server's reason, if any
};

struct StoredOrder {
  Order order;
  std::vector<OrderEvent> history;   // oldest first
  int64_t saved_generation = 0;      // the store generation that first holds the order
  bool refused = false;              // the server refused the place_order itself
  std::string refused_code;          // the server's code: the UI's word table makes the buyer's sentence
  std::string refused_field;         // the JSON path it named ("args.lines[1].qty_milli"), "" for none
  std::string refused_message;       // the server's English, kept for support; never shown to the buyer
  bool needs_confirm = false;        // the stall must confirm a price that changed since it was quoted
  bool cancel_requested = false;     // a cancel_order waits in the outbox
  std::string cancel_key;            // the key of the last cancel_order sent for it
};

enum class OrderView { Saving, SaveFailed, OnPhone, Sent, Refused, Stall };
// Stall: order.status holds the stall's answer or a later state (accepted, ready, delivered, ...).
// ViewOfOrder() in app.h says which applies.

struct SyncState {
  bool online = true;                // browser online/offline events; a failed request sets it false
  bool in_flight = false;
  PushBatch batch;                   // what the request in flight carries
  int attempt = 0;                   // failures in a row
  int64_t next_attempt_ms = 0;       // no push before this (backoff)
  std::optional<int64_t> cookie;     // the last applied reply's cookie
  int64_t failing_since_ms = 0;      // first failure of the current run of failures, 0 when fine
  int64_t last_ok_ms = 0;
  int64_t last_pull_ms = 0;
  int64_t catalog_pull_every_ms = CATALOG_PULL_EVERY_MS;
  bool page_visible = true;          // the browser shows the page (visibilitychange)
  std::string catalog_version;       // the catalogue in force on the server (patches), "" = the snapshot's
  std::string status_en;             // last outcome, for logs and tests; never shown (SyncStatusText says it)
};

struct StoreState {
  bool loaded = false;               // files read (or IndexedDB unavailable): nothing is read before
  bool unavailable = false;          // IndexedDB cannot be used at all (private mode): memory only
  bool other_tab = false;            // another tab holds the store: this tab must not write or sync
  int64_t generation = 0;            // bumps on every change that must persist
  int64_t saved_generation = 0;      // the highest generation IndexedDB confirmed
  int64_t outbox_generation = 0;     // generation of the last outbox change (push only once it is saved)
  std::string error_code;            // last save's error: "", "quota", "io"
  std::string error_detail;
  bool persist_asked = false;
  bool persisted = false;            // navigator.storage.persist() granted
  int64_t usage_bytes = -1;          // navigator.storage.estimate(), -1 until known
  int64_t quota_bytes = -1;
  std::vector<std::string> damaged;  // files kept aside at start because they did not decode
  std::vector<std::pair<std::string, std::string>> files_at_start;  // StoreFile intents until StoreLoaded
};

// A price or availability the server changed after the catalogue snapshot (a sync patch), kept so the
// app shows today's price offline too.
struct ProductPatch {
  std::string product_id;
  int64_t price_rp = 0;
  std::string price_date;
  Availability availability = Availability::Unknown;
};

// A stall the server closed for now (or opened again) after the catalogue snapshot (a `stall` patch):
// while closed its products take no orders, and a cart line of it must go before checkout.
struct StallPatch {
  std::string stall_id;
  bool open = true;
};

}  // namespace pasar
