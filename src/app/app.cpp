#include "app/app.h"

#include <cctype>
#include <cstdlib>

#include "app/app_internal.h"

namespace pasar {
namespace {

constexpr size_t MAX_SEARCH_BYTES = 100;

std::string LowerAscii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

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

void StartIndexLoad(AppState& state, Effects& effects) {
  // A loaded index is kept: fresh prices reach a running app through sync, not by reloading the index.
  if (state.index_state == LoadState::Loading || state.index_state == LoadState::Ready) return;
  state.index_state = LoadState::Loading;
  effects.fetches.push_back(FetchRequest{FetchKind::Index, INDEX_URL, ""});
}

void FailIndexLoad(AppState& state, LoadError error) {
  if (state.index_state == LoadState::Ready) return;  // keep showing what we have
  state.index_state = LoadState::Failed;
  state.index_error = std::move(error);
}

// Shows a route: the title follows, the page's market file is requested, the product form resets.
void ShowRoute(AppState& state, const Route& route, Effects& effects) {
  const bool new_product = route.screen == Screen::Product && route.product_id != state.product.product_id;
  if (route.market_id != state.route.market_id) {
    state.product_search.clear();
    state.category.clear();
  }
  if (route.screen != state.route.screen && !state.notice.error) state.notice = Notice{};  // said on its page
  state.route = route;
  if (new_product) ResetProductForm(state);
  EnsureRouteMarketLoaded(state, effects);
  effects.title = PageTitle(state);
}

void Navigate(AppState& state, const Route& target, Effects& effects) {
  if (target == state.route) return;  // a double tap does not stack two history entries
  ShowRoute(state, target, effects);
  effects.push_hash.push_back(RouteToHash(target));
}

void AppendEntropy(AppState& state, const std::string& hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i + 1 < hex.size() && state.entropy.size() < 1024; i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return;
    state.entropy.push_back(static_cast<uint8_t>(hi * 16 + lo));
  }
}

// Intents whose change lives in prefs.json.
bool ChangesPrefs(IntentKind kind) {
  switch (kind) {
    case IntentKind::AddToCart:
    case IntentKind::ReplaceCartAndAdd:
    case IntentKind::CartChangeQty:
    case IntentKind::CartRemoveLine:
    case IntentKind::SetDeliveryMethod:
    case IntentKind::SetArea:
    case IntentKind::SetLanguage: return true;
    default: return false;
  }
}

}  // namespace

void ReplaceRoute(AppState& state, const Route& route, Effects& effects) {
  ShowRoute(state, route, effects);
  effects.replace_hash = RouteToHash(route);
}

void NavigateTo(AppState& state, const Route& route, Effects& effects) { Navigate(state, route, effects); }

std::string TruncateUtf8(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) end--;
  return text.substr(0, end);
}

Intents StartupIntents(const std::string& initial_hash) {
  Intents intents;
  intents.push_back(Intent{IntentKind::RouteChanged, "", initial_hash, 0});
  intents.push_back(Intent{IntentKind::RetryLoad, "", "", 0});
  return intents;
}

Intent MakeFetchResultIntent(const FetchRequest& request, int status, std::string body) {
  Intent intent;
  intent.id = request.key;
  const bool ok = status >= 200 && status < 300;
  if (request.kind == FetchKind::Market) {
    intent.kind = ok ? IntentKind::MarketLoaded : IntentKind::MarketFailed;
  } else {
    intent.kind = ok ? IntentKind::IndexLoaded : IntentKind::IndexFailed;
  }
  if (ok) {
    intent.text = std::move(body);
  } else {
    intent.number = status;
    intent.text = status == 0 ? std::string("network") : "HTTP " + std::to_string(status);
  }
  return intent;
}

const MarketInfo* FindStateMarket(const AppState& state, const std::string& market_id, size_t* pos) {
  return FindMarket(state.catalog.index, market_id, pos);
}

