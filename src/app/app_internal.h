// Pieces of ApplyIntents() split by idea (buyer/shop.cpp: market files, the product form, the cart).
// Internal to src/app.
#pragma once

#include <array>
#include <optional>

#include "app/app.h"

namespace pasar {

std::string TruncateUtf8(const std::string& text, size_t max_bytes);
void ResetProductForm(AppState& state);
void EnsureRouteMarketLoaded(AppState& state, Effects& effects);
void ApplyFieldText(AppState& state, const std::string& field_id, const std::string& text);
void ApplyMarketLoaded(AppState& state, const std::string& market_id, const std::string& body);
void ApplyMarketFailed(AppState& state, const std::string& market_id, int64_t status);
// The product page's form and the cart: one overload per buyer intent (buyer_apply.cpp visits them).
void Apply(AppState& state, const ChooseStep& i, Effects& effects);
void Apply(AppState& state, const SetSubstitution& i, Effects& effects);
void Apply(AppState& state, const AddProduct& i, Effects& effects);
void Apply(AppState& state, const ReplaceCartAndAdd& i, Effects& effects);
void Apply(AppState& state, const CancelReplace& i, Effects& effects);
void Apply(AppState& state, const CartChangeQty& i, Effects& effects);
void Apply(AppState& state, const CartRemoveLine& i, Effects& effects);
void Apply(AppState& state, const SetDeliveryMethod& i, Effects& effects);
void Apply(AppState& state, const SetArea& i, Effects& effects);
// Shows a page, replacing the current history entry (after placing an order: back does not return to
// the emptied checkout).
void ReplaceRoute(AppState& state, const Route& route, Effects& effects);
void NavigateTo(AppState& state, const Route& route, Effects& effects);  // a user navigation: pushes history
void EnsureMarketLoaded(AppState& state, const std::string& market_id, Effects& effects);
Notice& SetNotice(AppState& state, NoticeCode code, bool error);  // a fresh notice, for its data

// session/store.cpp: the files on the phone.
// SAVE_APPENDED: the outbox gained entries; no push starts until IndexedDB holds them.
enum SaveFile : unsigned { SAVE_OUTBOX = 1, SAVE_ORDERS = 2, SAVE_PREFS = 4, SAVE_ALL = 7, SAVE_APPENDED = 8 };
// Bumps the store generation and writes the named files (Effects::write_files); flush asks for the
// IndexedDB sync at once. Does nothing before the store loaded or while another tab holds it.
void SaveFiles(AppState& state, Effects& effects, unsigned files, bool flush = false);
void ApplyStoreLoaded(AppState& state, bool unavailable, Effects& effects);
void ApplyStoreSaved(AppState& state, int64_t generation, const std::string& error_code, const std::string& detail,
                     Effects& effects);
std::string EncodeOrdersFile(const std::vector<StoredOrder>& orders);
Decoded<std::vector<StoredOrder>> DecodeOrdersFile(std::string_view text);
std::string EncodePrefsFile(const AppState& state);
bool DecodePrefsFile(std::string_view text, AppState* state, DecodeError* error);

// buyer/orders.cpp: checkout, placing, reordering, cancelling, sharing.
void Apply(AppState& state, const SetPayment& i, Effects& effects);
void Apply(AppState& state, const PlaceOrder& i, Effects& effects);
void Apply(AppState& state, const Reorder& i, Effects& effects);
void Apply(AppState& state, const CancelOrder& i, Effects& effects);
void Apply(AppState& state, const SendViaWhatsApp& i, Effects& effects);
void Apply(AppState& state, const Share& i, Effects& effects);
// The checkout's text fields (FIELD_NAME ...); other field ids are left alone.
void ApplyCheckoutFieldText(AppState& state, const std::string& field_id, const std::string& value, Effects& effects);
// Random bytes from the platform's pool; false (pool untouched, Effects::want_entropy set) when short.
bool TakeEntropy(AppState& state, uint8_t* out, size_t count, Effects& effects);
// The order to change (FindStoredOrder's twin for apply code); null when this phone does not hold it.
StoredOrder* FindStoredOrder(AppState& state, const std::string& order_id);
// N random bytes as the array the core's id makers take; nullopt (Effects::want_entropy set) when short.
template <size_t N>
std::optional<std::array<uint8_t, N>> TakeRandom(AppState& state, Effects& effects) {
  std::array<uint8_t, N> bytes{};
  if (!TakeEntropy(state, bytes.data(), N, effects)) return std::nullopt;
  return bytes;
}
// Gives the outbox its client id when it has none yet (a fresh install), keeping the results it holds;
// false while the random pool is short (the Entropy intent that refills it runs the caller again).
bool EnsureClientId(AppState& state, Effects& effects);

// session/sync.cpp: the outbox's trip to serve.py and the patches coming back.
// The session's sync intents (session_apply.cpp visits them).
void Apply(AppState& state, const SetOnline& i, Effects& effects);
void Apply(AppState& state, const SyncReplied& i, Effects& effects);
void Apply(AppState& state, const SetVisible& i, Effects& effects);
void Apply(AppState& state, const SetPullEvery& i, Effects& effects);
void Apply(AppState& state, const TimerFired& i, Effects& effects);
// Starts a push when one is due (called after every batch of intents).
void MaybeSync(AppState& state, Effects& effects);
// Product and stall patches onto the loaded market files (after a market file loads).
void ReapplyCatalogPatches(AppState& state);

}  // namespace pasar
