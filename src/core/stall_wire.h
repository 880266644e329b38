// The stall app's wire, both ways, exactly as serve.py speaks it (README, "Sync wire format": "Other
// endpoints" for sign-in and PIN change, "Mutations" for the stall's changes; server/auth.py,
// server/mutations_stall.py, server/orders.py).
//
// REQUESTS. Sign-in and PIN change are their own POSTs (BuildLoginBody, BuildChangePinBody: JSON text).
// Every other change is an outbox entry: a Build* function checks what the vendor entered by the
// server's own rules and gives the mutation's name and args (StallMutation); MakeStallNewMutation adds
// the key and the phone's clock for AppendMutation. A builder that refuses names the problem as a code
// (StallInputError) and the args field at fault: the UI words it, nothing is queued, so a change the
// server would certainly refuse never waits a day for signal first.
//
// ANSWERS. ReadLoginReply / ReadChangePinReply turn an HTTP reply into an outcome with its data (attempts
// left, locked until when, sign in again); ReadStallResult turns a mutation's result (from the outbox's
// results) into codes with data (price_moved with the current price, stall_paused, invalid_transition
// with the order's state). Messages from the server are kept for logs, never shown.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/limits.h"
#include "core/outbox.h"
#include "core/stall_orders.h"
#include "core/units.h"

