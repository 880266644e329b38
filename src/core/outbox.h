// The outbox: every change the phone must tell the server, kept until the server has it.
//
// A MUTATION is one such change (`place_order`, `cancel_order`, `set_price`, ...) with
//   id             per client, 1, 2, 3, ... assigned by AppendMutation and never reused or changed
//                  while the client id stays the same;
//   key            the idempotency key: the server runs a key at most once, whichever client sends it;
//   name, args     what to do; args is a JSON object the server validates (the phone cannot set prices);
//   created_at_ms  the phone's clock when it was made, shown to people and never used for ordering.
//
// LIFECYCLE OF AN ENTRY
//   AppendMutation        -> pending (the app says "saved on this phone" once the file is persisted)
//   BuildPushRequest      -> sent, maybe many times: the same ids, keys and bodies every time
//   ApplySyncPlan after a reply (see sync_protocol.h):
//     2xx acknowledging it   -> leaves `pending`; its result (ok, or rejected with code and message)
//                               goes to `results`, where the UI finds it by key
//     409 gap                -> the entries the server says it holds leave (acknowledged, result not
//                               known: the order's state arrives in a patch); or the whole outbox is
//                               rebased on a new client id (RebaseOutbox) when the server lost entries
//     4xx refusing the batch -> the batch leaves with a rejected result carrying the server's message
//     401, 408, 429, 5xx, no network, an unreadable reply -> nothing changes; the app backs off
// Nothing leaves `pending` on any other path, so a crash or a lost reply never loses a change: the
// retry re-sends the same ids and keys and the server answers the ones it already ran with their
// stored results.
//
// ORDER. Ids are the only order. `pending` is sorted by id with no holes, and always starts above
// `server_last_mutation_id`; created_at_ms may jump backwards or be years off without effect.
//
// LIMITS. The outbox holds at most OutboxLimits::max_entries pending entries (a phone that stays
// offline for days should not grow a file IDBFS rewrites whole on every save); beyond that
// AppendMutation fails with OutboxError::Full and a sentence for the buyer. `results` keeps the newest
// max_results entries; older ones are dropped first (the app copies what it needs into its orders).
//
// FILE. EncodeOutbox/DecodeOutbox write and read `outbox.json` (format_version 1). The decoder checks
// every invariant above and names the first bad field (`pending[2].id: must be 7 (ids are
// consecutive)`); decode(encode(x)) encodes to the same text.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/decode.h"

