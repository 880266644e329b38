// Checkout, placing an order, reorder, cancel, WhatsApp and share: the orders half of ApplyIntents().
#include <algorithm>

#include "app/app_internal.h"
#include "core/money.h"
#include "core/units.h"

namespace pasar {
namespace {

constexpr size_t ORDER_ENTROPY_BYTES = ORDER_ID_RANDOM_BYTES + 2 * TOKEN_RANDOM_BYTES;

// The form as the checkout validates it: delivery comes from the cart screen's choice.
CheckoutForm FormForCheckout(const AppState& state) {
  CheckoutForm form = state.checkout.form;
  form.delivery_method = state.delivery_method;
  form.area_id = state.delivery_method == DeliveryMethod::Pickup ? "" : state.area_id;
  return form;
}

void Revalidate(AppState& state) {
  if (!state.checkout.tried) return;
  const MarketInfo* market = FindStateMarket(state, state.cart.market_id);
  if (!market) return;
  state.checkout.errors = ValidateCheckout(FormForCheckout(state), *market).errors;
}

void AddHistory(StoredOrder& stored, OrderStatus status, int64_t at_ms, std::string note) {
  stored.history.push_back(OrderEvent{status, at_ms, std::move(note)});
}


void PlaceCheckoutOrder(AppState& state, Effects& effects) {
  // Only from the checkout page: a second tap that arrives after the order page opened places nothing.
  if (state.route.screen != Screen::Checkout) return;
  CheckoutState& checkout = state.checkout;
  checkout.tried = true;
  checkout.problem = CheckoutProblem::None;
  checkout.order_problem = OrderResult{};
  checkout.fee_problem = FeeQuote{};
  auto say = [&checkout](CheckoutProblem problem) { checkout.problem = problem; };
  if (state.store.other_tab) return;
  if (!state.store.loaded) {
    say(CheckoutProblem::StoreStarting);
    return;
  }
  const MarketInfo* market = FindStateMarket(state, state.cart.market_id);
  const MarketFile* file = LoadedMarket(state, state.cart.market_id);
  if (state.cart.lines.empty() || !market) {
    say(CheckoutProblem::CartEmpty);
    return;
  }
  if (!file) {
    say(CheckoutProblem::StallsLoading);
    return;
  }
  CheckoutForm form = FormForCheckout(state);
  CheckoutCheck check = ValidateCheckout(form, *market);
  checkout.errors = check.errors;
  if (!check.ok()) return;

  const auto bytes = TakeRandom<ORDER_ENTROPY_BYTES>(state, effects);
  if (!bytes) {
    say(CheckoutProblem::PreparingCode);
    return;
  }
  std::array<uint8_t, ORDER_ID_RANDOM_BYTES> id_bytes{};
  std::array<uint8_t, TOKEN_RANDOM_BYTES> key_bytes{}, secret_bytes{};
  auto from = bytes->begin();
  std::copy(from, from + ORDER_ID_RANDOM_BYTES, id_bytes.begin());
  std::copy(from + ORDER_ID_RANDOM_BYTES, from + ORDER_ID_RANDOM_BYTES + TOKEN_RANDOM_BYTES, key_bytes.begin());
  std::copy(from + ORDER_ID_RANDOM_BYTES + TOKEN_RANDOM_BYTES, bytes->end(), secret_bytes.begin());

  OrderInput input;
  input.cart = &state.cart;
  input.market = market;
  input.market_file = file;
  input.form = &form;
  input.identity = MakeOrderIdentity(id_bytes, key_bytes, secret_bytes);
  input.catalog_version = state.sync.catalog_version.empty() ? state.catalog.index.catalog_version : state.sync.catalog_version;
  input.created_at_ms = state.now_ms;
  input.now_min = state.now_min < 0 ? 0 : state.now_min;
  input.weekday = state.weekday;
  Order order;
  OrderResult built = BuildOrder(input, &order);
  if (!built.ok()) {
    checkout.errors = built.field_errors;
    if (built.error == OrderError::Fee) {
      checkout.fee_problem = built.fee;
    } else if (built.error != OrderError::Checkout) {
      say(CheckoutProblem::Order);
      checkout.order_problem = built;
    }
    return;
  }
  NewMutation mutation;
  mutation.name = "place_order";
  mutation.key = order.idempotency_key;
  mutation.args = EncodePlaceOrderArgs(order);
  mutation.created_at_ms = state.now_ms;
  if (!EnsureClientId(state, effects)) {
    say(CheckoutProblem::PreparingCode);
    return;
  }
  AppendResult appended = AppendMutation(&state.outbox, std::move(mutation));
  if (!appended.ok()) {
    say(appended.error == OutboxError::Full ? CheckoutProblem::OutboxFull : CheckoutProblem::NotSaved);
    checkout.outbox_limit = static_cast<int64_t>(appended.max_entries);
    return;
  }
  StoredOrder stored;
  stored.order = std::move(order);
  AddHistory(stored, OrderStatus::SavedOnPhone, state.now_ms, "");
  const std::string order_id = stored.order.id;
  state.orders.insert(state.orders.begin(), std::move(stored));
  while (state.orders.size() > MAX_STORED_ORDERS) {
    // The oldest finished order leaves; an unfinished one is never dropped.
    auto victim = std::find_if(state.orders.rbegin(), state.orders.rend(), [](const StoredOrder& s) {
      return IsFinalStatus(s.order.status, s.order.delivery_method) || s.refused;
    });
    if (victim == state.orders.rend()) break;
    state.orders.erase(std::next(victim).base());
  }
  state.cart = Cart{};
  checkout.tried = false;
  checkout.errors.clear();
  SaveFiles(state, effects, SAVE_ALL | SAVE_APPENDED, true);
  state.orders.front().saved_generation = state.store.generation;
  state.notice = Notice{};  // "... masuk keranjang" is old news now
  // The checkout entry becomes My orders and the order's page goes on top: back lands on the list.
  ReplaceRoute(state, ScreenRoute(Screen::Orders), effects);
  NavigateTo(state, OrderRoute(order_id), effects);
}

void ReorderLines(AppState& state, const std::string& order_id, Effects& effects) {
  const StoredOrder* stored = FindStoredOrder(state, order_id);
  if (!stored) return;
  const Order& order = stored->order;
  if (!state.cart.lines.empty() && state.cart.market_id != order.market_id) {
    SetNotice(state, NoticeCode::ReorderOtherMarket, true);
    return;
  }
  const MarketFile* file = LoadedMarket(state, order.market_id);
  if (!file) {
    EnsureMarketLoaded(state, order.market_id, effects);
    SetNotice(state, NoticeCode::ReorderLoading, false);
    return;
  }
  NavigateTo(state, ScreenRoute(Screen::Cart), effects);
  size_t added = 0, missing = 0;
  for (const OrderLine& line : order.lines) {
    if (state.cart.lines.empty()) ReplaceCart(&state.cart, order.market_id);
    CartChange change = AddToCart(&state.cart, *file, line.product_id, line.qty_milli, line.note, line.substitution);
    if (change.ok()) {
      added++;
    } else {
      missing++;
    }
  }
  if (missing > 0) {
    Notice& notice = SetNotice(state, NoticeCode::ReorderPartial, missing > 0 && added == 0);
    notice.added = static_cast<int64_t>(added);
    notice.missing = static_cast<int64_t>(missing);
  } else {
    SetNotice(state, NoticeCode::ReorderDone, false);
  }
  SaveFiles(state, effects, SAVE_PREFS);
  EnsureRouteMarketLoaded(state, effects);
}

void CancelStoredOrder(AppState& state, const std::string& order_id, Effects& effects) {
  StoredOrder* stored = FindStoredOrder(state, order_id);
  if (!stored || stored->cancel_requested || stored->refused) return;
  OrderStatus st = stored->order.status;
  if (st == OrderStatus::SavedOnPhone && StateOfKey(state.outbox, stored->order.idempotency_key) == KeyState::Pending) {
    // Not sent yet: the server still gets the order (its id and key are out of our hands once saved), then
    // the cancel right after it, in outbox order.
  } else if (st != OrderStatus::Sent && st != OrderStatus::Accepted && st != OrderStatus::Adjusted && st != OrderStatus::Ready) {
    SetNotice(state, NoticeCode::CancelTooLate, true);
    return;
  }
  const auto key_bytes = TakeRandom<MUTATION_KEY_RANDOM_BYTES>(state, effects);
  if (!key_bytes) {
    SetNotice(state, NoticeCode::TryAgain, true);
    return;
  }
  NewMutation mutation;
  mutation.name = "cancel_order";
  mutation.key = MakeMutationKey(*key_bytes);
  mutation.args = {{"order_id", stored->order.id}, {"secret", stored->order.secret}};
  mutation.created_at_ms = state.now_ms;
  AppendResult appended = AppendMutation(&state.outbox, mutation);
  if (!appended.ok()) {
    SetNotice(state, appended.error == OutboxError::Full ? NoticeCode::OutboxFull : NoticeCode::CancelNotSaved, true).limit =
        static_cast<int64_t>(appended.max_entries);
    return;
  }
  stored->cancel_requested = true;
  stored->cancel_key = mutation.key;
  SetNotice(state, NoticeCode::CancelQueued, false);
  SaveFiles(state, effects, SAVE_APPENDED | SAVE_ORDERS, true);
}

std::string StallPhoneOf(const AppState& state, const Order& order) {
  const MarketFile* file = LoadedMarket(state, order.market_id);
  if (!file) return "";
  for (const OrderLine& line : order.lines) {
    if (const Stall* stall = FindStall(*file, line.stall_id); stall && !stall->phone.empty()) return stall->phone;
  }
  for (const Stall& stall : file->stalls) {
    if (!stall.phone.empty()) return stall.phone;  // the market's first reachable stall (often the cooperative)
  }
  return "";
}

void ShareShownPage(const AppState& state, Effects& effects) {
  const Route& r = state.route;
  if (r.screen == Screen::Product) {
    if (auto ref = FindStateProduct(state, r.product_id)) {
      effects.share_title = ref->product->name + " - Pasar Daring";
      effects.share_text = ref->product->name + " " + FormatRupiah(ref->product->price_rp) + " di " + ref->stall->name;
    }
  } else if (r.screen == Screen::Stall) {
    if (const MarketFile* f = LoadedMarket(state, r.market_id)) {
      if (const Stall* s = FindStall(*f, r.stall_id)) {
        effects.share_title = s->name + " - Pasar Daring";
        const MarketInfo* m = FindStateMarket(state, r.market_id);
        effects.share_text = "Belanja di " + s->name + (m ? ", " + m->name : std::string()) + ", lewat Pasar Daring";
      }
    }
  } else if (r.screen == Screen::Market) {
    if (const MarketInfo* m = FindStateMarket(state, r.market_id)) {
      effects.share_title = m->name + " - Pasar Daring";
      effects.share_text = "Belanja di " + m->name + " lewat Pasar Daring";
    }
  }
  if (effects.share_title.empty()) {
    effects.share_title = "Pasar Daring";
    effects.share_text = "Belanja di pasar tradisional Bandar Lampung lewat Pasar Daring";
  }
  effects.share_url = RouteToHash(r);  // the platform makes it absolute against the page's address
}

}  // namespace

bool EnsureClientId(AppState& state, Effects& effects) {
  if (!state.outbox.client_id.empty()) return true;
  const auto bytes = TakeRandom<CLIENT_ID_RANDOM_BYTES>(state, effects);
  if (!bytes) return false;
  Outbox fresh = MakeOutbox(MakeClientId(*bytes));
  fresh.results = std::move(state.outbox.results);
  state.outbox = std::move(fresh);
  return true;
}

bool TakeEntropy(AppState& state, uint8_t* out, size_t count, Effects& effects) {
  if (state.entropy.size() < count) {
    effects.want_entropy = true;
    return false;
  }
  std::copy(state.entropy.end() - static_cast<std::ptrdiff_t>(count), state.entropy.end(), out);
  state.entropy.resize(state.entropy.size() - count);
  if (state.entropy.size() < 64) effects.want_entropy = true;
  return true;
}

const StoredOrder* FindStoredOrder(const AppState& state, const std::string& order_id) {
  for (const StoredOrder& s : state.orders) {
    if (s.order.id == order_id) return &s;
  }
  return nullptr;
}

StoredOrder* FindStoredOrder(AppState& state, const std::string& order_id) {
  return const_cast<StoredOrder*>(FindStoredOrder(static_cast<const AppState&>(state), order_id));
}

OrderView ViewOfOrder(const AppState& state, const StoredOrder& stored) {
  if (state.store.unavailable) return stored.order.status == OrderStatus::SavedOnPhone ? OrderView::SaveFailed : OrderView::Stall;
  if (stored.saved_generation > state.store.saved_generation) {
    return state.store.error_code.empty() ? OrderView::Saving : OrderView::SaveFailed;
  }
  if (stored.refused) return OrderView::Refused;
  if (stored.order.status == OrderStatus::SavedOnPhone) return OrderView::OnPhone;
  if (stored.order.status == OrderStatus::Sent) return OrderView::Sent;
  return OrderView::Stall;
}

size_t PendingChangeCount(const AppState& state) { return state.outbox.pending.size(); }

bool OfferWhatsApp(const AppState& state, const StoredOrder& stored) {
  if (ViewOfOrder(state, stored) != OrderView::OnPhone) return false;
  if (state.sync.failing_since_ms <= 0) return false;
  return state.now_ms - state.sync.failing_since_ms >= WHATSAPP_AFTER_MS;
}

std::string OrderWhatsAppText(const AppState& state, const StoredOrder& stored) {
  const Order& o = stored.order;
  const MarketInfo* market = FindStateMarket(state, o.market_id);
  std::string text = "Pesanan Pasar Daring " + FormatOrderIdForDisplay(o.id) + "\n";
  if (market) text += market->name + "\n";
  for (const OrderLine& line : o.lines) {
    text += "- " + line.name + " " + FormatQuantity(line.qty_milli, line.unit, line.piece_name) + " " +
            FormatRupiah(line.line_total_rp);
    if (!line.note.empty()) text += " (" + line.note + ")";
    text += "\n";
  }
  text += "Subtotal " + FormatRupiah(o.subtotal_rp) + ", ongkir " + FormatRupiah(o.delivery_fee_rp) + "\n";
  text += "Total " + FormatRupiah(o.total_rp) + "\n";
  text += "Atas nama " + o.buyer_name + " " + o.buyer_phone + "\n";
  if (o.delivery_method == DeliveryMethod::Pickup) {
    text += "Diambil sendiri";
    if (market) text += " di " + market->pickup_point;
    text += "\n";
  } else {
    text += "Antar ke " + o.address;
    if (!o.landmark.empty()) text += " (patokan: " + o.landmark + ")";
    text += "\n";
  }
  text += std::string("Bayar ") + (o.payment_method == PaymentMethod::Qris ? "QRIS" : o.payment_method == PaymentMethod::Transfer ? "transfer" : "tunai saat terima (COD)");
  return text;
}

void ApplyCheckoutFieldText(AppState& state, const std::string& field_id, const std::string& value, Effects& effects) {
  if (field_id == FIELD_NAME) state.checkout.form.name = CutUtf8Chars(value, MAX_BUYER_NAME_CHARS);
  else if (field_id == FIELD_PHONE) state.checkout.form.phone = TruncateUtf8(value, 40);
  else if (field_id == FIELD_ADDRESS) state.checkout.form.address = CutUtf8Chars(value, MAX_ADDRESS_CHARS);
  else if (field_id == FIELD_LANDMARK) state.checkout.form.landmark = CutUtf8Chars(value, MAX_LANDMARK_CHARS);
  else return;
  Revalidate(state);
  SaveFiles(state, effects, SAVE_PREFS);  // the buyer's details are there next time
}

void Apply(AppState& state, const SetPayment& i, Effects& effects) {
  if (i.method == PaymentMethod::Unknown) return;
  state.checkout.form.payment_method = i.method;
  Revalidate(state);
  SaveFiles(state, effects, SAVE_PREFS);
}

void Apply(AppState& state, const PlaceOrder&, Effects& effects) { PlaceCheckoutOrder(state, effects); }
void Apply(AppState& state, const Reorder& i, Effects& effects) { ReorderLines(state, i.order_id, effects); }
void Apply(AppState& state, const CancelOrder& i, Effects& effects) { CancelStoredOrder(state, i.order_id, effects); }

void Apply(AppState& state, const SendViaWhatsApp& i, Effects& effects) {
  const StoredOrder* stored = FindStoredOrder(state, i.order_id);
  if (!stored) return;
  std::string phone = StallPhoneOf(state, stored->order);
  std::string text = OrderWhatsAppText(state, *stored);
  effects.open_url = phone.empty() ? MakeWhatsAppLink("", text) : MakeWhatsAppLink(phone, text);
}

void Apply(AppState& state, const Share&, Effects& effects) { ShareShownPage(state, effects); }

}  // namespace pasar
