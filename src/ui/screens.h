// One draw function per screen. Each reads the state through the Ui context and pushes intents.
#pragma once

#include "ui/widgets.h"

namespace pasar {

void DrawMarketsScreen(Ui& ui);
void DrawMarketScreen(Ui& ui);
void DrawStallScreen(Ui& ui);
void DrawProductScreen(Ui& ui);
void DrawCartScreen(Ui& ui);
void DrawCheckoutScreen(Ui& ui);
void DrawOrdersScreen(Ui& ui);
void DrawOrderScreen(Ui& ui);
void DrawSettingsScreen(Ui& ui);
// Another tab holds the store: this tab shows only that, and a way to take over.
void DrawOtherTabScreen(Ui& ui);

// Shared pieces.
constexpr float PRODUCT_ROW_CSS = 72.0f;
void DrawProductRow(Ui& ui, const Stall& stall, const Product& product);
// The changes waiting to be sent and the sync status, as one panel (My orders, Settings).
void DrawSyncPanel(Ui& ui);
// "Bagikan" at the right of the top bar of a stall or product page (TopBar reserves SHARE_BUTTON_CSS).
constexpr float SHARE_BUTTON_CSS = 96.0f;
void DrawShareButton(Ui& ui);
// A page whose market, stall or product is unknown (or still loading, or failed to load).
void DrawMissingPage(Ui& ui);
// "Rp60.000/kg", "Rp2.000/ikat"
std::string UnitPriceLabel(Lang lang, const Product& product);
const char* AvailabilityLabel(Lang lang, Availability availability);
ImU32 AvailabilityColor(Availability availability);
// True when the price is more than 20% above the trade office's reference price.
bool FarAboveReference(const Product& product);

}  // namespace pasar
