// The sync protocol, client side: `POST /api/sync` push_version 1, as serve.py implements it
// (README, "Sync wire format"; shared documents in tests/fixtures/sync/).
//
// ONE EXCHANGE
//   PushRequest req = BuildPushRequest(outbox, cookie);    // a prefix of `pending` (<= 100, <= 256 KiB)
//   ... the platform POSTs req.body (Content-Type: application/json, plus the vendor's Bearer token)
//   SyncPlan plan = PlanSync(outbox, req.batch, {status, body, retry_after_ms});
//   ApplySyncPlan(&outbox, plan);   // drops answered entries, records results; never renumbers
//   ... the app applies plan.patch to its catalogue and orders, stores plan.cookie with them, persists
// One push is in flight at a time. New entries may be appended while it is in flight (they get higher
// ids and are not part of the batch). Persisting the outbox and the cookie need not be atomic: a stale
// outbox re-sends entries the server answers again from its records, and a stale cookie asks for a
// patch again whose entries are states, not deltas.
//
// WHAT A REPLY MEANS (SyncOutcome)
//   2xx, decodable, consistent   Applied: the batch leaves with its results; the patch and the new
//                                cookie are the app's to apply. If more is pending, push again now.
//                                Pending entries above the batch stay even when last_mutation_id
//                                covers them (a longer push whose reply was lost): sent again, they
//                                come back with their stored results instead of leaving unanswered.
//                                A last_mutation_id beyond every id this outbox made moves next_id
//                                past it, so new entries never reuse an id the server holds.
//   2xx that does not decode, or whose results do not match the batch (wrong count, id or key)
//                                Retry: nothing leaves; back off. A server that speaks another protocol
//                                must not make the phone drop orders.
//   409 mutation_gap, expected_id E, batch starting at F:
//     E > F   Resend: E - 1 is the server's last_mutation_id, so the batch's entries below E are
//             acknowledged (their results are not known here: recorded as Acknowledged; order states
//             follow in patches). Push again now. serve.py answers such a batch with replays rather
//             than a 409, so this only guards against a server that forgot its stored results.
//     E < F   NewClient: the server lacks ids E..F-1 that it acknowledged earlier (its database was
//             restored from an older backup, or a batch it refused left a hole). This phone no longer
//             has those entries, and re-sending other entries under the old ids would change what those
//             ids mean; so the app calls RebaseOutbox() with a fresh client id (MakeClientId from new
//             random bytes): every pending entry keeps its key and body and is numbered from 1 under
//             the new id, and the server's key table makes each run at most once. Push again now.
//     E == F, E missing: Retry (the server contradicts itself; keep everything).
//   401           SignIn: this app's token is missing, expired or revoked (error.action "sign_in"). Keep
//                 everything; push after sign-in. Each app has its own client id and outbox, so only the
//                 app whose token it was waits.
//   408, 429, 5xx (503 storage_unavailable, 507 storage_full), status 0 (no network)
//                 Retry: keep everything; wait RetryDelayMs(attempt, random), at least Retry-After.
//   other 4xx     Refused: the server refused the request as a whole and wrote nothing (bad_origin,
//                 unsupported_push_version, invalid_request, body_too_large, ...). Sending it again
//                 cannot succeed, and keeping it would block every later change forever, so each entry of
//                 the batch leaves with a Rejected result carrying the server's code, message and field:
//                 the UI shows the buyer the honest state ("ditolak: ..."). The ids they held were never
//                 consumed on the server; the next push meets a 409 (E < F) and rebases.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/orders.h"
#include "core/outbox.h"
#include "core/stall_orders.h"

