#include "ui/strings.h"

namespace pasar {
namespace {

struct Pair {
  const char* id;
  const char* en;
};

// Order matches enum Str.
const Pair STRINGS[] = {
    {"Pasar Daring", "Pasar Daring"},
    {"Belanja dari pasar tradisional Bandar Lampung", "Shop the traditional markets of Bandar Lampung"},
    {"Cari pasar, kecamatan, atau dagangan", "Search markets, districts or goods"},
    {"Cari pasar", "Search markets"},
    {"Memuat daftar pasar…", "Loading the market list…"},
    {"Coba lagi", "Try again"},
    {"Kembali", "Back"},
    {"Pasar & koperasi", "Markets & cooperatives"},
    {"Tidak ada pasar yang cocok dengan pencarian ini.", "No market matches this search."},
    {"Hapus pencarian", "Clear search"},
    {"Pasar tidak ditemukan", "Market not found"},
    {"Tautan ini menunjuk ke pasar yang tidak ada di daftar.", "This link points to a market that is not on the list."},
    {"Ke daftar pasar", "To the market list"},
    {"Kecamatan", "District"},
    {"Jam buka", "Opening hours"},
    {"Batas pesan", "Order cut-off"},
    {"Titik ambil", "Pickup point"},
    {"Hari lelang", "Auction days"},
    {"%d lapak · %d produk", "%d stalls · %d products"},
    {"Pasar", "Market"},
    {"Koperasi", "Cooperative"},
    {"Koperasi nelayan", "Fishermen's cooperative"},
    {"Daftar lapak pasar ini dibuka di langkah berikutnya.", "This market's stall list opens in the next step."},
    {"Bahasa", "Language"},
};
static_assert(sizeof(STRINGS) / sizeof(STRINGS[0]) == static_cast<size_t>(Str::Count_), "one pair per Str");

const Pair WEEKDAYS[] = {{"Minggu", "Sunday"}, {"Senin", "Monday"},  {"Selasa", "Tuesday"}, {"Rabu", "Wednesday"},
                         {"Kamis", "Thursday"}, {"Jumat", "Friday"}, {"Sabtu", "Saturday"}};

}  // namespace

const char* Tr(Lang lang, Str id) {
  const Pair& p = STRINGS[static_cast<int>(id)];
  return lang == Lang::En ? p.en : p.id;
}

const char* WeekdayName(Lang lang, int weekday) {
  if (weekday < 0 || weekday > 6) return "?";
  return lang == Lang::En ? WEEKDAYS[weekday].en : WEEKDAYS[weekday].id;
}

}  // namespace pasar
