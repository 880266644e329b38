// Slices, intents and effects: how the app changes, and how a new role fits in.
//
// WHY
//   The app is a value (AppState) changed by one function (ApplyIntents) fed plain data (intents), which
//   answers with plain data (Effects). Screens only read state and push intents; the platform only turns
//   browser events into intents and carries out effects. So the whole app, sync and storage included, runs
//   natively in tests with no browser: feed intents, check the state and the effects.
//
// SLICES
//   The state and the intents are cut by who needs them, so each role's app links only its own code:
//     session (app/session/)  language, page shown, catalogue, store on the phone, outbox and sync, clock.
//                             Every app has it. Its intents: SessionIntent (session/session_intents.h);
//                             its state: SessionState (app.h); its apply: one `Apply` overload per intent
//                             (session/session_apply.h, session_apply.cpp; the sync's in sync.cpp).
//     buyer (app/buyer/)      shopping, cart, checkout, orders, the buyer's pages. BuyerIntent
//                             (buyer/buyer_intents.h), BuyerState (app.h), its overloads (buyer_apply.cpp,
//                             shop.cpp, orders.cpp).
//   The buyer app's state is AppState (SessionState + BuyerState) and its intent, `Intent`, is one flat
//   std::variant of every SessionIntent and BuyerIntent struct (JoinIntents). Flat rather than
//   variant<SessionIntent, BuyerIntent>: one dispatch per intent and one set of move and destroy tables
//   keep the wasm small; the slices stay apart in their own variants and
//   files. Every intent is a struct whose fields are named with their units (`Tick{minutes_wib, weekday}`,
//   `CartChangeQty{line_pos, steps}`), so nothing packs two numbers into one, and a test reads like what
//   the buyer did.
//
// ONE FRAME
//   1. The platform gathers this frame's events as intents (a fetch finished: MarketLoaded; a timer fired:
//      TimerFired; the URL changed: RouteChanged) and the screens of the last frame add theirs (OpenCart{}).
//   2. ApplyBatchAt() applies Now{Date.now()} first, then ApplyIntents(): ONE dispatch per intent, a
//      switch on the variant's index (buyer_apply.cpp's Dispatch) that reaches the overload
//      `Apply(state, const X&, effects)` of that intent's slice by overload resolution. No second switch.
//   3. After the batch the session decides whether a sync push or pull is due (MaybeSync).
//   4. The platform carries out the Effects (history entries, fetches, file writes, the sync POST, timers)
//      and draws the screens from the new const state, which push the next intents.
//
// WHERE THE SESSION MEETS THE ROLE
//   Some session events concern the role: a page was shown (the buyer's product form resets), a text field
//   changed (the role owns the field ids), the catalogue index or the store loaded (the cart's market
//   loads), the page's title. The session code reaches the role only through the plain functions declared
//   in app/session/role_hooks.h, which the role's code defines (each app links exactly one role): no table
//   of callbacks, so the linker keeps only what an app uses. Not cut yet (the next step before a second
//   app): the session's overloads and hooks take the buyer app's AppState rather than SessionState;
//   store.cpp still reads and writes the buyer's orders.json and the cart of prefs.json, and sync.cpp the
//   buyer's orders, directly; route.h names the buyer's pages.
//
// A NEW ROLE (the stall app)
//   Add app/stall/ with StallIntent (its structs and variant), StallState, its `Apply` overloads and its
//   definitions of role_hooks.h; its screens under ui/; a pasar_web_app(stall ...) entry in
//   cmake/apps.cmake. Its intent is JoinIntents<SessionIntent, StallIntent>::type and its state
//   `struct StallAppState : SessionState, StallState`; sign-in, the outbox, sync and the store come with
//   the session slice.
//
// EFFECTS
//   Effects are what the state change asks of the outside world, as data: the platform (src/platform) is the
//   only code that does I/O. Tests read them directly (did this tap push a history entry, fetch a file,
//   write outbox.json?) and answer with intents, as the browser would (tests/app/phone_fixture.h).
//
// TESTS
//   tests/app drive the app exactly as the platform does: Apply({OpenMarket{"pasar-tugu"}, ...}) through
//   ApplyBatchAt, then check the state, the effects, and (ui_harness.h) the screens drawn headless, whose
//   taps come back as intents (test::HasIntent<OpenOrder>(tapped, ...)).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pasar {

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