namespace pasar {

constexpr int64_t PUSH_VERSION = 1;
constexpr size_t MAX_PUSH_MUTATIONS = 100;
constexpr size_t MAX_PUSH_BODY_BYTES = 256 * 1024;
constexpr int64_t FIRST_RETRY_DELAY_MS = 1000;
constexpr int64_t MAX_RETRY_DELAY_MS = 60000;
constexpr size_t MAX_PATCH_ENTRIES = 100000;
constexpr int64_t MAX_SYNC_MONEY_RP = int64_t(1) << 50;

// ---- request ------------------------------------------------------------------------------------

struct PushLimits {
    size_t max_mutations = MAX_PUSH_MUTATIONS;
    size_t max_body_bytes = MAX_PUSH_BODY_BYTES;
};

// The ids a push carried: pending entries first_id .. first_id + count - 1. count 0 = a pull.
struct PushBatch {
    int64_t first_id = 0;
    size_t count = 0;
    int64_t last_id() const { return count ? first_id + int64_t(count) - 1 : first_id - 1; }
};

struct PushRequest {
    bool ok = false;
    std::string error;   // why no request could be built (an invalid client id); empty when ok
    std::string body;    // {"client_id","cookie","mutations","push_version"} as JSON text
    PushBatch batch;
};

// cookie: the cookie of the last reply whose patch the app applied; nullopt = none yet (null on the wire).
// The same outbox and cookie always give the same body, byte for byte.
PushRequest BuildPushRequest(const Outbox& outbox, std::optional<int64_t> cookie, const PushLimits& limits = {});

// ---- reply --------------------------------------------------------------------------------------

enum class PatchOp { Unknown, CatalogVersion, Product, Stall, CatalogReset, Order, MarketReset, OrderAnswer, AccountOrder };
// "catalog_version", "product", "stall", "catalog_reset", "order", "market_reset", "order_answer", "account_order"
const char* PatchOpName(PatchOp op);

struct PatchProduct {
    std::string product_id;
    std::string market_id;
    int64_t price_rp = 0;
    std::string price_date;  // YYYY-MM-DD
    Availability availability = Availability::Unknown;  // Unknown: a value this build does not know
};

// A stall closed for now (or open again): while closed its products take no orders.
struct PatchStall {
    std::string stall_id;
    std::string market_id;
    bool open = true;
    std::optional<int64_t> closed_until_ms;  // when a closed stall opens again by itself; null = not by itself
    std::string paused;                      // "" or why new orders wait for the cooperative ("missed_answers")
};

struct PatchOrderLine {
    int64_t line_no = 0;
    std::string product_id;
    int64_t qty_milli = 0;
    std::optional<int64_t> settled_qty_milli;  // null until weighed or adjusted
    int64_t price_rp = 0;
    int64_t line_total_rp = 0;
    OrderStatus status = OrderStatus::Unknown;
};

struct PatchOrderStall {
    std::string stall_id;
    OrderStatus status = OrderStatus::Unknown;
    std::optional<std::string> reason;
};

struct PatchOrder {
    std::string order_id;
    OrderStatus status = OrderStatus::Unknown;  // Unknown: a state this build does not know yet
    std::optional<std::string> reason;
    bool needs_confirm = false;
    int64_t subtotal_rp = 0;
    int64_t delivery_fee_rp = 0;
    int64_t total_rp = 0;
    std::vector<PatchOrderLine> lines;
    std::vector<PatchOrderStall> stalls;
};

// Products were added to or hidden from one market (`product` carries only price and availability): the
// phone fetches market_url again and replaces that market's products; the other markets stay. A phone
// that skips this op keeps the products it had and still gets their prices.
struct PatchMarketReset {
    std::string market_id;
    std::string catalog_version;
    std::string market_url;  // "/data/markets/<file>.json", a path on this server
};

// One stall's answer state in an `order_answer` entry.
struct PatchOrderAnswerStall {
    std::string stall_id;
    std::optional<std::string> reason_code;  // why it rejected (ParseRejectReason), null when none
    std::optional<int64_t> answer_by_ms;
    bool missed = false;
};

// The buyer's `order_answer` op, right after an `order` entry when `order` cannot say it: a stall let
// its deadline pass (missed: the buyer may cancel) or rejected with a reason_code.
struct PatchOrderAnswer {
    std::string order_id;
    std::optional<int64_t> answer_by_ms;  // null unless the order is still `sent`
    bool missed = false;                  // true while the order is `sent` and a stall missed its deadline
    std::vector<PatchOrderAnswerStall> stalls;
};

// One patch entry; which fields mean something depends on op. Unknown ops (from a newer server) are
// kept with their name and their JSON text so the app can skip them; they never fail the reply. The
// buyer's app skips what it does not handle (market_reset until it refetches, account_order never
// arrives without a stall's or staff's token).
struct PatchEntry {
    PatchOp op = PatchOp::Unknown;
    std::string op_name;
    std::string unknown_json;     // Unknown: the entry as the server sent it (compact JSON text)
    std::string catalog_version;  // CatalogVersion, CatalogReset
    std::string index_url;        // CatalogReset: fetch this and the market files again
    PatchProduct product;         // Product
    PatchStall stall;             // Stall
    PatchOrder order;             // Order
    PatchMarketReset market_reset;  // MarketReset
    PatchOrderAnswer order_answer;  // OrderAnswer
    StallOrder account_order;       // AccountOrder (core/stall_orders.h)
};

struct SyncReply {
    int64_t last_mutation_id = 0;
    int64_t cookie = 0;
    std::vector<MutationResult> results;  // name empty; status Ok or Rejected
    std::vector<PatchEntry> patch;
};

// The JSON error body every refusal carries: {"error": {code, message, field?, expected_id?, ...}}.
struct WireError {
    std::string code;
    std::string message;
    std::string field;
    int64_t expected_id = 0;  // mutation_gap only
    std::string action;       // what to do before sending again, e.g. "sign_in" (401); empty when none
};

// The order line a rejection's field points at: "args.lines[1].price_rp" -> 1; nullopt for any other field.
// (A field is data for the phone, never words for a person: the UI names the line's product instead.)
std::optional<size_t> OrderLineOfField(std::string_view field);

Decoded<SyncReply> DecodeSyncReply(std::string_view body);
std::string EncodeSyncReply(const SyncReply& reply);
Decoded<WireError> DecodeWireError(std::string_view body);
std::string EncodeWireError(const WireError& error);

// ---- what to do ---------------------------------------------------------------------------------

struct SyncHttpReply {
    int status = 0;               // HTTP status; 0 = no reply (network error, timeout, offline)
    std::string body;
    int64_t retry_after_ms = -1;  // the Retry-After header in ms, -1 when absent
};

enum class SyncOutcome { Unknown, Applied, Resend, NewClient, SignIn, Retry, Refused };
const char* SyncOutcomeName(SyncOutcome outcome);

struct SyncPlan {
    SyncOutcome outcome = SyncOutcome::Unknown;
    int64_t remove_through_id = 0;         // pending entries with id <= this leave the outbox
    std::vector<MutationResult> results;   // recorded for them (missing ones become Acknowledged)
    int64_t server_last_mutation_id = -1;  // the server's last id for this client, -1 when unknown
    std::optional<int64_t> cookie;         // Applied: the cookie to store once the patch is applied
    std::vector<PatchEntry> patch;         // Applied: oldest first
    WireError error;                       // the refusal, for Resend/NewClient/SignIn/Retry/Refused
    std::string message;                   // English, for logs and the sync status line
    int64_t retry_after_ms = -1;           // Retry: the server's Retry-After, -1 when none
    bool push_now() const {
        return outcome == SyncOutcome::Resend || outcome == SyncOutcome::NewClient;
    }
};

// Pure: reads the outbox (for the keys of the batch) and the reply, changes nothing.
SyncPlan PlanSync(const Outbox& outbox, const PushBatch& sent, const SyncHttpReply& reply);

// Drops what the plan says was answered and records the results. Renumbers nothing: for NewClient
// the app calls RebaseOutbox itself with a fresh client id.
void ApplySyncPlan(Outbox* outbox, const SyncPlan& plan, const OutboxLimits& limits = {});

// ---- backoff ------------------------------------------------------------------------------------

// Delay before retry number `attempt` (1 = the first retry after a failure), "equal jitter": the
// ceiling doubles from FIRST_RETRY_DELAY_MS up to MAX_RETRY_DELAY_MS, and the delay is uniform in
// [ceiling/2, ceiling) driven by random01 in [0, 1) (clamped). Attempt 1 waits 0.5-1 s, attempt 7
// and later 30-60 s. attempt <= 0 gives 0. A Retry-After (ms, -1 for none) raises the delay to at
// least that, still capped at MAX_RETRY_DELAY_MS.
int64_t RetryDelayMs(int attempt, double random01, int64_t retry_after_ms = -1);

}  // namespace pasar
