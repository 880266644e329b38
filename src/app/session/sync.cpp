// The sync loop: pushes the outbox to serve.py (core/sync_protocol.h decides what a reply means), applies
// the server's patch to the catalogue and the orders, and backs off while the server cannot be reached.
//
// WHEN A PUSH STARTS (MaybeSync, after every batch of intents)
//   the store is loaded and this tab holds it; no push is in flight; the browser says it is online;
//   the backoff delay has passed; every pending entry is already durable on the phone (a change the
//   phone could forget must not reach the server first); and there is something to do: pending
//   entries, the first pull of this run, or a pull for orders still moving (every PULL_EVERY_MS).
// A PULL (a push of no mutations) also catches up the catalogue: new prices, sold-out products, closed
//   stalls. So the buyer who looks at a market sees them within a minute without reloading: a pull when
//   the page becomes visible again (SetVisible), when the phone comes back online (SetOnline), and every
//   CATALOG_PULL_EVERY_MS while a visible page shows the catalogue (WatchesCatalogue).
// A failed request (no reply, 408/429/5xx) counts as offline for the buyer's eyes (failing_since_ms)
// and waits RetryDelayMs: jittered, doubling, capped at 60 s. Coming back online retries (and pulls) at once.
#include <algorithm>
#include <cmath>

#include "app/app_internal.h"

