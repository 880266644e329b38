#include "ui/words.h"

#include <cstdio>

#include "core/money.h"
#include "core/wib.h"
#include "ui/strings.h"
#include "ui/theme.h"

namespace pasar {

const char* OrderStatusWords(Lang lang, OrderStatus status) {
  switch (status) {
    case OrderStatus::SavedOnPhone: return L(lang, "Tersimpan di HP", "Saved on this phone");
    case OrderStatus::Sent: return L(lang, "Terkirim", "Sent");
    case OrderStatus::Accepted: return L(lang, "Diterima lapak", "Accepted by the stall");
    case OrderStatus::Adjusted: return L(lang, "Disesuaikan lapak", "Adjusted by the stall");
    case OrderStatus::Rejected: return L(lang, "Ditolak lapak", "Rejected by the stall");
    case OrderStatus::Ready: return L(lang, "Siap", "Ready");
    case OrderStatus::PickedUp: return L(lang, "Diambil", "Picked up");
    case OrderStatus::OnTheWay: return L(lang, "Sedang diantar", "On the way");
    case OrderStatus::Delivered: return L(lang, "Sampai", "Delivered");
    case OrderStatus::Cancelled: return L(lang, "Dibatalkan", "Cancelled");
    case OrderStatus::Unknown: break;
  }
  return L(lang, "Status tidak dikenal", "Unknown status");
}

std::string SaveProblemWords(const AppState& state) {
  const StoreState& store = state.store;
  const Lang lang = state.lang;
  if (store.error_code.empty()) return "";
  if (store.error_code == "quota") return L(lang, "penyimpanan HP penuh", "the phone's storage is full");
  return L(lang, "HP menolak menyimpan", "the phone refused to save");
}

std::string StorageNoticeText(const AppState& state) {
  const Lang lang = state.lang;
  if (state.store.error_code.empty()) return "";
  if (state.store.error_code == "quota") {
    return L(lang, "Penyimpanan HP penuh: perubahan terakhir belum tersimpan. Kosongkan ruang (foto, aplikasi); aplikasi mencoba lagi.",
             "Phone storage is full: the latest changes are not saved. Free some space; the app keeps trying.");
  }
  // The browser's own words (store.error_detail, English) stay in logs, never on screen.
  return L(lang, "Gagal menyimpan di HP. Aplikasi mencoba lagi.", "Could not save on this phone. The app keeps trying.");
}

OrderStateWords DescribeOrderState(const AppState& state, const StoredOrder& stored) {
  const Lang lang = state.lang;
  OrderStateWords w;
  switch (ViewOfOrder(state, stored)) {
    case OrderView::Saving:
      w.text = L(lang, "Menyimpan di HP...", "Saving on this phone...");
      w.explanation = L(lang, "Pesanan sedang ditulis ke penyimpanan HP. Jangan tutup halaman ini dulu.",
                        "The order is being written to the phone's storage. Keep this page open for a moment.");
      w.color = colors::TEXT_MUTED;
      break;
    case OrderView::SaveFailed: {
      std::string why = state.store.unavailable ? L(lang, "browser ini tidak mengizinkan penyimpanan", "this browser allows no storage")
                                                : SaveProblemWords(state);
      if (why.empty()) why = L(lang, "HP menolak menyimpan", "the phone refused to save");
      w.text = std::string(L(lang, "Belum tersimpan: ", "Not saved yet: ")) + why;
      w.explanation = L(lang, "HP belum bisa menyimpan pesanan ini. Pesanan tetap ada selama halaman ini terbuka, dan aplikasi terus mencoba menyimpannya.",
                        "The phone could not save this order yet. It stays while this page is open, and the app keeps trying to save it.");
      w.color = colors::ERROR_TEXT;
      break;
    }
    case OrderView::OnPhone:
      w.text = L(lang, "Tersimpan di HP - menunggu sinyal", "Saved on this phone - waiting for signal");
      w.explanation = L(lang, "Pesanan aman di HP ini dan terkirim otomatis saat ada sinyal. Tidak perlu memesan ulang.",
                        "The order is safe on this phone and is sent by itself when there is signal. No need to order again.");
      w.color = colors::ACCENT;
      break;
    case OrderView::Sent:
      w.text = L(lang, "Terkirim", "Sent");
      w.explanation = L(lang, "Pasar Daring sudah menerima pesanan. Menunggu jawaban lapak.",
                        "Pasar Daring has the order. Waiting for the stall's answer.");
      w.color = colors::PRIMARY;
      break;
    case OrderView::Refused:
    {
      std::string product;
      if (auto line = OrderLineOfField(stored.refused_field); line && *line < stored.order.lines.size()) {
        product = stored.order.lines[*line].name;
      }
      w.text = std::string(L(lang, "Ditolak: ", "Refused: ")) + RefusalSentence(lang, stored.refused_code, product);
      w.explanation = L(lang, "Pesanan ini tidak diteruskan ke lapak. Pesan lagi dengan harga hari ini.",
                        "This order did not reach the stall. Order again at today's prices.");
    }
      w.color = colors::ERROR_TEXT;
      break;
    case OrderView::Stall: {
      const OrderStatus status = stored.order.status;
      w.text = OrderStatusWords(lang, status);
      w.color = colors::PRIMARY;
      switch (status) {
        case OrderStatus::Accepted:
          w.explanation = L(lang, "Lapak menerima pesanan dan sedang menyiapkannya.", "The stall accepted the order and is preparing it.");
          break;
        case OrderStatus::Adjusted:
          w.explanation = L(lang, "Lapak menyesuaikan pesanan (berat, harga, atau barang yang habis). Rinciannya ada di bawah.",
                            "The stall adjusted the order (weight, price or sold-out goods). Details below.");
          w.color = colors::ACCENT;
          break;
        case OrderStatus::Rejected:
          w.explanation = L(lang, "Lapak tidak bisa melayani pesanan ini.", "The stall cannot serve this order.");
          w.color = colors::ERROR_TEXT;
          break;
        case OrderStatus::Ready:
          w.explanation = stored.order.delivery_method == DeliveryMethod::Pickup
                              ? L(lang, "Pesanan siap diambil di titik ambil.", "The order is ready at the pickup point.")
                              : L(lang, "Pesanan siap dan menunggu kurir.", "The order is ready and waits for the courier.");
          break;
        case OrderStatus::PickedUp: w.explanation = L(lang, "Pesanan sudah diambil.", "The order was picked up."); break;
        case OrderStatus::OnTheWay: w.explanation = L(lang, "Kurir sedang mengantar pesanan.", "The courier is on the way."); break;
        case OrderStatus::Delivered: w.explanation = L(lang, "Pesanan sudah sampai. Terima kasih!", "The order arrived. Thank you!"); break;
        case OrderStatus::Cancelled:
          w.explanation = L(lang, "Pesanan dibatalkan.", "The order was cancelled.");
          w.color = colors::TEXT_MUTED;
          break;
        default: break;
      }
      if (!stored.order.status_reason.empty() &&
          (status == OrderStatus::Rejected || status == OrderStatus::Adjusted || status == OrderStatus::Cancelled)) {
        w.explanation += std::string(L(lang, " Alasan: ", " Reason: ")) + stored.order.status_reason;
      }
      break;
    }
  }
  return w;
}

std::string PendingChangesText(Lang lang, size_t count) {
  if (count == 0) return L(lang, "Semua perubahan sudah terkirim", "Every change has been sent");
  char buf[80];
  std::snprintf(buf, sizeof(buf), lang == Lang::En ? (count == 1 ? "%zu change waiting to be sent" : "%zu changes waiting to be sent")
                                                   : "%zu perubahan menunggu dikirim",
                count);
  return buf;
}

std::string SyncStatusText(const AppState& state, bool* problem) {
  const Lang lang = state.lang;
  const SyncState& sync = state.sync;
  bool bad = false;
  std::string text;
  if (state.store.other_tab) {
    text = L(lang, "Pengiriman dilakukan oleh tab lain.", "Another tab does the sending.");
  } else if (!sync.online) {
    bad = true;
    text = L(lang, "Tidak ada sinyal - perubahan dikirim saat online lagi.", "Offline - changes are sent when back online.");
  } else if (sync.in_flight) {
    text = L(lang, "Sedang mengirim...", "Sending...");
  } else if (sync.failing_since_ms > 0 || sync.attempt > 0) {
    bad = true;
    const int64_t wait_s = (sync.next_attempt_ms - state.now_ms + 999) / 1000;
    char buf[120];
    if (wait_s > 0) {
      std::snprintf(buf, sizeof(buf), lang == Lang::En ? "Server not reachable - trying again in %lld s" : "Server belum terjangkau - mencoba lagi dalam %lld detik",
                    static_cast<long long>(wait_s));
    } else {
      std::snprintf(buf, sizeof(buf), "%s", L(lang, "Server belum terjangkau - mencoba lagi", "Server not reachable - trying again"));
    }
    text = buf;
  } else if (sync.last_ok_ms > 0) {
    text = std::string(L(lang, "Terakhir terhubung ke server: ", "Last reached the server: ")) + FormatDateTimeWib(lang, sync.last_ok_ms);
  } else {
    text = L(lang, "Belum terhubung ke server.", "Not connected to the server yet.");
  }
  if (problem) *problem = bad;
  return text;
}

std::string FeeProblemWords(Lang lang, const FeeQuote& quote) {
  switch (quote.error) {
    case FeeError::None: return "";
    case FeeError::BelowMinOrder:
      return lang == Lang::En ? "delivery needs an order of at least " + FormatRupiah(quote.min_order_rp) + " (" +
                                    FormatRupiah(quote.missing_rp) + " more)"
                              : "Belanja minimal " + FormatRupiah(quote.min_order_rp) + " untuk diantar (kurang " +
                                    FormatRupiah(quote.missing_rp) + ")";
    case FeeError::TooFar: {
      std::string km = std::to_string(quote.max_distance_m / 1000);
      if (quote.max_distance_m % 1000 != 0) km += "," + std::to_string((quote.max_distance_m % 1000) / 100);
      return lang == Lang::En ? "too far: at most " + km + " km from the market"
                              : "Terlalu jauh: paling jauh " + km + " km dari pasar";
    }
    case FeeError::OutsideZones:
      return L(lang, "Alamat di luar wilayah antar pasar ini", "the address is outside this market's delivery zones");
    case FeeError::MethodNotOffered: return L(lang, "Cara kirim ini tidak tersedia di pasar ini", "this market does not offer it");
    case FeeError::InvalidInput: break;
  }
  return L(lang, "Ongkos kirim tidak bisa dihitung", "the delivery fee cannot be worked out");
}

std::string LoadProblemWords(Lang lang, const LoadError& error, bool market) {
  switch (error.problem) {
    case LoadProblem::None: return "";
    case LoadProblem::Offline:
      return market ? L(lang, "Tidak ada sambungan internet, jadi lapak pasar ini belum bisa dimuat. Coba lagi.",
                        "No internet connection, so this market's stalls could not load. Try again.")
                    : L(lang, "Tidak ada sambungan internet. Periksa data seluler atau Wi-Fi, lalu coba lagi.",
                        "No internet connection. Check mobile data or Wi-Fi, then try again.");
    case LoadProblem::HttpStatus:
      return L(lang, "Pasar Daring sedang bermasalah. Coba lagi sebentar lagi.",
               "Pasar Daring has a problem right now. Try again in a moment.");
    case LoadProblem::Damaged:
      return market ? L(lang, "Data lapak pasar ini rusak. Coba lagi nanti.", "This market's stall data is damaged. Try again later.")
                    : L(lang, "Data pasar rusak. Coba lagi nanti.", "The market data is damaged. Try again later.");
  }
  return "";
}

std::string FormatDateTimeWib(Lang lang, int64_t epoch_ms) {
  static const char* MONTHS_ID[] = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
  static const char* MONTHS_EN[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (epoch_ms <= 0) return "-";
  const WibTime t = WibFromEpochMs(epoch_ms);
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%d %s %d, %s", t.day, (lang == Lang::En ? MONTHS_EN : MONTHS_ID)[t.month - 1], t.year,
                FormatMinutes(t.minute_of_day).c_str());
  return buf;
}

std::string FormatClockWib(int64_t epoch_ms) {
  return FormatMinutes(WibFromEpochMs(epoch_ms).minute_of_day);
}

std::string FormatMinutes(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%02d.%02d", minutes / 60, minutes % 60);
  return buf;
}

std::string FormatBytes(int64_t bytes) {
  char buf[32];
  if (bytes < 0) return "?";
  if (bytes < 1024) {
    std::snprintf(buf, sizeof(buf), "%lld B", static_cast<long long>(bytes));
  } else if (bytes < 1024 * 1024) {
    std::snprintf(buf, sizeof(buf), "%lld KB", static_cast<long long>((bytes + 512) / 1024));
  } else {
    const int64_t tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
    const int64_t gb_tenths = (bytes * 10 + 512 * 1024 * 1024) / (1024 * 1024 * 1024);
    if (gb_tenths >= 100) {  // a browser's quota is often many GB: "10 GB", not "10241 MB"
      std::snprintf(buf, sizeof(buf), "%lld GB", static_cast<long long>(gb_tenths / 10));
    } else if (tenths >= 10240) {
      std::snprintf(buf, sizeof(buf), "%lld,%lld GB", static_cast<long long>(gb_tenths / 10), static_cast<long long>(gb_tenths % 10));
    } else if (tenths >= 1000) {
      std::snprintf(buf, sizeof(buf), "%lld MB", static_cast<long long>(tenths / 10));
    } else {
      std::snprintf(buf, sizeof(buf), "%lld,%lld MB", static_cast<long long>(tenths / 10), static_cast<long long>(tenths % 10));
    }
  }
  return buf;
}

const char* DeliveryMethodLabel(Lang lang, DeliveryMethod m) {
  switch (m) {
    case DeliveryMethod::Pickup: return L(lang, "Ambil sendiri di titik ambil", "Pick up at the pickup point");
    case DeliveryMethod::CoopCourier: return L(lang, "Kurir koperasi pasar", "Market cooperative courier");
    case DeliveryMethod::Ojek: return L(lang, "Ojek daring", "Online ojek");
    case DeliveryMethod::Stall: return L(lang, "Diantar pedagang", "Delivered by the stall");
    default: return "?";
  }
}

const char* PaymentLabel(Lang lang, PaymentMethod method) {
  switch (method) {
    case PaymentMethod::Cod: return L(lang, "Bayar di tempat (COD)", "Cash on delivery (COD)");
    case PaymentMethod::Qris: return "QRIS";
    case PaymentMethod::Transfer: return L(lang, "Transfer bank", "Bank transfer");
    case PaymentMethod::Unknown: break;
  }
  return L(lang, "Belum dipilih", "Not chosen");
}

const char* SubstitutionShortLabel(Lang lang, Substitution s) {
  switch (s) {
    case Substitution::ReplaceSimilar: return L(lang, "kalau habis: ganti serupa", "if sold out: similar");
    case Substitution::CancelItem: return L(lang, "kalau habis: batalkan", "if sold out: cancel");
    default: return L(lang, "kalau habis: hubungi saya", "if sold out: contact me");
  }
}

std::string ScheduleSentence(Lang lang, const MarketInfo& market, int now_min, int weekday) {
  if (now_min < 0) return "";
  OrderSchedule when = ScheduleOrder(market.hours, now_min, weekday);
  const std::string at = FormatMinutes(when.start_min);
  switch (when.kind) {
    case ScheduleKind::Now: return L(lang, "Diproses hari ini, segera setelah lapak menerimanya.", "Handled today, as soon as the stall accepts it.");
    case ScheduleKind::LaterToday:
      return lang == Lang::En ? "The market is not open yet: handled today from " + at + " WIB."
                              : "Pasar belum buka: diproses hari ini mulai pukul " + at + " WIB.";
    case ScheduleKind::NextDay:
      return lang == Lang::En ? std::string("Past today's cut-off: handled ") + WeekdayName(lang, when.weekday) + " from " + at + " WIB."
                              : std::string("Sudah lewat batas pesan: diproses hari ") + WeekdayName(lang, when.weekday) + " mulai pukul " + at + " WIB.";
  }
  return "";
}

}  // namespace pasar
