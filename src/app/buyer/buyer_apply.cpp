// The buyer slice's apply: its navigation, the buyer app's one visit per intent, and its side of the session's hooks
// (app/session/role_hooks.h). The overloads of the product form, the cart (shop.cpp) and the checkout
// and orders (orders.cpp) are declared in app_internal.h.
#include <type_traits>
#include <utility>
#include <variant>

#include "app/app_internal.h"
#include "app/session/role_hooks.h"
#include "app/session/session_apply.h"

namespace pasar {
namespace {

constexpr size_t MAX_SHOP_FIELD_BYTES = 200;  // search, note and weight, before each field's own cut

// Buyer intents whose change lives in prefs.json (the cart, the delivery choice).
template <class T>
constexpr bool CHANGES_PREFS = std::is_same_v<T, AddProduct> || std::is_same_v<T, ReplaceCartAndAdd> ||
                               std::is_same_v<T, CartChangeQty> || std::is_same_v<T, CartRemoveLine> ||
                               std::is_same_v<T, SetDeliveryMethod> || std::is_same_v<T, SetArea>;

void Apply(AppState& state, const OpenHome&, Effects& effects) { NavigateTo(state, Route{}, effects); }
void Apply(AppState& state, const OpenMarket& i, Effects& effects) { NavigateTo(state, MarketRoute(i.market_id), effects); }
void Apply(AppState& state, const OpenStall& i, Effects& effects) { NavigateTo(state, StallRoute(i.stall_id), effects); }
void Apply(AppState& state, const OpenProduct& i, Effects& effects) {
  NavigateTo(state, ProductRoute(i.product_id), effects);
}
void Apply(AppState& state, const OpenCart&, Effects& effects) { NavigateTo(state, ScreenRoute(Screen::Cart), effects); }
void Apply(AppState& state, const OpenCheckout&, Effects& effects) {
  if (state.checkout.form.payment_method == PaymentMethod::Unknown) state.checkout.form.payment_method = PaymentMethod::Cod;
  NavigateTo(state, ScreenRoute(Screen::Checkout), effects);
}
void Apply(AppState& state, const OpenOrders&, Effects& effects) { NavigateTo(state, ScreenRoute(Screen::Orders), effects); }
void Apply(AppState& state, const OpenOrder& i, Effects& effects) { NavigateTo(state, OrderRoute(i.order_id), effects); }
void Apply(AppState& state, const OpenSettings&, Effects& effects) {
  NavigateTo(state, ScreenRoute(Screen::Settings), effects);
  effects.want_estimate = true;
}
void Apply(AppState& state, const SetCategory& i, Effects&) { state.category = i.category_id; }

}  // namespace

std::string PageTitle(const AppState& state) {
  const std::string suffix = " · Pasar Daring";
  switch (state.route.screen) {
    case Screen::Market:
      if (const MarketInfo* m = FindStateMarket(state, state.route.market_id)) return m->name + suffix;
      break;
    case Screen::Stall:
      if (const MarketFile* f = LoadedMarket(state, state.route.market_id)) {
        if (const Stall* s = FindStall(*f, state.route.stall_id)) return s->name + suffix;
      }
      break;
    case Screen::Product:
      if (auto p = FindStateProduct(state, state.route.product_id)) return p->product->name + suffix;
      break;
    case Screen::Cart: return (state.lang == Lang::En ? "Cart" : "Keranjang") + suffix;
    case Screen::Checkout: return (state.lang == Lang::En ? "Checkout" : "Pesan") + suffix;
    case Screen::Orders: return (state.lang == Lang::En ? "My orders" : "Pesanan saya") + suffix;
    case Screen::Order: return FormatOrderIdForDisplay(state.route.order_id) + suffix;
    case Screen::Settings: return (state.lang == Lang::En ? "Settings" : "Pengaturan") + suffix;
    case Screen::Markets: break;
  }
  return "Pasar Daring";
}

void OnRouteShown(AppState& state, bool market_changed) {
  if (market_changed) {
    state.product_search.clear();
    state.category.clear();
  }
  if (state.route.screen == Screen::Product && state.route.product_id != state.product.product_id) ResetProductForm(state);
}

void LoadPageCatalogue(AppState& state, Effects& effects) { EnsureRouteMarketLoaded(state, effects); }

void LoadRoleCatalogue(AppState& state, Effects& effects) { EnsureMarketLoaded(state, state.cart.market_id, effects); }

void ApplyRoleFieldText(AppState& state, const std::string& field_id, const std::string& value, Effects& effects) {
  ApplyFieldText(state, field_id, TruncateUtf8(value, MAX_SHOP_FIELD_BYTES));
  ApplyCheckoutFieldText(state, field_id, value, effects);
  if (field_id == FIELD_MARKET_SEARCH && !state.market_search.empty()) {
    // Searching from home means searching every market: load the stalls of those not yet loaded.
    for (const MarketInfo& market : state.catalog.index.markets) EnsureMarketLoaded(state, market.id, effects);
  }
}

namespace {

// One intent's overload, and prefs.json saved after the intents that change it.
template <class T>
void ApplyOne(AppState& state, const T& intent, Effects& effects) {
  Apply(state, intent, effects);
  if constexpr (CHANGES_PREFS<T>) SaveFiles(state, effects, SAVE_PREFS);
}

// The one dispatch: a switch on the variant's index, unrolled at compile time. Leaner in the wasm than
// std::visit, which reaches every alternative through a table of function pointers.
template <size_t... I>
void Dispatch(AppState& state, const Intent& intent, Effects& effects, std::index_sequence<I...>) {
  ((intent.index() == I && (ApplyOne(state, *std::get_if<I>(&intent), effects), true)) || ...);
}

}  // namespace

void ApplyIntents(AppState& state, const Intents& intents, Effects& effects) {
  for (const Intent& intent : intents) {
    Dispatch(state, intent, effects, std::make_index_sequence<std::variant_size_v<Intent>>{});
  }
  MaybeSync(state, effects);
}

void ApplyBatchAt(AppState& state, int64_t now_ms, const Intents& queued, Effects& effects) {
  // As one batch that starts with Now (MaybeSync runs once, at the end), without copying the queue.
  Apply(state, Now{now_ms}, effects);
  ApplyIntents(state, queued, effects);
}

}  // namespace pasar