namespace pasar {
namespace {

void WakeAfter(Effects& effects, int64_t ms) {
  if (ms < 0) ms = 0;
  if (effects.wake_after_ms < 0 || ms < effects.wake_after_ms) effects.wake_after_ms = ms;
}

double Random01(AppState& state, Effects& effects) {
  uint8_t b[4];
  if (!TakeEntropy(state, b, sizeof(b), effects)) return 0.5;
  uint32_t v = (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
  return static_cast<double>(v) / 4294967296.0;
}

bool HasMovingOrders(const AppState& state) {
  for (const StoredOrder& s : state.orders) {
    if (s.refused) continue;
    if (s.order.status == OrderStatus::SavedOnPhone) continue;  // the outbox carries it
    if (!IsFinalStatus(s.order.status, s.order.delivery_method)) return true;
  }
  return false;
}

// A visible page of the catalogue: its prices, sold-out marks and closed stalls should be fresh.
bool WatchesCatalogue(const AppState& state) {
  if (!state.sync.page_visible) return false;
  switch (state.route.screen) {
    case Screen::Market:
    case Screen::Stall:
    case Screen::Product:
    case Screen::Cart:
    case Screen::Checkout: return true;
    default: return false;
  }
}

bool PullDue(const AppState& state) {
  if (state.sync.last_pull_ms == 0) return true;  // the first exchange of this run: catch up
  const int64_t since_ms = state.now_ms - state.sync.last_pull_ms;
  if (HasMovingOrders(state) && since_ms >= PULL_EVERY_MS) return true;
  return WatchesCatalogue(state) && since_ms >= state.sync.catalog_pull_every_ms;
}

void NoteEvent(StoredOrder& stored, OrderStatus status, int64_t at_ms, std::string note) {
  if (!stored.history.empty() && stored.history.back().status == status) return;
  stored.history.push_back(OrderEvent{status, at_ms, std::move(note)});
}

// What the outbox now knows about each order's mutations goes into the orders.
void UpdateOrdersFromOutbox(AppState& state) {
  for (StoredOrder& stored : state.orders) {
    Order& order = stored.order;
    if (order.status == OrderStatus::SavedOnPhone && !stored.refused) {
      const MutationResult* result = nullptr;
      KeyState ks = StateOfKey(state.outbox, order.idempotency_key, &result);
      if (ks == KeyState::Ok || ks == KeyState::Acknowledged) {
        order.status = OrderStatus::Sent;
        if (result && result->answer.is_object()) {
          auto nc = result->answer.find("needs_confirm");
          if (nc != result->answer.end() && nc->is_boolean()) stored.needs_confirm = nc->get<bool>();
        }
        NoteEvent(stored, OrderStatus::Sent, state.now_ms, "");
      } else if (ks == KeyState::Rejected && result) {
        if (result->code == "order_exists") {
          // The server already holds this order id (sent earlier by WhatsApp's code or another path).
          order.status = OrderStatus::Sent;
          NoteEvent(stored, OrderStatus::Sent, state.now_ms, "");
        } else {
          stored.refused = true;
          stored.refused_code = result->code;
          stored.refused_field = result->field;
          stored.refused_message = result->message;
        }
      }
    }
    if (stored.cancel_requested && !stored.cancel_key.empty()) {
      const MutationResult* result = nullptr;
      KeyState ks = StateOfKey(state.outbox, stored.cancel_key, &result);
      if (ks == KeyState::Ok) {
        stored.cancel_requested = false;
        order.status = OrderStatus::Cancelled;
        NoteEvent(stored, OrderStatus::Cancelled, state.now_ms, "");
      } else if (ks == KeyState::Rejected || ks == KeyState::Acknowledged) {
        stored.cancel_requested = false;
        if (ks == KeyState::Rejected && result) {
          Notice& notice = SetNotice(state, NoticeCode::CancelRefused, true);
          notice.refusal_code = result->code;
          notice.order_id = order.id;
        }
      }
    }
  }
}

void ApplyProductPatch(AppState& state, const PatchProduct& p) {
  ProductPatch patch{p.product_id, p.price_rp, p.price_date, p.availability};
  auto it = std::find_if(state.product_patches.begin(), state.product_patches.end(),
                         [&](const ProductPatch& x) { return x.product_id == p.product_id; });
  if (it != state.product_patches.end()) {
    *it = patch;
  } else {
    state.product_patches.push_back(patch);
  }
}

void ApplyStallPatch(AppState& state, const PatchStall& p) {
  auto it = std::find_if(state.stall_patches.begin(), state.stall_patches.end(),
                         [&](const StallPatch& x) { return x.stall_id == p.stall_id; });
  if (it != state.stall_patches.end()) {
    it->open = p.open;
  } else {
    state.stall_patches.push_back(StallPatch{p.stall_id, p.open});
  }
}

bool ApplyOrderPatch(AppState& state, const PatchOrder& p) {
  StoredOrder* stored = FindStoredOrder(state, p.order_id);
  if (!stored) return false;
  Order& order = stored->order;
  bool changed = false;
  if (p.status != OrderStatus::Unknown && p.status != order.status) {
    order.status = p.status;
    order.status_reason = p.reason.value_or("");
    NoteEvent(*stored, p.status, state.now_ms, order.status_reason);
    changed = true;
  }
  stored->needs_confirm = p.needs_confirm;
  if (p.total_rp > 0 || p.subtotal_rp > 0) {
    order.subtotal_rp = p.subtotal_rp;
    order.delivery_fee_rp = p.delivery_fee_rp;
    order.total_rp = p.total_rp;
  }
  for (const PatchOrderLine& line : p.lines) {
    if (line.line_no < 1 || static_cast<size_t>(line.line_no) > order.lines.size()) continue;
    OrderLine& mine = order.lines[static_cast<size_t>(line.line_no - 1)];
    if (mine.product_id != line.product_id) continue;
    if (line.settled_qty_milli) mine.actual_qty_milli = *line.settled_qty_milli;
    mine.line_total_rp = line.line_total_rp;
  }
  return changed;
}

// Products were added to or hidden from a market: a market already on the phone is fetched again (it stays
// on screen meanwhile; a failed fetch keeps it); one not loaded yet loads fresh when it is opened.
void RefetchMarket(AppState& state, const PatchMarketReset& reset, Effects& effects) {
  size_t pos = 0;
  const MarketInfo* market = FindStateMarket(state, reset.market_id, &pos);
  if (!market || pos >= state.market_loads.size() || state.market_loads[pos].state != LoadState::Ready) return;
  // market_url is a path from the site root ("/data/markets/x.json"); fetches name files from the root.
  const bool from_root = reset.market_url.rfind("/data/", 0) == 0;
  const std::string url = from_root ? reset.market_url.substr(1) : "data/" + market->file;
  effects.fetches.push_back(FetchRequest{FetchKind::Market, url, market->id});
}

void ApplyPatch(AppState& state, const std::vector<PatchEntry>& patch, Effects& effects) {
  bool products = false;
  for (const PatchEntry& entry : patch) {
    switch (entry.op) {
      case PatchOp::CatalogVersion: state.sync.catalog_version = entry.catalog_version; break;
      case PatchOp::Product:
        ApplyProductPatch(state, entry.product);
        products = true;
        break;
      case PatchOp::Stall:
        ApplyStallPatch(state, entry.stall);
        products = true;
        break;
      case PatchOp::CatalogReset:
        // Too much changed: drop the patches and load the catalogue again.
        state.product_patches.clear();
        state.stall_patches.clear();
        state.sync.catalog_version = entry.catalog_version;
        if (state.index_state == LoadState::Ready) {
          state.index_state = LoadState::Loading;  // IndexLoaded replaces the catalogue and its markets
          effects.fetches.push_back(FetchRequest{FetchKind::Index, INDEX_URL, ""});
        }
        break;
      case PatchOp::Order: ApplyOrderPatch(state, entry.order); break;
      case PatchOp::MarketReset: RefetchMarket(state, entry.market_reset, effects); break;
      // The buyer's order page says a missed answer from the order's own state; a stall's view of an order
      // is the stall app's (this phone never receives it).
      case PatchOp::OrderAnswer:
      case PatchOp::AccountOrder:
      case PatchOp::Unknown: break;  // a newer server's op: skipped
    }
  }
  if (products) {
    ReapplyCatalogPatches(state);
    state.search = BuildSearchIndex(state.catalog);
  }
}

void OnSyncReplied(AppState& state, const SyncReplied& intent, Effects& effects) {
  SyncState& sync = state.sync;
  if (!sync.in_flight) return;  // a reply nobody waits for (a reload raced it): the retry covers it
  sync.in_flight = false;
  SyncHttpReply reply;
  reply.status = intent.http_status;
  reply.body = intent.body;
  if (intent.retry_after_ms >= 0) reply.retry_after_ms = intent.retry_after_ms;
  SyncPlan plan = PlanSync(state.outbox, sync.batch, reply);
  ApplySyncPlan(&state.outbox, plan);
  sync.status_en = std::string(SyncOutcomeName(plan.outcome)) + (plan.message.empty() ? "" : ": " + plan.message);
  switch (plan.outcome) {
    case SyncOutcome::Applied:
      ApplyPatch(state, plan.patch, effects);
      if (plan.cookie) sync.cookie = plan.cookie;
      sync.attempt = 0;
      sync.failing_since_ms = 0;
      sync.next_attempt_ms = 0;
      sync.last_ok_ms = state.now_ms;
      sync.last_pull_ms = state.now_ms;
      if (HasMovingOrders(state)) WakeAfter(effects, PULL_EVERY_MS);
      if (WatchesCatalogue(state)) WakeAfter(effects, sync.catalog_pull_every_ms);
      break;
    case SyncOutcome::Resend: sync.next_attempt_ms = 0; break;
    case SyncOutcome::NewClient: {
      if (const auto bytes = TakeRandom<CLIENT_ID_RANDOM_BYTES>(state, effects)) {
        RebaseOutbox(&state.outbox, MakeClientId(*bytes));
        sync.next_attempt_ms = 0;
      } else {
        sync.next_attempt_ms = state.now_ms + 1000;  // the plan repeats once entropy arrives
        WakeAfter(effects, 1000);
      }
      break;
    }
    case SyncOutcome::Refused:
      sync.attempt = 0;
      sync.next_attempt_ms = 0;
      break;
    case SyncOutcome::SignIn:
    case SyncOutcome::Retry:
    case SyncOutcome::Unknown: {
      sync.attempt++;
      if (sync.failing_since_ms == 0) sync.failing_since_ms = state.now_ms;
      int64_t delay = RetryDelayMs(sync.attempt, Random01(state, effects), plan.retry_after_ms);
      sync.next_attempt_ms = state.now_ms + delay;
      WakeAfter(effects, delay);
      // When WhatsApp becomes the way out, the order page must say so without a tap.
      int64_t until_whatsapp = sync.failing_since_ms + WHATSAPP_AFTER_MS - state.now_ms;
      if (until_whatsapp > 0) WakeAfter(effects, until_whatsapp);
      return;  // nothing changed that must be saved
    }
  }
  UpdateOrdersFromOutbox(state);
  SaveFiles(state, effects, SAVE_ALL);
}

}  // namespace

// The loaded market file a stall or product id belongs to (its ids start with the market id); null when the
// market is unknown or not loaded (its patches apply when it loads).
static MarketFile* LoadedMarketOfId(AppState& state, const std::string& id) {
  const size_t dot = id.find('.');
  if (dot == std::string::npos) return nullptr;
  size_t pos = 0;
  if (!FindStateMarket(state, id.substr(0, dot), &pos) || pos >= state.catalog.markets.size()) return nullptr;
  std::optional<MarketFile>& file = state.catalog.markets[pos];
  return file ? &*file : nullptr;
}

void ReapplyCatalogPatches(AppState& state) {
  for (const StallPatch& patch : state.stall_patches) {
    MarketFile* file = LoadedMarketOfId(state, patch.stall_id);
    if (!file) continue;
    for (Stall& stall : file->stalls) {
      if (stall.id == patch.stall_id) stall.closed = !patch.open;
    }
  }
  for (const ProductPatch& patch : state.product_patches) {
    MarketFile* file = LoadedMarketOfId(state, patch.product_id);
    if (!file) continue;
    for (Stall& stall : file->stalls) {
      for (Product& product : stall.products) {
        if (product.id != patch.product_id) continue;
        product.price_rp = patch.price_rp;
        if (!patch.price_date.empty()) product.price_date = patch.price_date;
        if (patch.availability != Availability::Unknown) product.availability = patch.availability;
      }
    }
  }
}

// Asks for the timers the app still needs (the platform keeps the earliest and sends Wake; every Wake
// comes back here): the WhatsApp offer a minute into a failure, the next pull of a moving order.
static void ArmTimers(const AppState& state, Effects& effects) {
  const SyncState& sync = state.sync;
  if (sync.failing_since_ms > 0) {
    const int64_t until_whatsapp = sync.failing_since_ms + WHATSAPP_AFTER_MS - state.now_ms;
    if (until_whatsapp > 0 && !state.outbox.pending.empty()) WakeAfter(effects, until_whatsapp);
  }
  if (sync.online && !sync.in_flight && sync.last_pull_ms > 0 && HasMovingOrders(state)) {
    WakeAfter(effects, sync.last_pull_ms + PULL_EVERY_MS - state.now_ms);
  }
  if (sync.online && !sync.in_flight && sync.last_pull_ms > 0 && WatchesCatalogue(state)) {
    WakeAfter(effects, sync.last_pull_ms + sync.catalog_pull_every_ms - state.now_ms);
  }
}

void MaybeSync(AppState& state, Effects& effects) {
  SyncState& sync = state.sync;
  const StoreState& store = state.store;
  ArmTimers(state, effects);
  if (!store.loaded || store.other_tab || sync.in_flight || !sync.online) return;
  const bool pending = !state.outbox.pending.empty();
  if (pending && !store.unavailable && store.saved_generation < store.outbox_generation) {
    if (!store.error_code.empty()) return;  // cannot save: the outbox must not run ahead of the phone
    return;                                 // StoreSaved calls again
  }
  if (!pending && !PullDue(state)) return;
  if (state.now_ms < sync.next_attempt_ms) {
    WakeAfter(effects, sync.next_attempt_ms - state.now_ms);
    return;
  }
  if (state.outbox.client_id.empty()) {
    if (!EnsureClientId(state, effects)) return;  // Entropy calls again
    SaveFiles(state, effects, SAVE_APPENDED);
    return;  // push once the client id is durable
  }
  PushRequest request = BuildPushRequest(state.outbox, sync.cookie);
  if (!request.ok) {
    sync.status_en = request.error;
    return;
  }
  sync.in_flight = true;
  sync.batch = request.batch;
  effects.sync_body = std::move(request.body);
}

void Apply(AppState& state, const SetOnline& i, Effects& effects) {
  const bool online = i.online;
  if (online && !state.sync.online) {
    state.sync.attempt = 0;
    state.sync.next_attempt_ms = 0;  // back online: try at once
    // and catch up at once: the stall may have answered while the phone had no signal, and the
    // going-offline batch replaced the platform's pending pull timer with the WhatsApp one.
    state.sync.last_pull_ms = 0;
  }
  if (!online && state.sync.failing_since_ms == 0) state.sync.failing_since_ms = state.now_ms;
  if (!online) WakeAfter(effects, WHATSAPP_AFTER_MS);
  state.sync.online = online;
}

void Apply(AppState& state, const SyncReplied& i, Effects& effects) { OnSyncReplied(state, i, effects); }

void Apply(AppState& state, const SetVisible& i, Effects&) {
  const bool visible = i.visible;
  // Shown again (the buyer comes back to the phone): catch up at once, unless a pull just happened.
  if (visible && !state.sync.page_visible && state.sync.last_pull_ms > 0 &&
      state.now_ms - state.sync.last_pull_ms >= MIN_PULL_EVERY_MS) {
    state.sync.last_pull_ms = 0;
  }
  state.sync.page_visible = visible;
}

void Apply(AppState& state, const SetPullEvery& i, Effects&) {
  state.sync.catalog_pull_every_ms = std::max<int64_t>(i.every_ms, MIN_PULL_EVERY_MS);
}

void Apply(AppState&, const TimerFired&, Effects&) {}  // MaybeSync runs after every batch

}  // namespace pasar