namespace pasar {

constexpr int64_t OUTBOX_FORMAT_VERSION = 1;
constexpr size_t MAX_OUTBOX_ENTRIES = 200;
constexpr size_t MAX_OUTBOX_RESULTS = 200;
constexpr size_t MAX_MUTATION_ARGS_BYTES = 24 * 1024;  // a 60-line order is ~8 KB; 10+ fit in one push
constexpr int MAX_MUTATION_ARGS_DEPTH = 8;              // place_order nests 3 deep
constexpr size_t MAX_MUTATION_NAME_BYTES = 64;
constexpr int64_t MAX_MUTATION_ID = (int64_t(1) << 53) - 1;  // exact in JavaScript and Python JSON
constexpr int64_t MAX_CLOCK_MS = (int64_t(1) << 53) - 1;
constexpr size_t MAX_SERVER_MESSAGE_BYTES = 1000;     // longer messages from the server are cut
constexpr size_t CLIENT_ID_RANDOM_BYTES = 16;
constexpr size_t MUTATION_KEY_RANDOM_BYTES = 16;

struct Mutation {
    int64_t id = 0;
    std::string key;
    std::string name;
    Json args = Json::object();
    int64_t created_at_ms = 0;
};

enum class ResultStatus {
    Unknown,
    Ok,            // the server ran it; `answer` holds its reply (order_id, order_status, totals, ...)
    Rejected,      // the server refused it (business rule, or the whole push): code, message, field
    Acknowledged,  // the server holds it but this phone never saw its result (a 409 or a second tab)
};
const char* ResultStatusName(ResultStatus status);  // "ok", "rejected", "acknowledged", "unknown"
ResultStatus ParseResultStatus(std::string_view text);

struct MutationResult {
    int64_t id = 0;             // the mutation's id when it was answered
    std::string key;
    std::string name;           // copied from the outbox entry ("" when the server's reply alone is known)
    ResultStatus status = ResultStatus::Unknown;
    std::string code;           // rejected: stable snake_case, e.g. "sold_out", "bad_origin"
    std::string message;        // rejected: the server's sentence for people (shown, never parsed)
    std::string field;          // rejected, optional: "args.lines[1].price_rp"
    Json answer = Json::object();  // every other field of the result: the ok answer or rejection details
};

struct Outbox {
    std::string client_id;                // 8-64 of A-Z a-z 0-9 _ -; random per installation
    int64_t next_id = 1;                  // the id the next AppendMutation assigns
    int64_t server_last_mutation_id = 0;  // the highest id the server acknowledged for client_id
    std::vector<Mutation> pending;        // sorted by id, consecutive, all > server_last_mutation_id
    std::vector<MutationResult> results;  // oldest first; one per (id, key): a replayed answer replaces
};

struct OutboxLimits {
    size_t max_entries = MAX_OUTBOX_ENTRIES;
    size_t max_results = MAX_OUTBOX_RESULTS;
    size_t max_args_bytes = MAX_MUTATION_ARGS_BYTES;
};

// What the caller supplies for a new entry; the id is the outbox's to assign.
struct NewMutation {
    std::string name;           // [a-z][a-z0-9_]*, at most 64 bytes
    std::string key;            // MakeMutationKey(random bytes), or the order's own idempotency key
    Json args = Json::object();
    int64_t created_at_ms = 0;  // 0 .. 2^53-1
};

enum class OutboxError { None, Full, BadName, BadKey, BadArgs, BadClock, IdsExhausted, BadClientId };

struct AppendResult {
    OutboxError error = OutboxError::None;
    int64_t id = 0;           // the assigned id when ok
    std::string message;      // English, names the field, for logs and tests; never shown; empty when ok
    size_t max_entries = 0;   // Full: the limit it reached (said by src/ui; the others are programmer errors)
    bool ok() const { return error == OutboxError::None; }
};

// Wire rules, the same as serve.py's.
bool IsValidClientId(std::string_view text);     // 8-64 of A-Z a-z 0-9 _ -
bool IsValidMutationKey(std::string_view text);  // 8-100 of A-Z a-z 0-9 _ . : -
bool IsValidMutationName(std::string_view text);

std::string MakeClientId(const std::array<uint8_t, CLIENT_ID_RANDOM_BYTES>& bytes);       // "p" + 32 hex
std::string MakeMutationKey(const std::array<uint8_t, MUTATION_KEY_RANDOM_BYTES>& bytes);  // 32 hex

// An empty outbox for a new installation. client_id must pass IsValidClientId.
Outbox MakeOutbox(std::string client_id);

// Appends with the next id. On error the outbox is unchanged.
AppendResult AppendMutation(Outbox* outbox, NewMutation mutation, const OutboxLimits& limits = {});

// The pending entry with this id, or null.
const Mutation* FindPending(const Outbox& outbox, int64_t id);

// What the UI shows for a key: Pending while an entry with that key waits in the outbox; else Ok if
// any recorded result for the key is ok (a later `key_reuse` refusal of another body does not undo
// the first run); else the newest result's status; else Unknown (never sent from here, or its result
// was dropped). *result is set when a result is known.
enum class KeyState { Unknown, Pending, Ok, Rejected, Acknowledged };
KeyState StateOfKey(const Outbox& outbox, std::string_view key, const MutationResult** result = nullptr);

// Removes every pending entry with id <= through_id. Each leaving entry gets its result from
// `results` (matched by id and key) or, failing that, an Acknowledged result. Then records the
// remaining results (replacing an older result with the same id and key) and trims `results` to
// max_results.
// Contract: only sync_protocol's ApplySyncPlan calls this, with ids the server answered for.
void RemoveAnsweredEntries(Outbox* outbox, int64_t through_id, const std::vector<MutationResult>& results,
                           const OutboxLimits& limits = {});

// The recovery for a server that lost entries it had acknowledged (409 with expected_id below the
// first pending id, e.g. its database was restored from a backup): the outbox moves to a brand-new
// client id and its pending entries are numbered 1, 2, ... under it, keys and bodies unchanged. The
// old client's ids are never sent again, and the keys make the server run each change at most once
// even if it still holds some of them. Returns false (outbox unchanged) when new_client_id is invalid
// or equals the current one.
bool RebaseOutbox(Outbox* outbox, std::string new_client_id);

std::string EncodeOutbox(const Outbox& outbox);
// One mutation as JSON: the same object in outbox.json and in a push's mutations[].
Json EncodeMutationJson(const Mutation& m);
Decoded<Outbox> DecodeOutbox(std::string_view text);

// Shared with sync_protocol: checks an args/answer object (an object, at most max_depth deep, at
// most max_bytes when dumped).
bool CheckJsonObjectShape(const Json& value, const std::string& path, int max_depth, size_t max_bytes,
                          DecodeError* error);
// A server sentence made safe to store and show: control characters become spaces, cut to
// MAX_SERVER_MESSAGE_BYTES on a UTF-8 boundary. Idempotent.
std::string CleanServerText(std::string_view text);

}  // namespace pasar
