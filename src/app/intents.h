// Intents and effects: the only way anything changes.
//
// Screens draw from a const AppState and push Intents ("the buyer tapped Pasar Tugu"); platform events
// (a finished fetch, the browser's back key) arrive as Intents too. ApplyIntents() is the ONLY function
// that mutates AppState. What the state change asks of the outside world (push a history entry, fetch a
// file, set a performance mark) comes back as Effects, which the platform layer carries out. So the whole
// app logic runs natively in tests with no browser: feed intents, check state and effects.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pasar {

enum class IntentKind {
  OpenMarket,       // id: market id. A user navigation: pushes a history entry.
  OpenStall,        // id: stall id
  OpenProduct,      // id: product id
  OpenCart,
  OpenHome,         // the market list
  GoBack,           // the in-app back button
  RouteChanged,     // text: URL hash. From the browser (back key, initial URL): no history entry pushed.
  SetText,          // id: field id, text: the field's whole new value (typed in the mirror's <input>)
  RetryLoad,        // try loading the catalogue index again
  IndexLoaded,      // text: body of data/index.json
  IndexFailed,      // text: why the fetch failed (network, HTTP status)
  SetLanguage,      // number: Lang
  MarketLoaded,     // id: market id, text: body of its market file
  MarketFailed,     // id: market id, text: reason, number: HTTP status or 0 for the network
  SetCategory,      // id: category id on the market page ("" = all)
  ChooseStep,       // number: qty_milli of a sale step on the product page
  SetSubstitution,  // number: Substitution
  AddToCart,        // the product page's "add" button
  ReplaceCartAndAdd,  // the buyer agreed to empty a cart of another market
  CancelReplace,
  CartChangeQty,    // number: line position, text: "+" or "-" (one step)
  CartRemoveLine,   // number: line position
  SetDeliveryMethod,  // id: "pickup", "coop_courier", "ojek", "stall"
  SetArea,          // id: delivery area id
  DismissNotice,
  Tick,             // number: minutes since midnight WIB * 10 + weekday (0 = Sunday); the platform's clock
  // Checkout, orders, settings (app_orders.cpp)
  OpenCheckout,
  OpenOrders,       // My orders
  OpenOrder,        // id: order id
  OpenSettings,
  SetPayment,       // id: "cod", "qris", "transfer"
  PlaceOrder,       // the checkout's "Pesan sekarang" button
  Reorder,          // id: order id: its lines go back into the cart (asks before replacing another market's cart)
  CancelOrder,      // id: order id (asks the server: a cancel_order mutation)
  SendViaWhatsApp,  // id: order id: open wa.me with the order text (the fallback when the server is unreachable)
  Share,            // share the page on screen (a stall or a product): navigator.share, else wa.me
  ApplyUpdate,      // the "update available" banner was tapped
  TakeOver,         // "use the app in this tab" when another tab holds the store
  // Platform events (never from screens)
  Clock,            // number: Date.now() in ms; sent before every batch that needs it
  Entropy,          // text: random bytes as lowercase hex (crypto.getRandomValues)
  StoreFile,        // id: file name, text: its content, read from IndexedDB at start
  StoreLoaded,      // all StoreFile intents have arrived; number: 1 when IndexedDB is unavailable
  StoreSaved,       // number: the save generation now durable in IndexedDB; text: "" or an error code
                    // ("quota" = storage full or refused, "io" = any other failure); id: the error's words
  StorageEstimate,  // number: bytes used; text: quota in bytes as decimal; id: "persisted" when granted
  SetOnline,        // number: 1 online, 0 offline (browser online/offline events)
  SyncReplied,      // number: HTTP status (0 = no reply), text: body, id: Retry-After in ms ("" = none)
  Wake,             // a timer the app asked for (Effects::wake_after_ms) fired
  UpdateAvailable,  // the service worker has a new version waiting
  OtherTab,         // number: 1 another tab holds the store (this tab must not write), 0 this tab holds it
  SetVisible,       // number: 1 the page is shown, 0 hidden (visibilitychange); shown again pulls at once
  SetPullEvery,     // number: ms between catalogue pulls while a market is on screen (a test setting)
};

struct Intent {
  IntentKind kind = IntentKind::RetryLoad;
  std::string id;
  std::string text;
  int64_t number = 0;
};

using Intents = std::vector<Intent>;

enum class FetchKind { Index, Market };

struct FetchRequest {
  FetchKind kind = FetchKind::Index;
  std::string url;   // relative to the page
  std::string key;   // market id for FetchKind::Market
};

struct Effects {
  std::vector<std::string> push_hash;   // history.pushState, in order, after replace_hash
  std::string replace_hash;             // history.replaceState of the entry shown before this batch
  std::string back_fallback_hash;       // non-empty: go back; history.back() when the app pushed an
                                        // entry, else replace the URL with this parent page
  std::vector<FetchRequest> fetches;
  std::vector<std::string> marks;       // performance.mark names
  std::string title;                    // document.title when non-empty

  // Persistence (IDBFS). Each file is written whole (tmp + rename) into the mounted folder, then one
  // debounced syncfs carries it to IndexedDB. When that sync finishes the platform reports StoreSaved
  // with save_generation (the highest generation the files written so far belong to).
  std::vector<std::pair<std::string, std::string>> write_files;  // (file name, content)
  int64_t save_generation = 0;          // set together with write_files
  bool flush_now = false;               // sync to IndexedDB at once (an order is waiting on it)
  bool ask_persist = false;             // navigator.storage.persist(), after the first real save
  bool want_estimate = false;           // navigator.storage.estimate() -> StorageEstimate
  bool want_entropy = false;            // send an Entropy intent (the pool runs low)

  // Sync. At most one POST /api/sync in flight; its reply comes back as SyncReplied.
  std::string sync_body;                // POST this body when non-empty
  int64_t wake_after_ms = -1;           // send Wake after this many ms (-1: no timer wanted)

  std::string open_url;                 // open in a new window (wa.me)
  std::string share_title, share_text, share_url;  // navigator.share, or wa.me with the text when absent
  bool apply_update = false;            // tell the waiting service worker to take over, then reload
  bool take_over = false;               // ask the other tab to let go of the store, then load it here
};

}  // namespace pasar
