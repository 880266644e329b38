// Words shared by the order, checkout and settings screens: an order's honest state, the sync status,
// dates and times in WIB, delivery and payment names, storage problems. Indonesian first, English second.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/app.h"
#include "imgui.h"

namespace pasar {

// What a buyer sees for an order (ViewOfOrder), short ("Tersimpan di HP - menunggu sinyal") with the colour
// it is drawn in, and a sentence saying what it means and what happens next (the order page).
struct OrderStateWords {
  std::string text;
  std::string explanation;
  ImU32 color = 0;
};
OrderStateWords DescribeOrderState(const AppState& state, const StoredOrder& stored);
// The order's status in words: accepted "Diterima lapak", on_the_way "Sedang diantar", ...
const char* OrderStatusWords(Lang lang, OrderStatus status);
// Why saving failed, in words ("penyimpanan HP penuh"); "" when the last save went well.
std::string SaveProblemWords(const AppState& state);
// The notice about storage trouble ("Penyimpanan HP penuh: ..."); "" when there is none.
std::string StorageNoticeText(const AppState& state);

// "3 perubahan menunggu dikirim", "Semua perubahan sudah terkirim".
std::string PendingChangesText(Lang lang, size_t count);
// offline / sending / retrying in N s / last sent at; *problem is set when it is not fine.
std::string SyncStatusText(const AppState& state, bool* problem = nullptr);

// Epoch milliseconds shown in WIB (UTC+7): "29 Nov 2026, 14.05" and "14.05".
std::string FormatDateTimeWib(Lang lang, int64_t epoch_ms);
std::string FormatClockWib(int64_t epoch_ms);
// Minutes since midnight as "07.00".
std::string FormatMinutes(int minutes);
// "1,2 MB", "840 KB", "512 B".
std::string FormatBytes(int64_t bytes);

// Why a delivery method cannot be used for this cart, from the fee's outcome and its numbers:
// "Belanja minimal Rp20.000 untuk diantar (kurang Rp5.000)". "" when the quote is ok.
std::string FeeProblemWords(Lang lang, const FeeQuote& quote);

// Why the market list (market = false) or a market's stalls (true) did not load, and what to do.
std::string LoadProblemWords(Lang lang, const LoadError& error, bool market);

// A refusal from serve.py (its `code`) as a sentence for the buyer (ui/refusal_words.cpp), naming the order
// line's product when the refusal's field points at one (product_name, "" for none). Never the code, the
// field path or the server's English message; a code this build does not know gets a general sentence.
std::string RefusalSentence(Lang lang, const std::string& code, const std::string& product_name = "");
std::vector<std::string> KnownRefusalCodes();  // for tests

// The outcomes core and app keep as codes with their data, as sentences (ui/code_words.cpp); "" for none.
std::string QuantityProblemWords(Lang lang, const QuantityProblem& problem);  // "Paling banyak 200 kg per barang."
std::string CartProblemWords(Lang lang, const CartChange& change);            // "Cabai rawit sedang habis."
std::string OrderProblemWords(Lang lang, const OrderResult& result);
std::string PhoneProblemWords(Lang lang, PhoneError error);
std::string FieldLabelWords(Lang lang, const std::string& field);             // "Nomor HP"
// A checkout field's problem; market_name for the methods and areas the market does (not) serve.
std::string FieldProblemWords(Lang lang, const FieldError& error, const std::string& market_name);
std::string CheckoutProblemWords(Lang lang, const CheckoutState& checkout);
std::string NoticeWords(Lang lang, const Notice& notice);

const char* DeliveryMethodLabel(Lang lang, DeliveryMethod method);
const char* PaymentLabel(Lang lang, PaymentMethod method);
const char* SubstitutionShortLabel(Lang lang, Substitution substitution);
// When the market handles an order made now (ScheduleOrder), as a sentence; "" before the clock ticks.
std::string ScheduleSentence(Lang lang, const MarketInfo& market, int now_min, int weekday);

}  // namespace pasar
