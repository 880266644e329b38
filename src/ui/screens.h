// One draw function per screen. Each reads the state through the Ui context and pushes intents.
#pragma once

#include "ui/widgets.h"

namespace pasar {

void DrawMarketsScreen(Ui& ui);
void DrawMarketScreen(Ui& ui);
void DrawStallScreen(Ui& ui);
void DrawProductScreen(Ui& ui);
void DrawCartScreen(Ui& ui);

// Shared pieces.
constexpr float PRODUCT_ROW_CSS = 72.0f;
void DrawProductRow(Ui& ui, const Stall& stall, const Product& product);
// A page whose market, stall or product is unknown (or still loading, or failed to load).
void DrawMissingPage(Ui& ui);
// "Rp60.000/kg", "Rp2.000/ikat"
std::string UnitPriceLabel(Lang lang, const Product& product);
const char* AvailabilityLabel(Lang lang, Availability availability);
ImU32 AvailabilityColor(Availability availability);
// True when the price is more than 20% above the trade office's reference price.
bool FarAboveReference(const Product& product);

}  // namespace pasar