std::vector<const MarketInfo*> FilterMarkets(const AppState& state) {
  std::vector<const MarketInfo*> out;
  std::string needle = LowerAscii(state.market_search);
  while (!needle.empty() && needle.back() == ' ') needle.pop_back();
  while (!needle.empty() && needle.front() == ' ') needle.erase(needle.begin());
  for (const MarketInfo& market : state.catalog.index.markets) {
    if (needle.empty() || LowerAscii(market.name).find(needle) != std::string::npos ||
        LowerAscii(market.kecamatan).find(needle) != std::string::npos ||
        LowerAscii(market.known_for_id).find(needle) != std::string::npos) {
      out.push_back(&market);
    }
  }
  return out;
}

bool IsMarketOpenNow(const AppState& state, const MarketInfo& market) {
  if (state.now_min < 0) return false;
  return state.now_min >= market.hours.open_min && state.now_min < market.hours.close_min;
}

void ApplyBatchAt(AppState& state, int64_t now_ms, const Intents& queued, Effects& effects) {
  Intents batch;
  batch.reserve(queued.size() + 1);
  batch.push_back(Intent{IntentKind::Clock, "", "", now_ms});
  batch.insert(batch.end(), queued.begin(), queued.end());
  ApplyIntents(state, batch, effects);
}

