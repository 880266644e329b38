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
    if (effects.want_entropy) batch.insert(batch.begin(), Entropy{Hex(64, 100 + seed++)});
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
    boot.push_back(Entropy{Hex(64, seed)});
    boot.push_back(SetOnline{true});
    for (const auto& f : files) boot.push_back(StoreFile{f.first, f.second});
    boot.push_back(StoreLoaded{false});
    boot.push_back(OtherTab{false});
    boot.push_back(Tick{9 * 60, 1});  // Monday 09:00 WIB
    boot.push_back(RetryLoad{});
    boot.push_back(IndexLoaded{test::PilotIndexText()});
    Apply(boot);
    Apply({MarketLoaded{"pasar-tugu", MarketText("pasar-tugu")}});
  }

  // Acknowledges the first pull (an empty push), so later pushes carry only orders.
  void AnswerPull() {
    REQUIRE(state.sync.in_flight);
    SyncReply reply;
    reply.last_mutation_id = 0;
    reply.cookie = 1;
    std::string body = effects.sync_body;
    Clear();
    Apply({SyncReplied{200, EncodeSyncReply(reply)}});
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
    Apply({OpenProduct{rawit->id}, ChooseStep{250},
           SetText{FIELD_NOTE, "yang merah"}, AddProduct{}});
    const Product* kangkung = Find("Kangkung", rawit->id.substr(0, rawit->id.rfind('.')));
    REQUIRE(kangkung != nullptr);
    Apply({OpenProduct{kangkung->id}, AddProduct{}});
    REQUIRE(state.cart.lines.size() == 2);
    Apply({OpenCart{}, SetArea{"kedaton"},
           SetDeliveryMethod{ParseDeliveryMethod("coop_courier")}});
  }

  void FillCheckout(const std::string& phone) {
    Apply({OpenCheckout{}, SetText{FIELD_NAME, "Bu Sari"},
           SetText{FIELD_PHONE, phone},
           SetText{FIELD_ADDRESS, "Jl. Teuku Umar No. 5, RT 02"},
           SetText{FIELD_LANDMARK, "depan masjid"}});
  }

  // The buyer's usual order (FillCart, FillCheckout with a valid phone), placed with fresh effects.
  void PlaceUsualOrder() {
    FillCart();
    FillCheckout("081234567890");
    Clear();
    Apply({PlaceOrder{}});
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
