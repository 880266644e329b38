// The files that keep the buyer's state on the phone (app_orders.h, PERSISTENCE): encoding, decoding,
// loading at start, and saving through Effects.
#include <algorithm>
#include <limits>

#include "app/app_internal.h"

namespace pasar {
namespace {

const char* LangName(Lang lang) { return lang == Lang::En ? "en" : "id"; }

Json EncodeStoredOrder(const StoredOrder& s) {
  Json history = Json::array();
  for (const OrderEvent& e : s.history) {
    history.push_back({{"status", OrderStatusName(e.status)}, {"at_ms", e.at_ms}, {"note", e.note}});
  }
  return Json{{"order", EncodeOrderJson(s.order)}, {"history", std::move(history)},
              {"refused", s.refused}, {"refused_code", s.refused_code}, {"refused_field", s.refused_field},
              {"refused_message", s.refused_message}, {"needs_confirm", s.needs_confirm}, {"cancel_key", s.cancel_key}};
}

// The phone's own files are read with core/decode.h's helpers; their text fields have limits of their own.
constexpr size_t UTF8_MAX_BYTES_PER_CHAR = 4;  // a limit in characters bounds the bytes at 4x
constexpr size_t MAX_STORED_TEXT_BYTES = 2000;  // a history note, the server's message
constexpr int64_t ANY_INT_MIN = std::numeric_limits<int64_t>::min();
constexpr int64_t ANY_INT_MAX = std::numeric_limits<int64_t>::max();

bool DecodeStoredOrder(const Json& v, const std::string& path, StoredOrder* out, DecodeError* error) {
  if (!ExpectObject(v, path, error)) return false;
  auto order = v.find("order");
  if (order == v.end() || !order->is_object()) return Fail(error, JoinPath(path, "order"), "must be an object");
  Decoded<Order> decoded = DecodeOrder(DumpJson(*order));
  if (!decoded.ok) {
    DecodeError inner = decoded.error;
    return Fail(error, JoinPath(JoinPath(path, "order"), inner.path), inner.message);
  }
  out->order = std::move(decoded.value);
  auto history = v.find("history");
  if (history != v.end()) {
    if (!history->is_array()) return Fail(error, JoinPath(path, "history"), "must be an array");
    for (size_t i = 0; i < history->size(); i++) {
      const Json& e = (*history)[i];
      std::string epath = IndexPath(JoinPath(path, "history"), i);
      if (!e.is_object()) return Fail(error, epath, "must be an object");
      OrderEvent event;
      std::string status;
      if (!ReadOptionalText(e, epath, "status", MAX_ID_BYTES, &status, error)) return false;
      if (ParseOrderStatus(status) == OrderStatus::Unknown) return Fail(error, JoinPath(epath, "status"), "must be an order status");
      event.status = ParseOrderStatus(status);
      if (!ReadOptionalInt(e, epath, "at_ms", ANY_INT_MIN, ANY_INT_MAX, &event.at_ms, nullptr, error) ||
          !ReadOptionalText(e, epath, "note", MAX_STORED_TEXT_BYTES, &event.note, error)) {
        return false;
      }
      out->history.push_back(std::move(event));
    }
  }
  if (!ReadOptionalBool(v, path, "refused", &out->refused, error) ||
      !ReadOptionalText(v, path, "refused_code", 100, &out->refused_code, error) ||
      !ReadOptionalText(v, path, "refused_field", 200, &out->refused_field, error) ||
      !ReadOptionalText(v, path, "refused_message", MAX_STORED_TEXT_BYTES, &out->refused_message, error) ||
      !ReadOptionalBool(v, path, "needs_confirm", &out->needs_confirm, error) ||
      !ReadOptionalText(v, path, "cancel_key", 100, &out->cancel_key, error)) {
    return false;
  }
  if (!out->cancel_key.empty() && !IsValidMutationKey(out->cancel_key)) {
    return Fail(error, JoinPath(path, "cancel_key"), "must be a mutation key");
  }
  return true;
}

void NoteDamaged(AppState& state, const std::string& name, const std::string& content, const DecodeError& error,
                 Effects& effects) {
  // Kept aside under another name, never overwritten by the fresh file that replaces it.
  state.store.damaged.push_back(name + ": " + FormatDecodeError(error));
  effects.write_files.emplace_back(name + ".damaged", content);
}

}  // namespace

std::string EncodeOrdersFile(const std::vector<StoredOrder>& orders) {
  Json doc = Json::object();
  doc["format_version"] = ORDERS_FILE_VERSION;
  Json list = Json::array();
  for (const StoredOrder& s : orders) list.push_back(EncodeStoredOrder(s));
  doc["orders"] = std::move(list);
  return DumpJson(doc);
}

Decoded<std::vector<StoredOrder>> DecodeOrdersFile(std::string_view text) {
  Decoded<std::vector<StoredOrder>> out;
  Json doc = ParseVersionedDocument(text, ORDERS_FILE_VERSION, " (this app reads orders format 1)", &out.error);
  if (doc.is_discarded()) return out;
  auto list = doc.find("orders");
  if (list == doc.end() || !list->is_array()) {
    Fail(&out.error, "orders", "must be an array");
    return out;
  }
  if (list->size() > MAX_STORED_ORDERS) {
    Fail(&out.error, "orders", "must hold at most " + std::to_string(MAX_STORED_ORDERS) + " orders");
    return out;
  }
  for (size_t i = 0; i < list->size(); i++) {
    StoredOrder stored;
    if (!DecodeStoredOrder((*list)[i], IndexPath("orders", i), &stored, &out.error)) return out;
    for (const StoredOrder& other : out.value) {
      if (other.order.id == stored.order.id) {
        Fail(&out.error, IndexPath("orders", i) + ".order.id", "must be unique");
        return out;
      }
    }
    out.value.push_back(std::move(stored));
  }
  out.ok = true;
  return out;
}

std::string EncodePrefsFile(const AppState& s) {
  Json doc = Json::object();
  doc["format_version"] = PREFS_FILE_VERSION;
  doc["lang"] = LangName(s.lang);
  Json cart = ParseJsonText(EncodeCart(s.cart), nullptr);
  doc["cart"] = cart.is_discarded() ? Json() : cart;
  const CheckoutForm& f = s.checkout.form;
  doc["buyer"] = {{"name", f.name}, {"phone", f.phone}, {"address", f.address}, {"landmark", f.landmark}};
  doc["payment"] = PaymentMethodName(f.payment_method);
  doc["delivery_method"] = DeliveryMethodName(s.delivery_method);
  doc["area_id"] = s.area_id;
  doc["cookie"] = s.sync.cookie ? Json(*s.sync.cookie) : Json(nullptr);
  doc["catalog_version"] = s.sync.catalog_version;
  Json patches = Json::array();
  for (const ProductPatch& p : s.product_patches) {
    patches.push_back({{"product_id", p.product_id}, {"price_rp", p.price_rp}, {"price_date", p.price_date},
                       {"availability", AvailabilityName(p.availability)}});
  }
  doc["product_patches"] = std::move(patches);
  Json stalls = Json::array();
  for (const StallPatch& p : s.stall_patches) stalls.push_back({{"stall_id", p.stall_id}, {"open", p.open}});
  doc["stall_patches"] = std::move(stalls);
  return DumpJson(doc);
}

bool DecodePrefsFile(std::string_view file_text, AppState* s, DecodeError* error) {
  Json doc = ParseVersionedDocument(file_text, PREFS_FILE_VERSION, " (this app reads settings format 1)", error);
  if (doc.is_discarded()) return false;
  AppState next = *s;
  std::string lang = "id";
  if (!ReadOptionalText(doc, "", "lang", 8, &lang, nullptr) || (lang != "id" && lang != "en")) return Fail(error, "lang", "must be \"id\" or \"en\"");
  next.lang = lang == "en" ? Lang::En : Lang::Id;
  auto cart = doc.find("cart");
  if (cart != doc.end() && !cart->is_null()) {
    Decoded<Cart> decoded = DecodeCart(DumpJson(*cart));
    if (!decoded.ok) return Fail(error, JoinPath("cart", decoded.error.path), decoded.error.message);
    if (next.cart.lines.empty()) next.cart = std::move(decoded.value);  // a cart filled before the load wins
  }
  auto buyer = doc.find("buyer");
  if (buyer != doc.end()) {
    if (!buyer->is_object()) return Fail(error, "buyer", "must be an object");
    CheckoutForm& f = next.checkout.form;
    if (!ReadOptionalText(*buyer, "buyer", "name", UTF8_MAX_BYTES_PER_CHAR * MAX_BUYER_NAME_CHARS, &f.name, error) ||
        !ReadOptionalText(*buyer, "buyer", "phone", 40, &f.phone, error) ||
        !ReadOptionalText(*buyer, "buyer", "address", UTF8_MAX_BYTES_PER_CHAR * MAX_ADDRESS_CHARS, &f.address, error) ||
        !ReadOptionalText(*buyer, "buyer", "landmark", UTF8_MAX_BYTES_PER_CHAR * MAX_LANDMARK_CHARS, &f.landmark, error)) {
      return false;
    }
  }
  std::string text;
  if (!ReadOptionalText(doc, "", "payment", 20, &text, error)) return false;
  next.checkout.form.payment_method = ParsePaymentMethod(text) == PaymentMethod::Unknown ? PaymentMethod::Cod : ParsePaymentMethod(text);
  text.clear();
  if (!ReadOptionalText(doc, "", "delivery_method", 20, &text, error)) return false;
  if (ParseDeliveryMethod(text) != DeliveryMethod::Unknown) next.delivery_method = ParseDeliveryMethod(text);
  if (!ReadOptionalText(doc, "", "area_id", MAX_ID_BYTES, &next.area_id, error)) return false;
  auto cookie = doc.find("cookie");
  if (cookie != doc.end() && !cookie->is_null()) {
    if (!cookie->is_number_integer() || cookie->get<int64_t>() < 0) return Fail(error, "cookie", "must be null or an integer >= 0");
    next.sync.cookie = cookie->get<int64_t>();
  }
  if (!ReadOptionalText(doc, "", "catalog_version", MAX_ID_BYTES, &next.sync.catalog_version, error)) return false;
  auto patches = doc.find("product_patches");
  if (patches != doc.end()) {
    if (!patches->is_array()) return Fail(error, "product_patches", "must be an array");
    next.product_patches.clear();
    for (size_t i = 0; i < patches->size(); i++) {
      const Json& p = (*patches)[i];
      std::string path = IndexPath("product_patches", i);
      ProductPatch patch;
      std::string availability;
      if (!p.is_object() || !ReadOptionalText(p, path, "product_id", MAX_ID_BYTES, &patch.product_id, nullptr) ||
          patch.product_id.empty() || !ReadInt(p, path, "price_rp", 1, ANY_INT_MAX, &patch.price_rp, nullptr) ||
          !ReadOptionalText(p, path, "price_date", 10, &patch.price_date, nullptr) ||
          !ReadOptionalText(p, path, "availability", 20, &availability, nullptr)) {
        return Fail(error, path, "must be {product_id, price_rp > 0, price_date, availability}");
      }
      patch.availability = ParseAvailability(availability);
      next.product_patches.push_back(std::move(patch));
    }
  }
  auto stalls = doc.find("stall_patches");  // absent in files written before stall patches existed
  if (stalls != doc.end()) {
    if (!stalls->is_array()) return Fail(error, "stall_patches", "must be an array");
    next.stall_patches.clear();
    for (size_t i = 0; i < stalls->size(); i++) {
      const Json& p = (*stalls)[i];
      StallPatch patch;
      const std::string path = IndexPath("stall_patches", i);
      if (!p.is_object() || !ReadOptionalText(p, path, "stall_id", MAX_ID_BYTES, &patch.stall_id, nullptr) ||
          patch.stall_id.empty() || !ReadBool(p, path, "open", &patch.open, nullptr)) {
        return Fail(error, path, "must be {stall_id, open: true or false}");
      }
      next.stall_patches.push_back(std::move(patch));
    }
  }
  *s = std::move(next);
  return true;
}

void SaveFiles(AppState& state, Effects& effects, unsigned files, bool flush) {
  if (!state.store.loaded || state.store.other_tab) return;
  state.store.generation++;
  if (files & SAVE_APPENDED) {
    files |= SAVE_OUTBOX;
    state.store.outbox_generation = state.store.generation;
  }
  if (state.store.unavailable) return;  // memory only: the screens say so
  auto put = [&effects](const char* name, std::string content) {
    for (auto& file : effects.write_files) {
      if (file.first == name) {
        file.second = std::move(content);
        return;
      }
    }
    effects.write_files.emplace_back(name, std::move(content));
  };
  if (files & SAVE_OUTBOX) put(FILE_OUTBOX, EncodeOutbox(state.outbox));
  if (files & SAVE_ORDERS) put(FILE_ORDERS, EncodeOrdersFile(state.orders));
  if (files & SAVE_PREFS) put(FILE_PREFS, EncodePrefsFile(state));
  effects.save_generation = state.store.generation;
  if (flush) effects.flush_now = true;
}

void ApplyStoreLoaded(AppState& state, bool unavailable, Effects& effects) {
  if (state.store.loaded) return;
  StoreState& store = state.store;
  store.loaded = true;
  store.unavailable = unavailable;
  std::vector<std::pair<std::string, std::string>> files;
  files.swap(store.files_at_start);
  for (const auto& [name, content] : files) {
    if (name == FILE_OUTBOX) {
      Decoded<Outbox> decoded = DecodeOutbox(content);
      if (decoded.ok) {
        state.outbox = std::move(decoded.value);
      } else {
        NoteDamaged(state, name, content, decoded.error, effects);
      }
    } else if (name == FILE_ORDERS) {
      Decoded<std::vector<StoredOrder>> decoded = DecodeOrdersFile(content);
      if (decoded.ok) {
        state.orders = std::move(decoded.value);
      } else {
        NoteDamaged(state, name, content, decoded.error, effects);
      }
    } else if (name == FILE_PREFS) {
      DecodeError error;
      if (!DecodePrefsFile(content, &state, &error)) NoteDamaged(state, name, content, error, effects);
    }
  }
  if (!store.damaged.empty()) {
    SetNotice(state, NoticeCode::StorageDamaged, true);
    SaveFiles(state, effects, SAVE_ALL, true);  // fresh, valid files beside the kept copies
  }
  ReapplyCatalogPatches(state);
  effects.want_estimate = true;
}

void ApplyStoreSaved(AppState& state, int64_t generation, const std::string& error_code, const std::string& detail,
                     Effects& effects) {
  StoreState& store = state.store;
  if (error_code.empty()) {
    store.saved_generation = std::max(store.saved_generation, generation);
    const bool had_error = !store.error_code.empty();
    store.error_code.clear();
    store.error_detail.clear();
    if (had_error && state.notice.error) state.notice = Notice{};
    if (!store.persist_asked && !state.orders.empty()) {
      store.persist_asked = true;  // asked after the first real save, as browsers expect
      effects.ask_persist = true;
    }
    return;
  }
  store.error_code = error_code == "quota" ? "quota" : "io";
  store.error_detail = TruncateUtf8(detail, 300);
  // The browser's detail stays in store.error_detail for logs; the buyer is told what happened in words.
  SetNotice(state, store.error_code == "quota" ? NoticeCode::StorageFull : NoticeCode::StorageFailed, true);
}

}  // namespace pasar
