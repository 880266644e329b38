// Fixture states for the UI tests of checkout, orders and settings: a cart in a loaded pilot market,
// stored orders in chosen states, and helpers to reach a mirrored item that is scrolled out of view.
#pragma once

#include <catch2/catch.hpp>

#include <set>

#include "ui_harness.h"

namespace pasar::test {

inline std::string MarketFileText(const std::string& market_id) {
  return ReadFile(std::string(PASAR_ASSETS_DIR) + "/catalog/markets/" + market_id + ".json");
}

inline void LoadMarket(Harness& h, const std::string& market_id) {
  h.Apply({MarketLoaded{market_id, MarketFileText(market_id)}});
  REQUIRE(LoadedMarket(h.state, market_id) != nullptr);
}

// Puts `count` available products (first sale step each) of the market into the cart, from different stalls
// when it can.
inline void FillCart(Harness& h, const std::string& market_id, size_t count = 2) {
  LoadMarket(h, market_id);
  const MarketFile* file = LoadedMarket(h.state, market_id);
  for (const Stall& stall : file->stalls) {
    if (h.state.cart.lines.size() >= count) break;
    for (const Product& p : stall.products) {
      if (p.availability == Availability::Habis || p.steps.empty()) continue;
      CartChange change = AddToCart(&h.state.cart, *file, p.id, p.steps[0].qty_milli, "", Substitution::ContactMe);
      if (change.ok()) break;
    }
  }
  REQUIRE(h.state.cart.lines.size() == count);
}

// The first delivery area the market serves.
inline std::string FirstServedArea(const AppState& s, const std::string& market_id) {
  const MarketInfo* market = FindStateMarket(s, market_id);
  REQUIRE(market != nullptr);
  for (const Area& area : s.catalog.index.areas) {
    const int64_t d = FindAreaDistanceM(*market, area.id);
    if (d >= 0 && d <= market->delivery.max_distance_m) return area.id;
  }
  FAIL("no served area");
  return "";
}

inline StoredOrder MakeStoredOrder(const std::string& id, OrderStatus status, int64_t created_at_ms) {
  StoredOrder stored;
  Order& o = stored.order;
  o.id = id;
  o.market_id = "pasar-tugu";
  o.catalog_version = "2026-11-29.1";
  o.created_at_ms = created_at_ms;
  o.buyer_name = "Siti Rahma";
  o.buyer_phone = "+6281234567890";
  o.address = "Jl. Pangeran Antasari No. 12, RT 03/RW 01";
  o.landmark = "depan masjid";
  o.area_id = "kedamaian";
  o.delivery_method = DeliveryMethod::CoopCourier;
  o.payment_method = PaymentMethod::Cod;
  o.handle_weekday = 1;
  o.handle_start_min = 6 * 60;
  OrderLine line;
  line.product_id = "pasar-tugu.s1.p1";
  line.stall_id = "pasar-tugu.s1";
  line.name = "Cabai rawit";
  line.unit = BaseUnit::Kg;
  line.price_rp = 60000;
  line.qty_milli = 250;
  line.weighed = true;
  line.line_total_rp = 15000;
  o.lines.push_back(line);
  o.quoted_subtotal_rp = o.subtotal_rp = 15000;
  o.delivery_fee_rp = 8000;
  o.quoted_total_rp = o.total_rp = 23000;
  o.status = status;
  stored.history.push_back(OrderEvent{OrderStatus::SavedOnPhone, created_at_ms, ""});
  if (status != OrderStatus::SavedOnPhone) stored.history.push_back(OrderEvent{OrderStatus::Sent, created_at_ms + 60000, ""});
  if (status != OrderStatus::SavedOnPhone && status != OrderStatus::Sent) {
    stored.history.push_back(OrderEvent{status, created_at_ms + 600000, ""});
  }
  stored.saved_generation = 1;
  return stored;
}

// A store that has loaded and saved everything up to generation 5.
inline void LoadedStore(Harness& h) {
  h.state.store.loaded = true;
  h.state.store.generation = 5;
  h.state.store.saved_generation = 5;
}

// Drags the scroll area until the item is on screen, below the top bar, with at least 40 px of it visible
// (the mirror's box is already clipped to what a finger can reach); a copy of it.
inline MirrorItem ScrollTo(Harness& h, const std::string& id) {
  const float top_bar_px = 130.0f;
  for (int i = 0; i < 12; i++) {
    const MirrorItem* item = h.FindId(id);
    REQUIRE(item != nullptr);
    if (!item->offscreen && item->y >= top_bar_px && item->h >= 40.0f) return *item;
    const float x = 360.0f;  // a finger in the middle of the screen
    if (item->offscreen && item->y < top_bar_px) {
      h.Drag(x, 500.0f, 900.0f);
    } else {
      h.Drag(x, 1100.0f, 500.0f);
    }
    h.Frames(40);  // inertia settles
  }
  FAIL("could not scroll " << id << " into view");
  return MirrorItem{};
}

// Every mirror id unique; every fully visible interactive item at least 44 CSS px tall (DPR 2); every item named.
inline void CheckMirror(const Harness& h) {
  std::set<std::string> ids;
  for (const MirrorItem& item : h.output.mirror.items) {
    INFO(item.id);
    CHECK(ids.insert(item.id).second);
    CHECK_FALSE(item.name.empty());
    const bool interactive = item.role == MirrorRole::Button || item.role == MirrorRole::Link ||
                             item.role == MirrorRole::TextBox || item.role == MirrorRole::Tab;
    const bool whole = !item.offscreen && item.y > 0.0f && item.y + item.h < 740.0f * 2.0f - 1.0f;
    if (interactive && whole) CHECK(item.h >= 44.0f * 2.0f - 0.5f);
  }
}

}  // namespace pasar::test
