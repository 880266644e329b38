// The files that keep the buyer's state on the phone (app_orders.h, PERSISTENCE): encoding, decoding,
// loading at start, and saving through Effects.
#include <algorithm>

#include "app/app_internal.h"

namespace pasar {
namespace {

const char* LangName(Lang lang) { return lang == Lang::En ? "en" : "id"; }

Json EncodeStoredOrder(const StoredOrder& s) {
  Json j = Json::object();
  j["order"] = EncodeOrderJson(s.order);
  Json history = Json::array();
  for (const OrderEvent& e : s.history) {
    history.push_back({{"status", OrderStatusName(e.status)}, {"at_ms", e.at_ms}, {"note", e.note}});
  }
  j["history"] = std::move(history);
  j["refused"] = s.refused;
  j["refused_code"] = s.refused_code;
  j["refused_field"] = s.refused_field;
  j["refused_message"] = s.refused_message;
  j["needs_confirm"] = s.needs_confirm;
  j["cancel_key"] = s.cancel_key;
  return j;
}

bool ReadBool(const Json& obj, const char* key, bool* out) {
  auto it = obj.find(key);
  if (it == obj.end()) return true;
  if (!it->is_boolean()) return false;
  *out = it->get<bool>();
  return true;
}

constexpr size_t UTF8_MAX_BYTES_PER_CHAR = 4;  // a limit in characters bounds the bytes at 4x

bool ReadString(const Json& obj, const char* key, std::string* out, size_t max_bytes = 2000) {
  auto it = obj.find(key);
  if (it == obj.end()) return true;
  if (!it->is_string()) return false;
  const std::string& text = it->get_ref<const std::string&>();
  if (text.size() > max_bytes || !IsCleanText(text)) return false;
  *out = text;
  return true;
}

bool ReadInt(const Json& obj, const char* key, int64_t* out) {
  auto it = obj.find(key);
  if (it == obj.end()) return true;
  if (!it->is_number_integer()) return false;
  *out = it->get<int64_t>();
  return true;
}

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
      if (!ReadString(e, "status", &status) || ParseOrderStatus(status) == OrderStatus::Unknown) {
        return Fail(error, JoinPath(epath, "status"), "must be an order status");
      }
      event.status = ParseOrderStatus(status);
      if (!ReadInt(e, "at_ms", &event.at_ms)) return Fail(error, JoinPath(epath, "at_ms"), "must be an integer");
      if (!ReadString(e, "note", &event.note)) return Fail(error, JoinPath(epath, "note"), "must be clean text");
      out->history.push_back(std::move(event));
    }
  }
  if (!ReadBool(v, "refused", &out->refused)) return Fail(error, JoinPath(path, "refused"), "must be true or false");
  if (!ReadString(v, "refused_code", &out->refused_code, 100)) return Fail(error, JoinPath(path, "refused_code"), "must be clean text");
  if (!ReadString(v, "refused_field", &out->refused_field, 200)) return Fail(error, JoinPath(path, "refused_field"), "must be clean text");
  if (!ReadString(v, "refused_message", &out->refused_message)) return Fail(error, JoinPath(path, "refused_message"), "must be clean text");
  if (!ReadBool(v, "needs_confirm", &out->needs_confirm)) return Fail(error, JoinPath(path, "needs_confirm"), "must be true or false");
  if (!ReadString(v, "cancel_key", &out->cancel_key, 100)) return Fail(error, JoinPath(path, "cancel_key"), "must be clean text");
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
  if (!ReadString(doc, "lang", &lang, 8) || (lang != "id" && lang != "en")) return Fail(error, "lang", "must be \"id\" or \"en\"");
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
    if (!ReadString(*buyer, "name", &f.name, UTF8_MAX_BYTES_PER_CHAR * MAX_BUYER_NAME_CHARS)) return Fail(error, "buyer.name", "must be clean text");
    if (!ReadString(*buyer, "phone", &f.phone, 40)) return Fail(error, "buyer.phone", "must be clean text");
    if (!ReadString(*buyer, "address", &f.address, UTF8_MAX_BYTES_PER_CHAR * MAX_ADDRESS_CHARS)) return Fail(error, "buyer.address", "must be clean text");
    if (!ReadString(*buyer, "landmark", &f.landmark, UTF8_MAX_BYTES_PER_CHAR * MAX_LANDMARK_CHARS)) return Fail(error, "buyer.landmark", "must be clean text");
  }
  std::string text;
  if (!ReadString(doc, "payment", &text, 20)) return Fail(error, "payment", "must be text");
  next.checkout.form.payment_method = ParsePaymentMethod(text) == PaymentMethod::Unknown ? PaymentMethod::Cod : ParsePaymentMethod(text);
  text.clear();
  if (!ReadString(doc, "delivery_method", &text, 20)) return Fail(error, "delivery_method", "must be text");
  if (ParseDeliveryMethod(text) != DeliveryMethod::Unknown) next.delivery_method = ParseDeliveryMethod(text);
  if (!ReadString(doc, "area_id", &next.area_id, MAX_ID_BYTES)) return Fail(error, "area_id", "must be an id");
  auto cookie = doc.find("cookie");
  if (cookie != doc.end() && !cookie->is_null()) {
    if (!cookie->is_number_integer() || cookie->get<int64_t>() < 0) return Fail(error, "cookie", "must be null or an integer >= 0");
    next.sync.cookie = cookie->get<int64_t>();
  }
  if (!ReadString(doc, "catalog_version", &next.sync.catalog_version, MAX_ID_BYTES)) return Fail(error, "catalog_version", "must be text");
  auto patches = doc.find("product_patches");
  if (patches != doc.end()) {
    if (!patches->is_array()) return Fail(error, "product_patches", "must be an array");
    next.product_patches.clear();
    for (size_t i = 0; i < patches->size(); i++) {
      const Json& p = (*patches)[i];
      std::string path = IndexPath("product_patches", i);
      ProductPatch patch;
      std::string availability;
      if (!p.is_object() || !ReadString(p, "product_id", &patch.product_id, MAX_ID_BYTES) || patch.product_id.empty() ||
          !ReadInt(p, "price_rp", &patch.price_rp) || patch.price_rp <= 0 ||
          !ReadString(p, "price_date", &patch.price_date, 10) || !ReadString(p, "availability", &availability, 20)) {
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
      auto open = p.is_object() ? p.find("open") : p.end();
      if (!p.is_object() || !ReadString(p, "stall_id", &patch.stall_id, MAX_ID_BYTES) || patch.stall_id.empty() ||
          open == p.end() || !open->is_boolean()) {
        return Fail(error, IndexPath("stall_patches", i), "must be {stall_id, open: true or false}");
      }
      patch.open = open->get<bool>();
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
    state.notice = Notice{};
    state.notice.text_id = "Sebagian data di HP ini rusak dan disimpan terpisah; pesanan lain tetap aman.";
    state.notice.text_en = "Some data on this phone was damaged and was kept aside; other orders are safe.";
    state.notice.error = true;
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
  state.notice = Notice{};
  if (store.error_code == "quota") {
    state.notice.text_id = "Penyimpanan HP penuh, jadi perubahan terakhir belum tersimpan. Hapus foto atau aplikasi "
                           "yang tidak dipakai, lalu buka lagi. Data yang sudah tersimpan tetap aman.";
    state.notice.text_en = "This phone's storage is full, so the latest change is not saved yet. Free some space, "
                           "then open the app again. What was saved before is safe.";
  } else {
    state.notice.text_id = "Gagal menyimpan di HP (" + store.error_detail + "). Data yang sudah tersimpan tetap aman.";
    state.notice.text_en = "Could not save on this phone (" + store.error_detail + "). What was saved before is safe.";
  }
  state.notice.error = true;
}

}  // namespace pasar