void ApplyIntents(AppState& state, const Intents& intents, Effects& effects) {
  for (const Intent& intent : intents) {
    switch (intent.kind) {
      case IntentKind::OpenMarket: Navigate(state, MarketRoute(intent.id), effects); break;
      case IntentKind::OpenStall: Navigate(state, StallRoute(intent.id), effects); break;
      case IntentKind::OpenProduct: Navigate(state, ProductRoute(intent.id), effects); break;
      case IntentKind::OpenCart: Navigate(state, ScreenRoute(Screen::Cart), effects); break;
      case IntentKind::OpenCheckout:
        if (state.checkout.form.payment_method == PaymentMethod::Unknown) state.checkout.form.payment_method = PaymentMethod::Cod;
        Navigate(state, ScreenRoute(Screen::Checkout), effects);
        break;
      case IntentKind::OpenOrders: Navigate(state, ScreenRoute(Screen::Orders), effects); break;
      case IntentKind::OpenOrder: Navigate(state, OrderRoute(intent.id), effects); break;
      case IntentKind::OpenSettings:
        Navigate(state, ScreenRoute(Screen::Settings), effects);
        effects.want_estimate = true;
        break;
      case IntentKind::SetPayment:
      case IntentKind::PlaceOrder:
      case IntentKind::Reorder:
      case IntentKind::CancelOrder:
      case IntentKind::SendViaWhatsApp:
      case IntentKind::Share: ApplyOrderIntent(state, intent, effects); break;
      case IntentKind::ApplyUpdate: effects.apply_update = true; break;
      case IntentKind::UpdateAvailable: state.update_available = true; break;
      case IntentKind::TakeOver: effects.take_over = true; break;
      case IntentKind::OtherTab: state.store.other_tab = intent.number != 0; break;
      case IntentKind::Clock: state.now_ms = intent.number; break;
      case IntentKind::Entropy: AppendEntropy(state, intent.text); break;
      case IntentKind::StoreFile:
        if (!state.store.loaded) state.store.files_at_start.emplace_back(intent.id, intent.text);
        break;
      case IntentKind::StoreLoaded:
        ApplyStoreLoaded(state, intent.number != 0, effects);
        EnsureRouteMarketLoaded(state, effects);
        EnsureMarketLoaded(state, state.cart.market_id, effects);  // the restored cart's prices for its bar
        effects.title = PageTitle(state);
        break;
      case IntentKind::StoreSaved: ApplyStoreSaved(state, intent.number, intent.text, intent.id, effects); break;
      case IntentKind::StorageEstimate:
        state.store.usage_bytes = intent.number;
        state.store.quota_bytes = std::strtoll(intent.text.c_str(), nullptr, 10);
        state.store.persisted = intent.id == "persisted";
        break;
      case IntentKind::SetOnline:
      case IntentKind::SetVisible:
      case IntentKind::SetPullEvery:
      case IntentKind::SyncReplied:
      case IntentKind::Wake: ApplySyncIntent(state, intent, effects); break;
      case IntentKind::OpenHome: Navigate(state, Route{}, effects); break;
      case IntentKind::GoBack: effects.back_fallback_hash = RouteToHash(ParentRoute(state.route)); break;
      case IntentKind::RouteChanged: ShowRoute(state, ParseRouteHash(intent.text), effects); break;
      case IntentKind::SetText:
        ApplyFieldText(state, intent.id, TruncateUtf8(intent.text, MAX_SEARCH_BYTES * 2));
        ApplyOrderIntent(state, intent, effects);  // the checkout's fields
        if (intent.id == FIELD_MARKET_SEARCH && !state.market_search.empty()) {
          // Searching from home means searching every market: load the stalls of those not yet loaded.
          for (const MarketInfo& market : state.catalog.index.markets) EnsureMarketLoaded(state, market.id, effects);
        }
        break;
      case IntentKind::RetryLoad:
        StartIndexLoad(state, effects);
        EnsureRouteMarketLoaded(state, effects);
        break;
      case IntentKind::IndexLoaded: {
        Decoded<CatalogIndex> decoded = DecodeCatalogIndex(intent.text);
        if (!decoded.ok) {
          FailIndexLoad(state, LoadError{LoadProblem::Damaged, 0, decoded.error});
          break;
        }
        if (state.index_state == LoadState::Ready &&
            decoded.value.catalog_version == state.catalog.index.catalog_version) {
          break;  // same catalogue: keep the loaded markets
        }
        state.catalog = MakeCatalog(std::move(decoded.value));
        state.market_loads.assign(state.catalog.index.markets.size(), MarketLoad{});
        state.search = BuildSearchIndex(state.catalog);
        state.index_state = LoadState::Ready;
        state.index_error = LoadError{};
        EnsureRouteMarketLoaded(state, effects);
        EnsureMarketLoaded(state, state.cart.market_id, effects);
        effects.title = PageTitle(state);
        break;
      }
      case IntentKind::IndexFailed:
        FailIndexLoad(state, intent.number == 0 ? LoadError{LoadProblem::Offline, 0, {}}
                                                : LoadError{LoadProblem::HttpStatus, intent.number, {}});
        break;
      case IntentKind::SetLanguage:
        state.lang = intent.number == static_cast<int64_t>(Lang::En) ? Lang::En : Lang::Id;
        effects.title = PageTitle(state);
        break;
      case IntentKind::MarketLoaded:
        ApplyMarketLoaded(state, intent.id, intent.text);
        effects.title = PageTitle(state);
        break;
      case IntentKind::MarketFailed: ApplyMarketFailed(state, intent.id, intent.number, intent.text); break;
      case IntentKind::SetCategory: state.category = intent.id; break;
      case IntentKind::Tick:
        state.now_min = static_cast<int>(intent.number / 10);
        state.weekday = static_cast<int>(intent.number % 10);
        break;
      case IntentKind::DismissNotice: state.notice = Notice{}; break;
      case IntentKind::ChooseStep:
      case IntentKind::SetSubstitution:
      case IntentKind::AddToCart:
      case IntentKind::ReplaceCartAndAdd:
      case IntentKind::CancelReplace:
      case IntentKind::CartChangeQty:
      case IntentKind::CartRemoveLine:
      case IntentKind::SetDeliveryMethod:
      case IntentKind::SetArea: ApplyShoppingIntent(state, intent, effects); break;
    }
    if (ChangesPrefs(intent.kind)) SaveFiles(state, effects, SAVE_PREFS);
  }
  MaybeSync(state, effects);
}

}  // namespace pasar
