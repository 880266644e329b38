// Pieces of ApplyIntents() split by idea (app_shop.cpp: market files, the product form, the cart).
// Internal to src/app.
#pragma once

#include "app/app.h"

namespace pasar {

std::string TruncateUtf8(const std::string& text, size_t max_bytes);
void ResetProductForm(AppState& state);
void EnsureRouteMarketLoaded(AppState& state, Effects& effects);
void ApplyFieldText(AppState& state, const std::string& field_id, const std::string& text);
void ApplyMarketLoaded(AppState& state, const std::string& market_id, const std::string& body);
void ApplyMarketFailed(AppState& state, const std::string& market_id, int64_t status, const std::string& reason);
void ApplyShoppingIntent(AppState& state, const Intent& intent, Effects& effects);

}  // namespace pasar
