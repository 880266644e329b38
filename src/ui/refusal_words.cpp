// The server's refusals in the buyer's words. serve.py refuses with a stable `code` (README, "Sync wire
// format"), a `field` path and an English `message` for developers; a buyer sees none of those three. This
// table is the one place that turns a code into a sentence, in plain Indonesian as a market trader says
// it (and English), naming the order line's product when the field points at one.
#include <cstring>

#include "ui/strings.h"
#include "ui/words.h"

namespace pasar {
namespace {

// `{x}` stands for the product the refusal names ("Cabai rawit"); without one, the `any` words
// ("Salah satu barang") take its place, so every sentence reads whole either way.
struct Refusal {
  const char* code;
  const char* id;
  const char* en;
};

// Words several codes share, both languages together.
struct Words {
  const char* id;
  const char* en;
};
// Refusals of a request this build made wrong, or a server newer than this app: the way out is the update.
constexpr Words UPDATE = {"Aplikasi ini perlu diperbarui. Muat ulang halaman.", "This app needs an update. Reload the page."};
constexpr Words CLASH = {"Pesanan ini bentrok dengan pesanan lain dari HP ini. Pesan lagi.",
                         "This order clashes with another from this phone. Order again."};
constexpr Words ANY = {"Salah satu barang", "One of the goods"};

const Refusal REFUSALS[] = {
    // place_order
    {"stall_closed", "{x}: lapaknya sedang tutup. Hapus barang ini lalu pesan lagi.",
     "{x}: its stall is closed for now. Remove it and order again."},
    {"sold_out", "{x} sudah habis. Hapus barang ini atau pilih yang lain, lalu pesan lagi.",
     "{x} is sold out. Remove it or choose another, then order again."},
    {"price_mismatch", "Harga {x} sudah berubah. Pesan lagi dengan harga hari ini.",
     "The price of {x} has changed. Order again at today's price."},
    {"unknown_product", "{x} tidak dijual lagi. Pesan lagi tanpa barang ini.",
     "{x} is no longer sold. Order again without it."},
    {"other_market_product", "{x} dari pasar lain. Satu pesanan hanya dari satu pasar.",
     "{x} is from another market. One order comes from one market only."},
    {"invalid_quantity", "Jumlah {x} tidak bisa dilayani. Ubah jumlahnya lalu pesan lagi.",
     "The amount of {x} cannot be served. Change it and order again."},
    {"unknown_market", "Pasar ini tidak ada lagi di daftar. Pilih pasar lain.",
     "This market is no longer listed. Choose another market."},
    {"unknown_catalog_version", "Daftar harga di HP ini sudah terlalu lama. Buka pasar lagi lalu pesan ulang.",
     "The price list on this phone is too old. Open the market again and order again."},
    {"order_exists", "Pesanan ini sudah diterima sebelumnya. Lihat di Pesanan saya.",
     "This order was received before. See My orders."},
    {"unknown_area", "Pasar ini tidak mengantar ke kecamatan itu. Pilih kecamatan lain atau ambil sendiri.",
     "This market does not deliver to that district. Choose another or pick up yourself."},
    {"method_not_offered", "Cara terima ini tidak ada di pasar ini. Pilih cara lain.",
     "This market does not offer that way of receiving. Choose another."},
    {"too_far", "Alamat terlalu jauh untuk diantar. Pilih ambil sendiri atau kecamatan yang lebih dekat.",
     "The address is too far to deliver. Pick up yourself or choose a nearer district."},
    {"outside_zones", "Alamat di luar wilayah antar pasar ini. Pilih ambil sendiri.",
     "The address is outside this market's delivery area. Pick up yourself."},
    {"below_min_order", "Belanjaan belum mencapai minimal pesanan pasar ini. Tambah barang lalu pesan lagi.",
     "The order is below this market's minimum. Add goods and order again."},
    {"invalid_phone", "Nomor HP tidak bisa dipakai. Periksa nomornya lalu pesan lagi.",
     "The phone number cannot be used. Check it and order again."},
    {"quote_mismatch", "Total belanja sudah berubah. Periksa keranjang lalu pesan lagi.",
     "The total has changed. Check the cart and order again."},
    {"invalid_args", "Isian pesanan tidak lengkap atau salah. Periksa keranjang dan data diri, lalu pesan lagi.",
     "Something in the order is missing or wrong. Check the cart and your details, then order again."},
    {"product_hidden", "{x} tidak dijual lagi oleh lapaknya. Hapus barang ini lalu pesan lagi.",
     "{x} is no longer sold by its stall. Remove it and order again."},
    {"stall_paused", "{x}: lapaknya sedang berhenti menerima pesanan. Hapus barang ini lalu pesan lagi.",
     "{x}: its stall has stopped taking orders for now. Remove it and order again."},
    {"rules_changed", "Ongkos kirim pasar ini sudah berubah. Periksa ongkirnya lalu pesan lagi.",
     "This market's delivery fees have changed. Check the fee and order again."},
    // cancel_order
    {"not_found", "Pesanan ini tidak ditemukan.", "This order was not found."},
    {"not_cancellable", "Pesanan sudah dalam perjalanan atau selesai, jadi tidak bisa dibatalkan lagi.",
     "The order is already on its way or finished, so it can no longer be cancelled."},
    // the stall's and the cooperative's changes
    {"forbidden", "Akun ini tidak boleh mengubah itu.", "This account may not change that."},
    {"unknown_stall", "Lapak ini tidak ada di daftar.", "This stall is not listed."},
    {"invalid_transition", "Keadaan pesanan sudah berubah. Lihat keadaannya sekarang.",
     "The order's state has changed. See where it stands now."},
    {"unknown_line", "Barang itu tidak ada di pesanan ini.", "That item is not in this order."},
    {"invalid_price", "Harga itu tidak bisa dipakai.", "That price cannot be used."},
    {"price_not_adjustable", "Harga {x} tidak bisa diubah lagi.", "The price of {x} can no longer be changed."},
    {"not_adjustable", "Pesanan ini tidak bisa diubah lagi.", "This order can no longer be changed."},
    {"price_moved", "Harga {x} sudah diubah dari HP lain. Lihat harganya sekarang, lalu putuskan.",
     "The price of {x} was changed from another phone. See the price now, then decide."},
    {"invalid_until", "Jam buka lagi tidak bisa dipakai. Pilih jam nanti, paling lama sebulan.",
     "That reopening time cannot be used. Choose a later time, at most a month ahead."},
    {"unknown_category", "Jenis barang itu tidak ada di daftar. Pilih jenis lain.",
     "That kind of goods is not listed. Choose another kind."},
    {"product_exists", "Barang dengan nama itu sudah ada di lapak ini.", "Goods with that name are already at this stall."},
    {"too_many_products", "Lapak ini sudah penuh barang. Sembunyikan barang lama dulu.",
     "This stall has too many goods. Hide old ones first."},
    {"stall_exists", "Lapak dengan nama itu sudah ada di pasar ini.", "A stall with that name is already listed."},
    {"too_many_stalls", "Daftar lapak pasar ini sudah penuh.", "This market's list of stalls is full."},
    {"unknown_courier", "Kurir ini tidak ada di daftar.", "This courier is not listed."},
    {"courier_exists", "Kurir dengan nomor HP itu sudah terdaftar.", "A courier with that phone number is listed."},
    {"too_many_couriers", "Daftar kurir sudah penuh. Nonaktifkan kurir lama dulu.",
     "The list of couriers is full. Deactivate an old one first."},
    {"courier_inactive", "Kurir ini sudah dinonaktifkan.", "This courier was deactivated."},
    {"method_repeated", "Cara antar yang sama tertulis dua kali. Hapus salah satunya.",
     "The same delivery method is listed twice. Remove one."},
    {"invalid_fee_rule", "Aturan ongkir belum benar. Periksa angkanya lalu simpan lagi.",
     "The fee rule is not right yet. Check the numbers and save again."},
    {"invalid_time", "Jam ditulis seperti 05:00.", "Write times like 05:00."},
    {"invalid_hours", "Jam tutup harus sesudah jam buka, dan batas pesan di antara keduanya.",
     "Closing must come after opening, with the order cut-off in between."},
    {"wrong_pin", "PIN lama salah.", "The current PIN is wrong."},
    {"same_pin", "PIN baru sama dengan PIN lama. Pilih PIN lain.", "The new PIN is the same as the old one. Choose another."},
    {"invalid_pin", "PIN harus 6 sampai 12 angka.", "A PIN is 6 to 12 digits."},
    {"unknown_mutation", UPDATE.id, UPDATE.en},
    // the whole request
    {"unauthorized", "Masuk lagi untuk mengirim perubahan.", "Sign in again to send changes."},
    {"invalid_credentials", "Kode lapak atau PIN salah.", "The stall code or PIN is wrong."},
    {"account_locked", "Terlalu sering salah PIN. Coba lagi 15 menit lagi.", "Too many wrong PINs. Try again in 15 minutes."},
    {"account_inactive", "Akun kurir ini sudah dinonaktifkan koperasi.", "The cooperative deactivated this courier account."},
    {"rate_limited", "Terlalu banyak permintaan. Aplikasi mencoba lagi sebentar lagi.",
     "Too many requests. The app tries again in a moment."},
    {"storage_full", "Pasar Daring sedang penuh. Pesanan tetap di HP dan dikirim lagi nanti.",
     "Pasar Daring is full right now. The order stays on this phone and is sent again later."},
    {"storage_unavailable", "Pasar Daring sedang sibuk. Pesanan tetap di HP dan dikirim lagi nanti.",
     "Pasar Daring is busy right now. The order stays on this phone and is sent again later."},
    {"internal_error", "Ada gangguan di Pasar Daring. Pesanan tetap di HP dan dikirim lagi nanti.",
     "Pasar Daring has a fault. The order stays on this phone and is sent again later."},
    {"mutation_gap", "Pesanan sedang dikirim ulang dari HP ini.", "The order is being sent again from this phone."},
    {"key_reuse", CLASH.id, CLASH.en},
    {"id_reuse", CLASH.id, CLASH.en},
    {"unsupported_push_version", UPDATE.id, UPDATE.en},
    {"too_many_mutations", "Terlalu banyak perubahan sekaligus. Aplikasi mengirimnya sedikit-sedikit.",
     "Too many changes at once. The app sends them a few at a time."},
    {"body_too_large", "Pesanan terlalu besar untuk dikirim sekaligus. Kurangi barangnya.",
     "The order is too large to send at once. Remove some goods."},
    {"bad_origin", "Halaman ini bukan dari Pasar Daring. Buka aplikasinya dari alamat resmi.",
     "This page is not Pasar Daring's. Open the app from its own address."},
    {"bad_json", UPDATE.id, UPDATE.en},
    {"bad_http", UPDATE.id, UPDATE.en},
    {"invalid_request", UPDATE.id, UPDATE.en},
    {"unsupported_media_type", UPDATE.id, UPDATE.en},
    {"length_required", UPDATE.id, UPDATE.en},
    {"method_not_allowed", UPDATE.id, UPDATE.en},
};

constexpr Refusal UNKNOWN_REFUSAL = {"", "Pasar Daring tidak bisa menerima ini sekarang.",
                                     "Pasar Daring cannot take this right now."};

std::string Fill(const char* sentence, const std::string& subject) {
  std::string out = sentence;
  const size_t at = out.find("{x}");
  if (at != std::string::npos) out.replace(at, 3, subject);
  return out;
}

}  // namespace

std::string RefusalSentence(Lang lang, const std::string& code, const std::string& product_name) {
  const Refusal* found = &UNKNOWN_REFUSAL;
  for (const Refusal& r : REFUSALS) {
    if (code == r.code) found = &r;
  }
  const char* sentence = L(lang, found->id, found->en);
  std::string subject = product_name;
  if (subject.empty()) {
    subject = L(lang, ANY.id, ANY.en);
    // Mid-sentence ("Harga {x}") the general words start in lower case.
    if (std::strncmp(sentence, "{x}", 3) != 0) subject[0] = static_cast<char>(subject[0] - 'A' + 'a');
  }
  return Fill(sentence, subject);
}

std::vector<std::string> KnownRefusalCodes() {
  std::vector<std::string> codes;
  for (const Refusal& r : REFUSALS) codes.push_back(r.code);
  return codes;
}

}  // namespace pasar
