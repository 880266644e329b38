// Settings: the language, what this phone keeps (storage used, kept safe or not, damaged files, the last
// save problem), the changes waiting to be sent and how sending goes, the catalogue's version and date.
#include <cstdio>

#include "ui/screens.h"
#include "ui/strings.h"
#include "ui/words.h"

namespace pasar {
namespace {

void Line(ImFont* font, ImU32 color, const std::string& text) { TextWrapped(font, color, text); }

void DrawLanguage(Ui& ui) {
  const AppState& s = ui.state;
  SectionLabel(Tr(s.lang, Str::Language));
  BeginChipRow();
  if (Chip(ui, "settings/lang-id", "Bahasa Indonesia", s.lang == Lang::Id) && s.lang != Lang::Id) {
    ui.intents.push_back(SetLanguage{Lang::Id});
  }
  if (Chip(ui, "settings/lang-en", "English", s.lang == Lang::En) && s.lang != Lang::En) {
    ui.intents.push_back(SetLanguage{Lang::En});
  }
}

void DrawStorage(Ui& ui) {
  const AppState& s = ui.state;
  const StoreState& store = s.store;
  const UiFonts& fonts = GetUiFonts();
  SectionLabel(L(s.lang, "Penyimpanan di HP ini", "Storage on this phone"));
  BeginPanel("settings/storage");
  std::string usage;
  if (store.unavailable) {
    usage = L(s.lang, "Browser ini tidak mengizinkan penyimpanan (mode penyamaran?): keranjang dan pesanan hanya ada selama halaman terbuka.",
              "This browser allows no storage (private mode?): the cart and orders last only while the page is open.");
  } else if (store.usage_bytes >= 0 && store.quota_bytes > 0) {
    usage = std::string(L(s.lang, "Terpakai ", "Used ")) + FormatBytes(store.usage_bytes) + L(s.lang, " dari ", " of ") +
            FormatBytes(store.quota_bytes);
  } else if (store.usage_bytes >= 0) {
    usage = std::string(L(s.lang, "Terpakai ", "Used ")) + FormatBytes(store.usage_bytes);
  } else {
    usage = L(s.lang, "Ukuran penyimpanan belum diketahui.", "Storage size not known yet.");
  }
  Line(fonts.body, store.unavailable ? colors::ERROR_TEXT : colors::TEXT, usage);
  MirrorLastItem(ui, "settings/usage", MirrorRole::Status, usage);
  if (!store.unavailable) {
    const char* kept = store.persisted
                           ? L(s.lang, "Dijaga: browser tidak akan menghapus data ini sendiri.", "Kept: the browser will not delete this data by itself.")
                           : L(s.lang, "Belum dijaga: bila HP hampir penuh, browser bisa menghapus data ini. Pesanan yang sudah terkirim tetap ada di server.",
                               "Not protected: when the phone is nearly full the browser may delete this data. Orders already sent stay on the server.");
    Line(fonts.small, store.persisted ? colors::PRIMARY : colors::TEXT_MUTED, kept);
  }
  const std::string problem = SaveProblemWords(s);
  if (!problem.empty()) {
    const std::string text = std::string(L(s.lang, "Penyimpanan terakhir gagal: ", "The last save failed: ")) + problem;
    Line(fonts.bold, colors::ERROR_TEXT, text);
    MirrorLastItem(ui, "settings/save-error", MirrorRole::Status, text);
  }
  if (!store.damaged.empty()) {
    std::string files;
    for (const std::string& f : store.damaged) files += (files.empty() ? "" : ", ") + f;
    const std::string text = std::string(L(s.lang, "File rusak disisihkan (tidak dihapus): ", "Damaged files set aside (not deleted): ")) + files;
    Line(fonts.small, colors::ERROR_TEXT, text);
    MirrorLastItem(ui, "settings/damaged", MirrorRole::Status, text);
  }
  if (store.generation > store.saved_generation && problem.empty() && !store.unavailable) {
    Line(fonts.small, colors::TEXT_MUTED, L(s.lang, "Menyimpan perubahan terakhir...", "Saving the latest changes..."));
  }
  EndPanel();
}

void DrawAbout(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  SectionLabel(L(s.lang, "Tentang", "About"));
  BeginPanel("settings/about");
  const std::string& version = s.catalog.index.catalog_version;
  std::string text;
  if (version.empty()) {
    text = L(s.lang, "Katalog belum dimuat.", "The catalogue is not loaded yet.");
  } else {
    text = std::string(L(s.lang, "Katalog harga versi ", "Price catalogue version ")) + version;
    // Versions start with their date: "2026-11-29.1".
    if (version.size() >= 10 && version[4] == '-' && version[7] == '-') {
      text += std::string(L(s.lang, " (tanggal ", " (dated ")) + version.substr(8, 2) + "-" + version.substr(5, 2) + "-" +
              version.substr(0, 4) + ")";
    }
  }
  Line(fonts.body, colors::TEXT, text);
  MirrorLastItem(ui, "settings/catalog", MirrorRole::Status, text);
#ifdef PASAR_APP_VERSION
  Line(fonts.small, colors::TEXT_MUTED, std::string(L(s.lang, "Versi aplikasi ", "App version ")) + PASAR_APP_VERSION);
#endif
  Line(fonts.small, colors::TEXT_MUTED, Tr(s.lang, Str::Tagline));
  EndPanel();
}

}  // namespace

void DrawSettingsScreen(Ui& ui) {
  const AppState& s = ui.state;
  if (TopBar(ui, L(s.lang, "Pengaturan", "Settings"), "", true)) ui.intents.push_back(GoBack{});
  BeginScrollArea(ui, "settings/scroll", BottomBarsHeightCss(ui, false, true));
  ImGui::Dummy(ImVec2(0, Px(2)));
  DrawLanguage(ui);
  DrawStorage(ui);
  SectionLabel(L(s.lang, "Pengiriman ke server", "Sending to the server"));
  DrawSyncPanel(ui);
  DrawAbout(ui);
  ImGui::Dummy(ImVec2(0, Px(12)));
  EndScrollArea(ui);
  DrawBottomBars(ui, false, true);
}

void DrawOtherTabScreen(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  TopBar(ui, Tr(s.lang, Str::AppName), "", false);
  BeginScrollArea(ui, "othertab/scroll");
  ImGui::Dummy(ImVec2(0, Px(48)));
  TextWrapped(fonts.heading, colors::TEXT, L(s.lang, "Pasar Daring sedang terbuka di tab lain", "Pasar Daring is open in another tab"));
  MirrorLastItem(ui, "othertab/heading", MirrorRole::Heading,
                 L(s.lang, "Pasar Daring sedang terbuka di tab lain", "Pasar Daring is open in another tab"));
  TextWrapped(fonts.body, colors::TEXT_MUTED,
              L(s.lang, "Supaya pesanan tidak saling menimpa, hanya satu tab yang menyimpan dan mengirim. Pakai di sini, dan tab lain berhenti.",
                "So that orders never overwrite each other, only one tab saves and sends. Use it here, and the other tab stops."));
  ImGui::Dummy(ImVec2(0, Px(8)));
  if (Button(ui, "othertab/take-over", L(s.lang, "Pakai di tab ini", "Use it in this tab"), true)) {
    ui.intents.push_back(TakeOver{});
  }
  EndScrollArea(ui);
}

}  // namespace pasar
