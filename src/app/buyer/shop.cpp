// Market files, the product page's form and the cart: the shopping half of ApplyIntents().
#include <algorithm>

#include "app/app_internal.h"
#include "core/money.h"
#include "core/units.h"

namespace pasar {
namespace {

constexpr size_t MAX_FIELD_BYTES = 100;

int64_t DefaultQtyMilli(const Product& product) {
  if (!product.steps.empty()) return product.steps.front().qty_milli;
  return 1000;
}

// The smallest step, used by the cart's +/- buttons.
int64_t SmallestStepMilli(const Product& product) {
  int64_t best = 0;
  for (const SaleStep& step : product.steps) {
    if (best == 0 || step.qty_milli < best) best = step.qty_milli;
  }
  return best > 0 ? best : 1000;
}

void FillDefaultQuantity(AppState& state) {
  if (state.product.qty_milli > 0 || state.product.product_id.empty()) return;
  if (auto ref = FindStateProduct(state, state.product.product_id)) state.product.qty_milli = DefaultQtyMilli(*ref->product);
}

void AddFormToCart(AppState& state) {
  ProductForm& form = state.product;
  auto ref = FindStateProduct(state, form.product_id);
  const MarketFile* market = LoadedMarket(state, state.route.market_id);
  if (!ref || !market) return;
  if (!form.weight_problem.ok()) {
    Notice& notice = SetNotice(state, NoticeCode::CartProblem, true);
    notice.cart.status = CartStatus::BadQuantity;
    notice.cart.quantity = form.weight_problem;
    return;
  }
  CartChange change = AddToCart(&state.cart, *market, form.product_id, form.qty_milli, form.note, form.substitution);
  if (change.status == CartStatus::OtherMarket) {
    form.pending_other_market = change.other_market_id;
    return;
  }
  if (!change.ok()) {
    SetNotice(state, NoticeCode::CartProblem, true).cart = change;
    return;
  }
  const Product& p = *ref->product;
  Notice& notice = SetNotice(state, NoticeCode::AddedToCart, false);
  notice.cart = change;
  notice.cart.name = p.name;
  notice.cart.quantity.unit = p.unit;
  notice.cart.quantity.piece_name = p.piece_name;
  notice.qty_milli = form.qty_milli;
}

}  // namespace

Notice& SetNotice(AppState& state, NoticeCode code, bool error) {
  state.notice = Notice{};
  state.notice.code = code;
  state.notice.error = error;
  return state.notice;
}

const MarketLoad* MarketLoadOf(const AppState& state, const std::string& market_id) {
  size_t pos = 0;
  if (!FindStateMarket(state, market_id, &pos) || pos >= state.market_loads.size()) return nullptr;
  return &state.market_loads[pos];
}

const MarketFile* LoadedMarket(const AppState& state, const std::string& market_id) {
  size_t pos = 0;
  if (!FindStateMarket(state, market_id, &pos) || pos >= state.catalog.markets.size()) return nullptr;
  const std::optional<MarketFile>& file = state.catalog.markets[pos];
  return file ? &*file : nullptr;
}

const Stall* FindStall(const MarketFile& market, const std::string& stall_id) {
  for (const Stall& stall : market.stalls) {
    if (stall.id == stall_id) return &stall;
  }
  return nullptr;
}

std::optional<ProductRef> FindStateProduct(const AppState& state, const std::string& product_id) {
  size_t dot = product_id.find('.');
  if (dot == std::string::npos) return std::nullopt;
  const MarketFile* market = LoadedMarket(state, product_id.substr(0, dot));
  if (!market) return std::nullopt;
  return FindProduct(*market, product_id);
}

void ResetProductForm(AppState& state) {
  state.product = ProductForm{};
  state.product.product_id = state.route.product_id;
  FillDefaultQuantity(state);
}

void EnsureRouteMarketLoaded(AppState& state, Effects& effects) {
  std::string market_id = state.route.market_id;
  if (state.route.screen == Screen::Cart || state.route.screen == Screen::Checkout) market_id = state.cart.market_id;
  if (state.route.screen == Screen::Order) {
    if (const StoredOrder* stored = FindStoredOrder(state, state.route.order_id)) market_id = stored->order.market_id;
  }
  EnsureMarketLoaded(state, market_id, effects);
}

void EnsureMarketLoaded(AppState& state, const std::string& market_id, Effects& effects) {
  if (state.index_state != LoadState::Ready) return;
  if (market_id.empty()) return;
  size_t pos = 0;
  const MarketInfo* market = FindStateMarket(state, market_id, &pos);
  if (!market || pos >= state.market_loads.size()) return;
  MarketLoad& load = state.market_loads[pos];
  if (load.state == LoadState::Loading || load.state == LoadState::Ready) return;
  load.state = LoadState::Loading;
  effects.fetches.push_back(FetchRequest{FetchKind::Market, "data/" + market->file, market->id});
}

void ApplyFieldText(AppState& state, const std::string& field_id, const std::string& text) {
  if (field_id == FIELD_MARKET_SEARCH) {
    state.market_search = TruncateUtf8(text, MAX_FIELD_BYTES);
  } else if (field_id == FIELD_PRODUCT_SEARCH) {
    state.product_search = TruncateUtf8(text, MAX_FIELD_BYTES);
  } else if (field_id == FIELD_NOTE) {
    state.product.note = CutUtf8Chars(text, MAX_NOTE_CHARS);
  } else if (field_id == FIELD_WEIGHT) {
    ProductForm& form = state.product;
    form.weight_text = TruncateUtf8(text, 40);
    form.weight_problem = QuantityProblem{};
    auto ref = FindStateProduct(state, form.product_id);
    if (!ref) return;
    std::string trimmed = form.weight_text;
    trimmed.erase(0, trimmed.find_first_not_of(' '));
    if (trimmed.empty()) {
      form.qty_milli = DefaultQtyMilli(*ref->product);
      return;
    }
    QuantityParse parsed = ParseQuantity(form.weight_text, ref->product->unit, ref->product->piece_name);
    if (!parsed.ok()) {
      form.weight_problem = parsed;
      return;
    }
    QuantityProblem check = CheckLineQuantity(*ref->product, parsed.qty_milli);
    if (!check.ok()) {
      form.weight_problem = check;
      return;
    }
    form.qty_milli = parsed.qty_milli;
  }
}

void ApplyMarketLoaded(AppState& state, const std::string& market_id, const std::string& body) {
  size_t pos = 0;
  if (!FindStateMarket(state, market_id, &pos) || pos >= state.market_loads.size()) return;
  MarketLoad& load = state.market_loads[pos];
  DecodeError error;
  if (!LoadMarketFile(&state.catalog, pos, body, &error)) {
    if (load.state != LoadState::Ready) {
      load.state = LoadState::Failed;
      load.error = LoadError{LoadProblem::Damaged, 0, error};
    }
    return;
  }
  load = MarketLoad{};
  load.state = LoadState::Ready;
  ReapplyCatalogPatches(state);
  state.search = BuildSearchIndex(state.catalog);
  FillDefaultQuantity(state);
}

void ApplyMarketFailed(AppState& state, const std::string& market_id, int64_t status) {
  size_t pos = 0;
  if (!FindStateMarket(state, market_id, &pos) || pos >= state.market_loads.size()) return;
  MarketLoad& load = state.market_loads[pos];
  if (load.state == LoadState::Ready) return;
  load.state = LoadState::Failed;
  load.error = status == 0 ? LoadError{LoadProblem::Offline, 0, {}} : LoadError{LoadProblem::HttpStatus, status, {}};
}

void Apply(AppState& state, const ChooseStep& i, Effects&) {
  state.product.qty_milli = i.qty_milli;
  state.product.weight_text.clear();
  state.product.weight_problem = QuantityProblem{};
}

void Apply(AppState& state, const SetSubstitution& i, Effects&) {
  const Substitution s = i.substitution;
  if (s == Substitution::ReplaceSimilar || s == Substitution::CancelItem || s == Substitution::ContactMe) {
    state.product.substitution = s;
  }
}

void Apply(AppState& state, const AddProduct&, Effects&) { AddFormToCart(state); }

void Apply(AppState& state, const ReplaceCartAndAdd&, Effects&) {
  if (state.product.pending_other_market.empty()) return;
  state.product.pending_other_market.clear();
  ReplaceCart(&state.cart, state.route.market_id);
  AddFormToCart(state);
}

void Apply(AppState& state, const CancelReplace&, Effects&) { state.product.pending_other_market.clear(); }

void Apply(AppState& state, const CartChangeQty& i, Effects&) {
  const MarketFile* market = LoadedMarket(state, state.cart.market_id);
  if (!market || i.line_pos >= state.cart.lines.size()) return;
  auto ref = FindProduct(*market, state.cart.lines[i.line_pos].product_id);
  if (!ref) return;
  int64_t step = SmallestStepMilli(*ref->product);
  int64_t qty = state.cart.lines[i.line_pos].qty_milli + i.steps * step;
  if (qty < step) qty = step;
  CartChange change = SetLineQuantity(&state.cart, *market, i.line_pos, qty);
  if (!change.ok()) SetNotice(state, NoticeCode::CartProblem, true).cart = change;
}

void Apply(AppState& state, const CartRemoveLine& i, Effects&) {
  if (i.line_pos < state.cart.lines.size()) RemoveCartLine(&state.cart, i.line_pos);
}

void Apply(AppState& state, const SetDeliveryMethod& i, Effects&) {
  if (i.method != DeliveryMethod::Unknown) state.delivery_method = i.method;
}

void Apply(AppState& state, const SetArea& i, Effects&) {
  if (i.area_id.empty() || FindArea(state.catalog.index, i.area_id)) state.area_id = i.area_id;
}

}  // namespace pasar