namespace pasar {

constexpr size_t DEVICE_KEY_RANDOM_BYTES = 16;
constexpr int64_t MAX_CLOSED_MS = int64_t(31) * 24 * 3600 * 1000;  // until_ms at most 31 days ahead
constexpr size_t MAX_PRODUCT_NAME_CHARS = 60;
constexpr size_t MAX_PRODUCT_STEPS = 8;
constexpr size_t MAX_STEP_LABEL_CHARS = 20;
constexpr size_t MAX_PIECE_NAME_CHARS = 20;
constexpr size_t MAX_ADJUSTED_LINES = 100;
constexpr int64_t WEIGHED_OVERSHOOT_NUM = 3, WEIGHED_OVERSHOOT_DEN = 2;  // a weighed line settles at <= 1.5x

// ---- checks the server makes too ---------------------------------------------------------------

bool IsValidPin(std::string_view pin);         // 4-12 digits (what sign-in accepts)
bool IsValidNewPin(std::string_view pin);      // exactly 6 digits (what change_pin sets)
bool IsValidDeviceKey(std::string_view key);   // 22-100 of A-Z a-z 0-9 _ -
bool IsValidStallCode(std::string_view code);  // a stall id: the slug the catalogue uses
// "dk-" + 32 hex from random bytes the platform reads once and the store keeps.
std::string MakeDeviceKey(const std::array<uint8_t, DEVICE_KEY_RANDOM_BYTES>& bytes);

enum class StallInputError {
    None,
    BadStallCode,        // not a stall code
    BadPin,              // not 4-12 digits
    BadNewPin,           // not 6 digits
    SamePin,             // the new PIN is the one in use
    BadDeviceKey,
    BadProductId,
    BadPrice,            // outside 1 .. MAX_PRICE_RP
    BadAvailability,
    BadName,             // empty or longer than 60 characters
    BadCategory,         // empty
    BadUnit,
    BadSteps,            // none, more than 8, an empty or long label, a quantity out of range
    StepsNotWhole,       // pieces must be whole (a multiple of 1000)
    BadPieceName,
    UntilNotAfterNow,    // closing until a time that has passed
    UntilTooFar,         // more than 31 days ahead
    UntilWhileOpen,      // until_ms goes with closing only
    BadOrderId,
    NoLines,             // an adjustment that changes nothing
    UnknownLine,         // a line the stall's view of the order does not hold
    QuantityTooLarge,    // more than 1.5x (weighed) or than ordered
    NotWholePieces,
    PriceNotAdjustable,  // the line is not price_stale
    PriceOutOfRange,     // outside the quoted and the list price
    ReasonNeeded,        // reject with `other` needs a reason text
    ReasonTooLong,
    BadReason,           // RejectReason::Unknown
};
const char* StallInputErrorName(StallInputError error);  // "bad_pin", ... for logs and tests

// ---- sign-in and PIN -----------------------------------------------------------------------------

struct StallLogin {
    std::string stall_code;
    std::string pin;
    std::string device_key;  // empty: none (a phone that never made one); else IsValidDeviceKey
};

struct BuiltBody {
    StallInputError error = StallInputError::None;
    std::string field;  // the body field at fault ("pin")
    std::string body;   // JSON text, when ok
    bool ok() const { return error == StallInputError::None; }
};

BuiltBody BuildLoginBody(const StallLogin& login);                        // POST /api/login
BuiltBody BuildChangePinBody(std::string_view pin, std::string_view new_pin);  // POST /api/change_pin, Bearer

enum class AccountRole { Unknown, Vendor, Staff };

// A signed-in session as the phone keeps it (the token is the Bearer of every push).
struct StallSession {
    std::string token;
    std::string token_type;   // "Bearer"
    int64_t expires_in_s = 0;
    int64_t expires_at_ms = 0;  // now_ms at the reply + expires_in_s (the phone's clock: a hint only;
                                // the server's 401 is what ends a session)
    AccountRole role = AccountRole::Unknown;
    std::string stall_id;     // "" for staff
    std::string market_id;
    bool device_known = false;  // the server stored this phone's device key
};

enum class AuthOutcome {
    Unknown,
    SignedIn,      // login 200
    PinChanged,    // change_pin 200
    WrongPin,      // 401 invalid_credentials (login) or 403 wrong_pin (change_pin): attempts_left
    Locked,        // 429 account_locked: retry_at_ms, lock_scope
    SignInAgain,   // 401 unauthorized (change_pin with a dead token)
    InvalidInput,  // 400 invalid_request / invalid_pin / same_pin: field says which
    Forbidden,     // 403 forbidden (a staff token changing a PIN)
    Retry,         // no reply, 408, 5xx, 429 rate_limited: try later (retry_after_ms when known)
    Refused,       // any other refusal, or a 200 that does not decode
};
const char* AuthOutcomeName(AuthOutcome outcome);

enum class LockScope { Unknown, Source, Strangers };

struct AuthReply {
    AuthOutcome outcome = AuthOutcome::Unknown;
    std::string code;              // the server's code ("invalid_credentials", "account_locked", ...)
    std::string field;
    std::string message;           // the server's sentence, for logs only
    StallSession session;          // SignedIn
    int64_t other_sessions_ended = 0;  // PinChanged
    int64_t attempts_left = -1;    // WrongPin: tries left from this phone before a wait; -1 unknown
    int64_t lock_minutes = 0;      // WrongPin: how long the wait will be
    int64_t retry_at_ms = 0;       // Locked: now_ms + retry_after_s; Retry: now_ms + Retry-After, else 0
    LockScope lock_scope = LockScope::Unknown;
};

// status 0 = no reply. retry_after_ms: the Retry-After header in ms, -1 when absent.
AuthReply ReadLoginReply(int status, std::string_view body, int64_t now_ms, int64_t retry_after_ms = -1);
AuthReply ReadChangePinReply(int status, std::string_view body, int64_t now_ms, int64_t retry_after_ms = -1);

// ---- the stall's changes (outbox entries) --------------------------------------------------------

struct StallMutation {
    StallInputError error = StallInputError::None;
    std::string field;            // "args.price_rp" when refused
    std::string name;             // the mutation's name, when ok
    Json args = Json::object();
    bool ok() const { return error == StallInputError::None; }
};

// seen_price_rp: the price the phone showed when the vendor typed (nullopt only when it showed none).
StallMutation BuildSetPrice(std::string_view product_id, int64_t price_rp, std::optional<int64_t> seen_price_rp);
StallMutation BuildSetAvailability(std::string_view product_id, Availability availability);
StallMutation BuildConfirmPrices();  // "Harga hari ini sama"
StallMutation BuildSetProductHidden(std::string_view product_id, bool hidden);
// Closed for the day: until_ms = the next 00:00 WIB (core/wib.h); closed until opened: nullopt.
StallMutation BuildSetStallOpen(bool open, std::optional<int64_t> until_ms, int64_t now_ms);

struct NewProduct {
    std::string name;
    std::string category;      // a catalogue category id
    BaseUnit unit = BaseUnit::Unknown;
    std::string piece_name;    // "ikat", "buah"; pieces only, may be empty
    std::vector<SaleStep> steps;  // core/units.h: label and qty_milli
    int64_t price_rp = 0;
    Availability availability = Availability::Tersedia;
};
StallMutation BuildAddProduct(const NewProduct& product);

// Order answers. The stall's view of the order (its account_order) is what the adjustment is checked
// against: the same bounds serve.py applies.
StallMutation BuildAcceptOrder(std::string_view order_id);
StallMutation BuildMarkReady(std::string_view order_id);
StallMutation BuildRejectOrder(std::string_view order_id, RejectReason reason, std::string_view reason_text = {});

struct LineAdjustment {
    int64_t line_no = 0;
    std::optional<int64_t> settled_qty_milli;  // what the scale showed; 0 = not available
    std::optional<int64_t> price_rp;           // price_stale lines only
};
StallMutation BuildAdjustOrder(const StallOrder& order, const std::vector<LineAdjustment>& lines);

// What a line that is not available means, by the buyer's substitution choice (README: `cancel` settle 0,
// `contact` call first, `similar` a like product agreed by phone: the wire has no substitute product).
enum class UnavailableLineStep { Unknown, SettleZero, CallBuyerFirst, OfferSimilarByPhone };
UnavailableLineStep StepForUnavailableLine(const StallOrderLine& line);
// The adjustment for a line not available: settled at 0, whatever the choice (after the call, for contact).
LineAdjustment LineNotAvailable(const StallOrderLine& line);

// An entry for AppendMutation. key: MakeMutationKey(random bytes).
NewMutation MakeStallNewMutation(const StallMutation& mutation, std::string key, int64_t created_at_ms);

// ---- what the server answered to one change ------------------------------------------------------

struct StallResult {
    ResultStatus status = ResultStatus::Unknown;
    std::string code;                        // rejected: "price_moved", "invalid_transition", ...
    std::string field;
    std::string product_id;                  // set_price, set_availability, add_product (the new id), hidden
    std::optional<int64_t> price_rp;         // set_price ok
    std::optional<int64_t> current_price_rp; // price_moved: the server's price now
    std::string price_date;                  // price_moved
    std::optional<int64_t> products_confirmed;  // confirm_prices
    std::string market_day;                  // confirm_prices
    std::optional<bool> open;                // set_stall_open
    std::optional<int64_t> until_ms;         // set_stall_open
    std::optional<int64_t> now_ms;           // invalid_until: the server's clock
    std::string paused;                      // stall_paused: why ("missed_answers")
    std::string reopen_by;                   // stall_paused: "staff"
    std::string order_id;
    OrderStatus order_status = OrderStatus::Unknown;  // an answer's new state, or invalid_transition's state
    std::optional<int64_t> total_rp;         // an order answer's new total
};
StallResult ReadStallResult(const MutationResult& result);

}  // namespace pasar
