// The buyer's phone as the platform drives it, for the app's native tests: the clock before every batch,
// random bytes when the app asks, a boot with the pilot catalogue, a cart, a checkout, an order.
#pragma once

#include <catch2/catch.hpp>

#include "ui_harness.h"

namespace pasar {

inline std::string MarketText(const std::string& id) {
  return test::ReadFile(std::string(PASAR_ASSETS_DIR) + "/catalog/markets/" + id + ".json");
}

inline std::string Hex(size_t bytes, int seed) {
  std::string out;
  const char* digits = "0123456789abcdef";
  for (size_t i = 0; i < bytes * 2; i++) out += digits[(i * 7 + static_cast<size_t>(seed) * 13 + i / 3) % 16];
  return out;
}

struct Phone {
  AppState state;
  Effects effects;
  int64_t now = 1764401000000;

  int seed = 0;
  // As the platform (ApplyBatchAt: the clock before every batch), with fresh random bytes whenever the app
  // asked for them (the platform's crypto.getRandomValues).
  void Apply(Intents batch) {
    if (effects.want_entropy) batch.insert(batch.begin(), Intent{IntentKind::Entropy, "", Hex(64, 100 + seed++), 0});
    ApplyBatchAt(state, now, batch, effects);
  }
  void Clear() {
    bool want = effects.want_entropy;
    effects = Effects{};
    effects.want_entropy = want;
  }

  // Boot as the platform does: store files (if any), entropy, catalogue, then one market.
  void Boot(const std::vector<std::pair<std::string, std::string>>& files = {}, int seed = 1) {
    Intents boot;
    boot.push_back(Intent{IntentKind::Entropy, "", Hex(64, seed), 0});
    boot.push_back(Intent{IntentKind::SetOnline, "", "", 1});
    for (const auto& f : files) boot.push_back(Intent{IntentKind::StoreFile, f.first, f.second, 0});
    boot.push_back(Intent{IntentKind::StoreLoaded, "", "", 0});
    boot.push_back(Intent{IntentKind::OtherTab, "", "", 0});
    boot.push_back(Intent{IntentKind::Tick, "", "", 9 * 60 * 10 + 1});  // Monday 09:00 WIB
    boot.push_back(Intent{IntentKind::RetryLoad, "", "", 0});
    boot.push_back(Intent{IntentKind::IndexLoaded, "", test::PilotIndexText(), 0});
    Apply(boot);
    Apply({Intent{IntentKind::MarketLoaded, "pasar-tugu", MarketText("pasar-tugu"), 0}});
  }

  // Acknowledges the first pull (an empty push), so later pushes carry only orders.
  void AnswerPull() {
    REQUIRE(state.sync.in_flight);
    SyncReply reply;
    reply.last_mutation_id = 0;
    reply.cookie = 1;
    std::string body = effects.sync_body;
    Clear();
    Apply({Intent{IntentKind::SyncReplied, "", EncodeSyncReply(reply), 200}});
  }

  const Product* Find(const std::string& prefix, const std::string& not_stall = "") {
    const MarketFile* f = LoadedMarket(state, "pasar-tugu");
    for (const Stall& stall : f->stalls) {
      if (stall.id == not_stall) continue;
      for (const Product& p : stall.products) {
        if (p.name.rfind(prefix, 0) == 0 && p.availability != Availability::Habis) return &p;
      }
    }
    return nullptr;
  }

  void FillCart() {
    const Product* rawit = Find("Cabai rawit");
    REQUIRE(rawit != nullptr);
    Apply({Intent{IntentKind::OpenProduct, rawit->id, "", 0}, Intent{IntentKind::ChooseStep, "", "", 250},
           Intent{IntentKind::SetText, FIELD_NOTE, "yang merah", 0}, Intent{IntentKind::AddToCart, "", "", 0}});
    const Product* kangkung = Find("Kangkung", rawit->id.substr(0, rawit->id.rfind('.')));
    REQUIRE(kangkung != nullptr);
    Apply({Intent{IntentKind::OpenProduct, kangkung->id, "", 0}, Intent{IntentKind::AddToCart, "", "", 0}});
    REQUIRE(state.cart.lines.size() == 2);
    Apply({Intent{IntentKind::OpenCart, "", "", 0}, Intent{IntentKind::SetArea, "kedaton", "", 0},
           Intent{IntentKind::SetDeliveryMethod, "coop_courier", "", 0}});
  }

  void FillCheckout(const std::string& phone) {
    Apply({Intent{IntentKind::OpenCheckout, "", "", 0}, Intent{IntentKind::SetText, FIELD_NAME, "Bu Sari", 0},
           Intent{IntentKind::SetText, FIELD_PHONE, phone, 0},
           Intent{IntentKind::SetText, FIELD_ADDRESS, "Jl. Teuku Umar No. 5, RT 02", 0},
           Intent{IntentKind::SetText, FIELD_LANDMARK, "depan masjid", 0}});
  }

  // The buyer's usual order (FillCart, FillCheckout with a valid phone), placed with fresh effects.
  void PlaceUsualOrder() {
    FillCart();
    FillCheckout("081234567890");
    Clear();
    Apply({Intent{IntentKind::PlaceOrder, "", "", 0}});
  }

  std::string FileWritten(const std::string& name) const {
    for (const auto& f : effects.write_files) {
      if (f.first == name) return f.second;
    }
    return "";
  }
};

// A 200 reply acknowledging every mutation of the push in flight as ok.
inline std::string OkReplyFor(const Phone& p, int64_t cookie) {
  SyncReply reply;
  const Outbox& o = p.state.outbox;
  for (const Mutation& m : o.pending) {
    if (m.id > p.state.sync.batch.last_id()) break;
    MutationResult r;
    r.id = m.id;
    r.key = m.key;
    r.status = ResultStatus::Ok;
    r.answer = {{"order_id", m.args.value("order_id", "")}, {"order_status", "sent"}, {"needs_confirm", false}};
    reply.results.push_back(r);
    reply.last_mutation_id = m.id;
  }
  reply.cookie = cookie;
  return EncodeSyncReply(reply);
}


}  // namespace pasar
