// AppState and ApplyIntents(): the app's whole state and the only function that changes it.
//
// LOADING THE CATALOGUE
//   The index (regions, markets, delivery settings) loads at start: Idle -> Loading -> Ready | Failed.
//   A market's file (stalls, products) loads when a page of that market is first shown, and stays
//   loaded: market_loads[i] follows the same states. A failure is said in words with a retry; a failed
//   reload never drops data already shown.
//
// FORMS
//   Text typed in the mirror's <input> arrives as SetText with the field id; each field id maps to one
//   string in the state (see FIELD_*). The product page's form resets whenever another product opens.
#pragma once

#include <string>
#include <vector>

#include "app/app_orders.h"
#include "app/buyer/buyer_intents.h"
#include "app/intents.h"
#include "app/route.h"
#include "core/cart.h"
#include "core/catalog.h"
#include "core/delivery.h"
#include "core/search.h"

namespace pasar {

enum class LoadState { Idle, Loading, Ready, Failed };

// Field ids of the text boxes the app owns (mirror ids of their <input> elements too).
constexpr const char* FIELD_MARKET_SEARCH = "markets/search";
constexpr const char* FIELD_PRODUCT_SEARCH = "market/search";
constexpr const char* FIELD_WEIGHT = "product/weight";
constexpr const char* FIELD_NOTE = "product/note";

// Why a catalogue file did not load, as a code with its data (the UI's LoadProblemWords says it).
enum class LoadProblem { None, Offline, HttpStatus, Damaged };
struct LoadError {
  LoadProblem problem = LoadProblem::None;
  int64_t http_status = 0;  // HttpStatus
  DecodeError decode;       // Damaged: where the file is wrong (for logs and tests, never shown)
};

struct MarketLoad {
  LoadState state = LoadState::Idle;
  LoadError error;
};

// The product page's form.
struct ProductForm {
  std::string product_id;
  int64_t qty_milli = 0;           // chosen step, or the parsed typed weight
  std::string weight_text;         // typed quantity ("2,5 kg"); wins over the step when non-empty
  QuantityProblem weight_problem;  // why the typed quantity is not usable (said by src/ui)
  std::string note;
  Substitution substitution = Substitution::ContactMe;
  std::string pending_other_market;  // the cart holds this market: ask before replacing
};

// What a short message at the bottom of the screen says, until dismissed or replaced: a code with its data
// (below); only src/ui's word table (NoticeWords) makes the sentence.
enum class NoticeCode {
  None,
  CartProblem,         // cart: a cart change that was refused (its status, name or quantity problem)
  AddedToCart,         // cart.name, qty_milli in cart.quantity's unit and piece
  ReorderOtherMarket,  // the cart holds another market's goods
  ReorderLoading,      // the market's prices are loading: tap again
  ReorderPartial,      // added of the lines came back, missing did not
  ReorderDone,
  CancelTooLate,       // the order is past cancelling
  TryAgain,            // the phone is not ready (random bytes): tap again in a moment
  OutboxFull,          // limit: how many changes wait to be sent
  CancelNotSaved,
  CancelQueued,
  CancelRefused,       // refusal_code for order_id
  StorageDamaged,      // a file was damaged at start and kept aside
  StorageFull,
  StorageFailed,
};

struct Notice {
  NoticeCode code = NoticeCode::None;
  bool error = false;
  CartChange cart;           // CartProblem, AddedToCart
  int64_t qty_milli = 0;     // AddedToCart
  int64_t added = 0;         // ReorderPartial
  int64_t missing = 0;       // ReorderPartial
  int64_t limit = 0;         // OutboxFull
  std::string refusal_code;  // CancelRefused: serve.py's code ("not_cancellable")
  std::string order_id;      // CancelRefused: the order it concerns
  bool shown() const { return code != NoticeCode::None; }
};

// The session slice's state: what every app has (app/intents.h, SLICES).
struct SessionState {
  Lang lang = Lang::Id;
  Route route;
  LoadState index_state = LoadState::Idle;
  LoadError index_error;    // why the last index load failed
  Catalog catalog;
  std::vector<MarketLoad> market_loads;  // parallel to catalog.index.markets
  SearchIndex search;                     // every loaded market; rebuilt when one loads
  Notice notice;
  int now_min = -1;                       // minutes since midnight WIB; -1 until the clock ticks
  int weekday = 0;                        // 0 = Sunday
  int64_t now_ms = 0;                     // Date.now() from the platform's Now intent
  Outbox outbox;                          // client_id empty until the store loaded and entropy arrived
  SyncState sync;
  StoreState store;
  std::vector<ProductPatch> product_patches;
  std::vector<StallPatch> stall_patches;
  std::vector<uint8_t> entropy;           // random bytes from the platform, used up as ids are made
  bool update_available = false;          // a new version waits: show the banner
};

// The buyer slice's state: shopping, the cart, checkout and the orders this phone placed.
struct BuyerState {
  std::string market_search;              // the markets list's search field
  std::string product_search;             // the market page's search field
  std::string category;                   // the market page's category filter ("" = all)
  ProductForm product;
  Cart cart;
  DeliveryMethod delivery_method = DeliveryMethod::CoopCourier;
  std::string area_id;                    // the buyer's delivery area (kecamatan)
  CheckoutState checkout;
  std::vector<StoredOrder> orders;        // newest first
};

// The buyer app's whole state: the session slice and the buyer slice. Another role's app composes the
// session slice with its own the same way.
struct AppState : SessionState, BuyerState {};

// The intents a fresh start needs: show the page the URL names, and load the catalogue index.
Intents StartupIntents(const std::string& initial_hash);

// Turns a finished fetch into the intent that reports it (status 0 = network failure).
Intent MakeFetchResultIntent(const FetchRequest& request, int status, std::string body);

// Applies each intent once (one visit reaches its slice's overload: app/session/session_apply.h for the
// session's, app_internal.h and buyer/buyer_apply.cpp for the buyer's), then starts a sync push or pull
// when one is due.
void ApplyIntents(AppState& state, const Intents& intents, Effects& effects);
// What the platform does with the intents its events queued: one batch that starts with the Clock intent
// (Now: Date.now() in ms), so every apply sees the time it ran at. Tests drive the app through the same call.
void ApplyBatchAt(AppState& state, int64_t now_ms, const Intents& queued, Effects& effects);

// Queries over the state, for screens and tests.
std::vector<const MarketInfo*> FilterMarkets(const AppState& state);
const MarketInfo* FindStateMarket(const AppState& state, const std::string& market_id, size_t* pos = nullptr);
const MarketFile* LoadedMarket(const AppState& state, const std::string& market_id);
const MarketLoad* MarketLoadOf(const AppState& state, const std::string& market_id);
const Stall* FindStall(const MarketFile& market, const std::string& stall_id);
std::optional<ProductRef> FindStateProduct(const AppState& state, const std::string& product_id);
// Open now, given the state's clock (false until the clock ticks).
bool IsMarketOpenNow(const AppState& state, const MarketInfo& market);
const StoredOrder* FindStoredOrder(const AppState& state, const std::string& order_id);
OrderView ViewOfOrder(const AppState& state, const StoredOrder& stored);
// Mutations waiting in the outbox (the badge).
size_t PendingChangeCount(const AppState& state);
// True when the WhatsApp fallback should be offered for this order: not yet acknowledged and the server
// has been unreachable for WHATSAPP_AFTER_MS (or the phone is offline that long).
bool OfferWhatsApp(const AppState& state, const StoredOrder& stored);
// The order as a WhatsApp message: code, lines, total, address, payment (Indonesian).
std::string OrderWhatsAppText(const AppState& state, const StoredOrder& stored);

constexpr const char* INDEX_URL = "data/index.json";

}  // namespace pasar
