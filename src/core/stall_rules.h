// The stall app's rules, pure: today's price as typed, the "Yakin?" check against the trade office's
// reference price, the answer timer, what each queued change looks like (waits for signal / reached the
// server / refused / conflict), the two-phones price conflict, and the order conflicts the server
// settles (an order for a product marked habis offline; the buyer cancelling an order accepted
// offline). Time comes in as now_ms; nothing here reads a clock. Everything is codes with data: the UI's
// word tables make the sentences.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "core/outbox.h"
#include "core/stall_orders.h"
#include "core/stall_wire.h"

namespace pasar {

// ---- today's price -------------------------------------------------------------------------------

enum class PriceInputError { None, Empty, NotAnAmount, NotWholeRupiah, Zero, TooHigh };
struct PriceInput {
    PriceInputError error = PriceInputError::None;
    int64_t price_rp = 0;
    bool ok() const { return error == PriceInputError::None; }
};
// Any rupiah form FIELD.md lists: "12.500", "12500", "Rp 12.500", "Rp12,5rb", "Rp 12,5 rb", "12 ribu".
PriceInput ParseStallPrice(std::string_view text);

constexpr int64_t YAKIN_PERCENT = 30;  // further than this from the reference price asks "Yakin?"
enum class PriceCheck { Unknown, NoReference, Near, AskYakin };
struct PriceCheckResult {
    PriceCheck check = PriceCheck::Unknown;
    int64_t percent_away = 0;  // |price - reference| / reference, in whole percent rounded down
    bool above = false;        // the price is above the reference
};
// reference_rp: the trade office's price for the product (nullopt or <= 0: none known).
PriceCheckResult CheckPriceAgainstReference(int64_t price_rp, std::optional<int64_t> reference_rp);

// ---- the stall's day and session -----------------------------------------------------------------

// "Tutup hari ini": the next 00:00 WIB after now_ms (set_stall_open's until_ms).
int64_t NextWibMidnightMs(int64_t now_ms);
// "Tutup sampai 10.15": the next instant after now_ms at this WIB minute of the day (0..1439), today or
// tomorrow; -1 for a minute out of range.
int64_t NextWibTimeMs(int64_t now_ms, int minute_of_day);

// Signing out is refused while anything waits for signal: what waits, by kind, for the sentence.
struct SignOutCheck {
    bool allowed = true;
    size_t prices = 0;        // set_price, confirm_prices
    size_t products = 0;      // set_availability, add_product, set_product_hidden
    size_t stall = 0;         // set_stall_open
    size_t order_answers = 0; // set_order_status, settle_weight
    size_t other = 0;
};
SignOutCheck CheckSignOut(const Outbox& outbox);

// The phone's hint that the 12-hour token has run out (its clock may be off: the server's 401 decides;
// the app then asks for the PIN once signal is back, signs in with its device key and sends the outbox).
bool SessionPastExpiry(const StallSession& session, int64_t now_ms);

// ---- incoming orders -----------------------------------------------------------------------------

enum class AnswerClock {
    Unknown,      // the order holds no part of this stall
    Answered,     // the part is no longer `sent` on the server
    Queued,       // answered on this phone, waiting for signal: the deadline still shows
    Running,      // time left
    Overdue,      // the deadline passed (or the server says missed): the buyer may cancel
    NoDeadline,   // `sent` without a deadline (an order from before answer windows)
};
struct AnswerTimer {
    AnswerClock clock = AnswerClock::Unknown;
    int64_t answer_by_ms = 0;
    int64_t left_ms = 0;     // > 0 while running or queued before the deadline
    int64_t overdue_ms = 0;  // > 0 once past it
    int64_t left_seconds() const { return (left_ms + 999) / 1000; }  // shown rounded up: 0 only at the deadline
};
// now_ms: the phone's estimate of the server's clock (the deadlines are the server's). answer_queued: this
// phone holds an answer for the order that has not reached the server yet.
AnswerTimer AnswerTimerOf(const StallOrder& order, std::string_view stall_id, int64_t now_ms, bool answer_queued);

// Orders whose part for this stall is still `sent` on the server (the count badge; the alarm repeats
// while it is > 0 and the app is open).
size_t CountAwaitingAnswer(const std::vector<StallOrder>& orders, std::string_view stall_id);
// Newest first (placed_at_ms, then order_id for a stable list).
void SortNewestFirst(std::vector<StallOrder>* orders);
// Keeps one entry per order: a patch entry replaces the kept one unless the kept one is newer (version).
// Returns true when the list changed.
bool ApplyAccountOrder(std::vector<StallOrder>* orders, const StallOrder& incoming);

// ---- queued changes ------------------------------------------------------------------------------

enum class ChangeState {
    Unknown,
    WaitingForSignal,  // saved on this phone, in the outbox
    Sent,              // the server took it (ok, or acknowledged without its result)
    Refused,           // the server refused it: code says why
    Conflict,          // the server's state differs: price_moved, or an answer to an order already final
};
const char* ChangeStateName(ChangeState state);

struct StallChange {
    int64_t id = 0;
    std::string key;
    std::string name;        // set_price, set_order_status, ...
    std::string product_id;  // when the change is about a product
    std::string order_id;    // when it is about an order
    ChangeState state = ChangeState::Unknown;
    std::string code;        // Refused, Conflict: the server's code
};
ChangeState StateOfChange(const Outbox& outbox, std::string_view key);
// Every change the list can show: the ones waiting first (oldest first), then the answered ones
// (newest first). Pending entries carry their args; answered ones what the result names.
std::vector<StallChange> ListStallChanges(const Outbox& outbox);

// ---- two phones, one price -----------------------------------------------------------------------

struct PriceConflict {
    std::string product_id;
    int64_t mine_price_rp = 0;    // what this phone typed
    int64_t theirs_price_rp = 0;  // the server's price now (the other phone's, or the cooperative's)
    std::string price_date;
};
// A set_price result refused price_moved, with the price this phone had typed; nullopt for any other result.
std::optional<PriceConflict> PriceConflictOf(const MutationResult& result, int64_t mine_price_rp);

enum class ConflictChoice { KeepMine, TakeTheirs };
struct ConflictResolution {
    std::optional<StallMutation> send;  // KeepMine: a new set_price seen at their price
    int64_t shown_price_rp = 0;         // the price the list shows now
};
// The server's answer stands until the vendor decides; the last write never wins by itself.
ConflictResolution ResolvePriceConflict(const PriceConflict& conflict, ConflictChoice choice);

// ---- orders the server settled -------------------------------------------------------------------

enum class OrderNotice {
    None,
    OrderedWhileHabis,    // the order names products this phone marked habis (placed before that arrived)
    BuyerCancelledFirst,  // the stall's answer met an order the buyer had cancelled
    AlreadyFinal,         // the answer met an order already rejected, delivered or collected
    StallPaused,          // three missed answers today: the cooperative reopens the stall
    AnswerRefused,        // any other refusal of an order answer (code says which)
};
const char* OrderNoticeName(OrderNotice notice);
struct OrderNoticeInfo {
    OrderNotice notice = OrderNotice::None;
    std::string order_id;
    std::vector<int64_t> line_nos;           // OrderedWhileHabis: the lines
    OrderStatus order_status = OrderStatus::Unknown;  // the server's state, which stands
    std::string code;
};
// An incoming order against the products this phone holds as habis (sent or still queued).
OrderNoticeInfo NoticeForHabisLines(const StallOrder& order, const std::vector<std::string>& habis_product_ids);
// The answer the app offers for those lines: every line habis -> reject sold_out; some -> adjust them to 0.
StallMutation SuggestAnswerForHabis(const StallOrder& order, const OrderNoticeInfo& notice);
// What the server said to a queued order answer (set_order_status / settle_weight), as a notice.
OrderNoticeInfo NoticeForAnswerResult(const MutationResult& result);
// True when the order, as the server has it now, was cancelled by the buyer.
bool BuyerCancelled(const StallOrder& order);

}  // namespace pasar
