// The session slice's apply: one overload per SessionIntent (declared in session_apply.h), reached by the
// app's one visit in ApplyIntents().
// What concerns the role goes through app/session/role_hooks.h.
#include <utility>

#include "app/app_internal.h"
#include "app/session/role_hooks.h"
#include "app/session/session_apply.h"

namespace pasar {
namespace {

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

// Shows a route: the title follows, the page's catalogue file is requested, the role resets its page.
void ShowRoute(AppState& state, const Route& route, Effects& effects) {
  const bool market_changed = route.market_id != state.route.market_id;
  if (route.screen != state.route.screen && !state.notice.error) state.notice = Notice{};  // said on its page
  state.route = route;
  OnRouteShown(state, market_changed);
  LoadPageCatalogue(state, effects);
  effects.title = PageTitle(state);
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

}  // namespace

void Apply(AppState& state, const RouteChanged& i, Effects& effects) { ShowRoute(state, ParseRouteHash(i.hash), effects); }
void Apply(AppState& state, const GoBack&, Effects& effects) {
  effects.back_fallback_hash = RouteToHash(ParentRoute(state.route));
}
void Apply(AppState& state, const SetText& i, Effects& effects) {
  ApplyRoleFieldText(state, i.field_id, i.value, effects);
}
void Apply(AppState& state, const RetryLoad&, Effects& effects) {
  StartIndexLoad(state, effects);
  LoadPageCatalogue(state, effects);
}
void Apply(AppState& state, const IndexLoaded& i, Effects& effects) {
  Decoded<CatalogIndex> decoded = DecodeCatalogIndex(i.body);
  if (!decoded.ok) {
    FailIndexLoad(state, LoadError{LoadProblem::Damaged, 0, decoded.error});
    return;
  }
  if (state.index_state == LoadState::Ready && decoded.value.catalog_version == state.catalog.index.catalog_version) {
    return;  // same catalogue: keep the loaded markets
  }
  state.catalog = MakeCatalog(std::move(decoded.value));
  state.market_loads.assign(state.catalog.index.markets.size(), MarketLoad{});
  state.search = BuildSearchIndex(state.catalog);
  state.index_state = LoadState::Ready;
  state.index_error = LoadError{};
  LoadPageCatalogue(state, effects);
  LoadRoleCatalogue(state, effects);
  effects.title = PageTitle(state);
}
void Apply(AppState& state, const IndexFailed& i, Effects&) {
  FailIndexLoad(state, i.http_status == 0 ? LoadError{LoadProblem::Offline, 0, {}}
                                          : LoadError{LoadProblem::HttpStatus, i.http_status, {}});
}
void Apply(AppState& state, const MarketLoaded& i, Effects& effects) {
  ApplyMarketLoaded(state, i.market_id, i.body);
  effects.title = PageTitle(state);
}
void Apply(AppState& state, const MarketFailed& i, Effects&) { ApplyMarketFailed(state, i.market_id, i.http_status); }
void Apply(AppState& state, const SetLanguage& i, Effects& effects) {
  state.lang = i.lang == Lang::En ? Lang::En : Lang::Id;
  effects.title = PageTitle(state);
  SaveFiles(state, effects, SAVE_PREFS);
}
void Apply(AppState& state, const DismissNotice&, Effects&) { state.notice = Notice{}; }
void Apply(AppState& state, const Tick& i, Effects&) {
  state.now_min = i.minutes_wib;
  state.weekday = i.weekday;
}
void Apply(AppState&, const ApplyUpdate&, Effects& effects) { effects.apply_update = true; }
void Apply(AppState&, const TakeOver&, Effects& effects) { effects.take_over = true; }
void Apply(AppState& state, const Now& i, Effects&) { state.now_ms = i.now_ms; }
void Apply(AppState& state, const Entropy& i, Effects&) { AppendEntropy(state, i.hex); }
void Apply(AppState& state, const StoreFile& i, Effects&) {
  if (!state.store.loaded) state.store.files_at_start.emplace_back(i.name, i.content);
}
void Apply(AppState& state, const StoreLoaded& i, Effects& effects) {
  ApplyStoreLoaded(state, i.unavailable, effects);
  LoadPageCatalogue(state, effects);
  LoadRoleCatalogue(state, effects);
  effects.title = PageTitle(state);
}
void Apply(AppState& state, const StoreSaved& i, Effects& effects) {
  ApplyStoreSaved(state, i.generation, i.error_code, i.error_detail, effects);
}
void Apply(AppState& state, const StorageEstimate& i, Effects&) {
  state.store.usage_bytes = i.usage_bytes;
  state.store.quota_bytes = i.quota_bytes;
  state.store.persisted = i.persisted;
}
void Apply(AppState& state, const UpdateAvailable&, Effects&) { state.update_available = true; }
void Apply(AppState& state, const OtherTab& i, Effects&) { state.store.other_tab = i.other_tab_holds_store; }
// SetOnline, SyncReplied, TimerFired, SetVisible, SetPullEvery: sync.cpp (declared in app_internal.h).

void ReplaceRoute(AppState& state, const Route& route, Effects& effects) {
  ShowRoute(state, route, effects);
  effects.replace_hash = RouteToHash(route);
}

void NavigateTo(AppState& state, const Route& route, Effects& effects) {
  if (route == state.route) return;  // a double tap does not stack two history entries
  ShowRoute(state, route, effects);
  effects.push_hash.push_back(RouteToHash(route));
}

}  // namespace pasar
