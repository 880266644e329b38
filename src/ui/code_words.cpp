// The outcomes core and app keep as codes with their data (a quantity that cannot be used, a refused cart
// change, an order that could not be made, a checkout field, a notice) in the buyer's words, Indonesian
// first, English second. The one place these sentences are made (strings.h says the rule).
#include <string>

#include "core/units.h"
#include "ui/strings.h"
#include "ui/words.h"

namespace pasar {
namespace {

std::string Cat(Lang lang, const char* id, const char* en, const std::string& tail) { return L(lang, id, en) + tail; }

// The word a product is sold by: "kg", "liter", or its piece word ("ikat", "buah" without one).
std::string UnitWord(const QuantityProblem& p) {
  if (p.unit == BaseUnit::Piece) return p.piece_name.empty() ? std::string("buah") : p.piece_name;
  return BaseUnitName(p.unit);
}

std::string Amount(const QuantityProblem& p, int64_t qty_milli) { return FormatQuantity(qty_milli, p.unit, p.piece_name); }

}  // namespace

std::string QuantityProblemWords(Lang lang, const QuantityProblem& p) {
  switch (p.error) {
    case QuantityError::None: return "";
    case QuantityError::Empty: return L(lang, "Jumlah belum diisi.", "The amount is empty.");
    case QuantityError::NotANumber:
      if (p.word.empty()) return L(lang, "Tulis jumlahnya, mis. 2,5 kg atau 3 ons.", "Write an amount, e.g. 2,5 kg or 3 ons.");
      return Cat(lang, "Tidak bisa dibaca: ", "Cannot read: ", "'" + p.word + "'") +
             L(lang, ". Tulis satu jumlah, mis. 2,5 kg.", ". Write one amount, e.g. 2,5 kg.");
    case QuantityError::UnknownUnit:
      return Cat(lang, "Tidak mengerti ", "Not understood: ", "'" + p.word + "'") +
             L(lang, ". Tulis mis. 2 kg atau 3 ons.", ". Write e.g. 2 kg or 3 ons.");
    case QuantityError::WrongUnit:
      return Cat(lang, "Barang ini dijual per ", "This product is sold per ", UnitWord(p) + ".");
    case QuantityError::NeedsUnit: return L(lang, "Tambahkan satuan, mis. 250 g atau 2 kg.", "Add a unit, e.g. 250 g or 2 kg.");
    case QuantityError::NotWholePiece:
      return Cat(lang, "Harus bilangan bulat ", "Must be a whole number of ", UnitWord(p) + ".");
    case QuantityError::NotPositive: return L(lang, "Jumlah harus lebih dari 0.", "The amount must be more than 0.");
    case QuantityError::TooLarge:
      if (p.limit_milli <= 0) return L(lang, "Jumlah terlalu besar.", "The amount is too large.");
      return Cat(lang, "Paling banyak ", "At most ", Amount(p, p.limit_milli)) + L(lang, " per barang.", " per item.");
    case QuantityError::TooPrecise:
      return p.unit == BaseUnit::Liter ? L(lang, "Terlalu rinci: paling kecil 1 ml.", "Too precise: the smallest amount is 1 ml.")
                                       : L(lang, "Terlalu rinci: paling kecil 1 gram.", "Too precise: the smallest amount is 1 g.");
    case QuantityError::OffStep:
      return Cat(lang, "Barang ini dijual per ", "This product is sold in steps of ", Amount(p, p.limit_milli) + ".");
  }
  return L(lang, "Jumlah ini tidak bisa dipakai.", "This amount cannot be used.");
}

std::string CartProblemWords(Lang lang, const CartChange& c) {
  switch (c.status) {
    case CartStatus::Added:
    case CartStatus::Merged:
    case CartStatus::Updated:
    case CartStatus::Removed: return "";
    case CartStatus::OtherMarket:
      return L(lang, "Keranjang berisi belanjaan dari pasar lain.", "The cart holds goods from another market.");
    case CartStatus::UnknownProduct: return L(lang, "Barang ini tidak dijual lagi.", "This product is no longer sold.");
    case CartStatus::SoldOut: return c.name + L(lang, " sedang habis.", " is sold out.");
    case CartStatus::StallClosed: return c.name + L(lang, " sedang tutup.", " is closed for now.");
    case CartStatus::BadQuantity: return QuantityProblemWords(lang, c.quantity);
    case CartStatus::BadNote:
      return Cat(lang, "Catatan paling panjang ", "A note is at most ", std::to_string(MAX_NOTE_CHARS)) +
             L(lang, " huruf, tanpa tanda aneh.", " characters of plain text.");
    case CartStatus::TooManyLines:
      return Cat(lang, "Keranjang penuh: paling banyak ", "The cart is full: at most ", std::to_string(MAX_CART_LINES)) +
             L(lang, " baris.", " lines.");
    case CartStatus::NoSuchLine: return L(lang, "Baris ini sudah tidak ada di keranjang.", "This line is no longer in the cart.");
    case CartStatus::BadSubstitution: return L(lang, "Pilih salah satu pilihan pengganti.", "Choose one of the substitution choices.");
  }
  return L(lang, "Keranjang tidak bisa diubah begitu.", "The cart cannot be changed that way.");
}

std::string OrderProblemWords(Lang lang, const OrderResult& r) {
  switch (r.error) {
    case OrderError::None: return "";
    case OrderError::EmptyCart: return L(lang, "Keranjang masih kosong.", "The cart is empty.");
    case OrderError::WrongMarket:
      return L(lang, "Keranjang berisi belanjaan dari pasar lain.", "The cart holds goods from another market.");
    case OrderError::Checkout: return L(lang, "Periksa isian yang ditandai.", "Check the marked fields.");
    case OrderError::UnavailableLine: return CartProblemWords(lang, r.line_problem);
    case OrderError::Fee: return FeeProblemWords(lang, r.fee);
    case OrderError::BadIdentity:
    case OrderError::Overflow:
      return L(lang, "Pesanan ini tidak bisa dibuat. Periksa keranjang lalu coba lagi.",
               "This order cannot be made. Check the cart and try again.");
    case OrderError::BadTransition:
      return L(lang, "Keadaan pesanan sudah berubah, jadi tidak bisa diubah begitu.",
               "The order's state has changed, so it cannot be changed that way.");
    case OrderError::NotWeighed: return r.line_problem.name + L(lang, " tidak ditimbang.", " is not weighed.");
    case OrderError::NoSuchLine: return L(lang, "Barang itu tidak ada di pesanan ini.", "That item is not in this order.");
    case OrderError::BadWeight:
      return Cat(lang, "Berat harus antara 1 g dan ", "The weight must be between 1 g and ",
                 FormatQuantity(r.max_milli, BaseUnit::Kg, "") + ".");
  }
  return L(lang, "Pesanan ini tidak bisa dibuat.", "This order cannot be made.");
}

std::string FieldLabelWords(Lang lang, const std::string& field) {
  if (field == "name") return L(lang, "Nama", "Name");
  if (field == "phone") return L(lang, "Nomor HP", "Phone number");
  if (field == "address") return L(lang, "Alamat", "Address");
  if (field == "landmark") return L(lang, "Patokan", "Landmark");
  if (field == "area_id") return L(lang, "Wilayah antar", "Delivery area");
  if (field == "delivery_method") return L(lang, "Cara terima", "Delivery method");
  if (field == "payment_method") return L(lang, "Pembayaran", "Payment");
  return L(lang, "Isian ini", "This field");
}

std::string PhoneProblemWords(Lang lang, PhoneError error) {
  switch (error) {
    case PhoneError::None: return "";
    case PhoneError::Empty: return L(lang, "Nomor HP belum diisi.", "The phone number is required.");
    case PhoneError::BadCharacter: return L(lang, "Nomor HP hanya boleh berisi angka.", "A phone number has digits only.");
    case PhoneError::BadPrefix:
      return L(lang, "Nomor HP harus diawali 081 sampai 089, atau +62 8.", "A mobile number starts with 081 to 089, or +62 8.");
    case PhoneError::TooShort: return L(lang, "Nomor HP terlalu pendek.", "The phone number is too short.");
    case PhoneError::TooLong: return L(lang, "Nomor HP terlalu panjang.", "The phone number is too long.");
  }
  return L(lang, "Nomor HP tidak bisa dipakai.", "The phone number cannot be used.");
}

std::string FieldProblemWords(Lang lang, const FieldError& e, const std::string& market_name) {
  const std::string label = FieldLabelWords(lang, e.field);
  switch (e.problem) {
    case FieldProblem::None: return "";
    case FieldProblem::Missing:
      if (e.field == "delivery_method") return L(lang, "Pilih cara terima pesanan.", "Choose how to receive the order.");
      if (e.field == "area_id") return L(lang, "Pilih wilayah antar.", "Choose a delivery area.");
      if (e.field == "payment_method") return L(lang, "Pilih cara bayar: COD, QRIS atau transfer.", "Choose a payment: COD, QRIS or transfer.");
      return label + L(lang, " belum diisi.", " is required.");
    case FieldProblem::BadCharacters: return label + L(lang, " berisi tanda yang tidak sah.", " contains characters that cannot be used.");
    case FieldProblem::TooShort:
      return label + L(lang, " terlalu pendek (paling sedikit ", " is too short (at least ") + std::to_string(e.min_chars) +
             L(lang, " huruf).", " characters).");
    case FieldProblem::TooLong: return label + L(lang, " terlalu panjang.", " is too long.");
    case FieldProblem::BadPhone: return PhoneProblemWords(lang, e.phone);
    case FieldProblem::NotOffered: return market_name + L(lang, " tidak melayani cara ini.", " does not offer this.");
    case FieldProblem::NotServed: return market_name + L(lang, " belum mengantar ke wilayah ini.", " does not deliver to this area.");
    case FieldProblem::TooFar: return Cat(lang, "Wilayah ini terlalu jauh dari ", "This area is too far from ", market_name + ".");
  }
  return label + L(lang, " tidak bisa dipakai.", " cannot be used.");
}

std::string OutboxFullWords(Lang lang, int64_t limit) {
  return Cat(lang, "Antrean di HP ini penuh: ", "This phone's queue is full: ", std::to_string(limit)) +
         L(lang, " perubahan menunggu dikirim. Sambungkan internet agar terkirim dulu, lalu coba lagi.",
           " changes wait to be sent. Connect to the internet so they go first, then try again.");
}

std::string CheckoutProblemWords(Lang lang, const CheckoutState& c) {
  switch (c.problem) {
    case CheckoutProblem::None: return "";
    case CheckoutProblem::StoreStarting:
      return L(lang, "Penyimpanan HP masih disiapkan. Coba lagi sebentar.", "Storage on this phone is still starting. Try again in a moment.");
    case CheckoutProblem::CartEmpty: return L(lang, "Keranjang kosong.", "The cart is empty.");
    case CheckoutProblem::StallsLoading:
      return L(lang, "Data lapak pasar ini belum dimuat. Coba lagi sebentar.", "This market's stalls have not loaded yet. Try again in a moment.");
    case CheckoutProblem::PreparingCode:
      return L(lang, "HP sedang menyiapkan kode pesanan. Coba lagi sebentar.", "The phone is preparing an order code. Try again in a moment.");
    case CheckoutProblem::Order: return OrderProblemWords(lang, c.order_problem);
    case CheckoutProblem::OutboxFull: return OutboxFullWords(lang, c.outbox_limit);
    case CheckoutProblem::NotSaved: return L(lang, "Pesanan tidak bisa disimpan di HP ini.", "The order could not be saved on this phone.");
  }
  return L(lang, "Pesanan belum bisa dibuat. Coba lagi sebentar.", "The order cannot be made yet. Try again in a moment.");
}

std::string NoticeWords(Lang lang, const Notice& n) {
  switch (n.code) {
    case NoticeCode::None: return "";
    case NoticeCode::CartProblem: return CartProblemWords(lang, n.cart);
    case NoticeCode::AddedToCart:
      return n.cart.name + " " + FormatQuantity(n.qty_milli, n.cart.quantity.unit, n.cart.quantity.piece_name) +
             L(lang, " masuk keranjang.", " added to the cart.");
    case NoticeCode::ReorderOtherMarket:
      return L(lang, "Keranjang masih berisi barang pasar lain. Kosongkan atau pesan dulu keranjang itu.",
               "The cart holds goods from another market. Empty it or order it first.");
    case NoticeCode::ReorderLoading:
      return L(lang, "Harga pasar ini sedang dimuat. Ketuk \"Pesan lagi\" sekali lagi sebentar lagi.",
               "This market's prices are loading. Tap \"Order again\" once more in a moment.");
    case NoticeCode::ReorderPartial:
      return std::to_string(n.added) + L(lang, " barang masuk keranjang; ", " items added to the cart; ") + std::to_string(n.missing) +
             L(lang, " tidak tersedia lagi. Harga mengikuti harga hari ini.", " are no longer available. Prices are today's.");
    case NoticeCode::ReorderDone:
      return L(lang, "Barang pesanan masuk keranjang dengan harga hari ini.", "The order's items are in the cart at today's prices.");
    case NoticeCode::CancelTooLate: return L(lang, "Pesanan ini tidak bisa dibatalkan lagi.", "This order can no longer be cancelled.");
    case NoticeCode::TryAgain: return L(lang, "Coba lagi sebentar.", "Try again in a moment.");
    case NoticeCode::OutboxFull: return OutboxFullWords(lang, n.limit);
    case NoticeCode::CancelNotSaved: return L(lang, "Pembatalan tidak bisa disimpan di HP ini.", "The cancel could not be saved on this phone.");
    case NoticeCode::CancelQueued:
      return L(lang, "Permintaan batal disimpan di HP dan dikirim saat ada sinyal.",
               "The cancel request is saved on this phone and is sent when there is signal.");
    case NoticeCode::CancelRefused:
      return std::string(L(lang, "Pembatalan ", "Cancelling ")) + FormatOrderIdForDisplay(n.order_id) +
             L(lang, " ditolak: ", " was refused: ") + RefusalSentence(lang, n.refusal_code);
    case NoticeCode::StorageDamaged:
      return L(lang, "Sebagian data di HP ini rusak dan disimpan terpisah; pesanan lain tetap aman.",
               "Some data on this phone was damaged and was kept aside; other orders are safe.");
    case NoticeCode::StorageFull:
      return L(lang, "Penyimpanan HP penuh, jadi perubahan terakhir belum tersimpan. Hapus foto atau aplikasi "
                     "yang tidak dipakai, lalu buka lagi. Data yang sudah tersimpan tetap aman.",
               "This phone's storage is full, so the latest change is not saved yet. Free some space, "
               "then open the app again. What was saved before is safe.");
    case NoticeCode::StorageFailed:
      return L(lang, "Gagal menyimpan di HP. Data yang sudah tersimpan tetap aman.",
               "Could not save on this phone. What was saved before is safe.");
  }
  return "";
}

}  // namespace pasar
