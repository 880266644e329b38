// Where the session slice meets the role slice: the few session events a role must hear about, as plain
// functions the session code calls and the role's library defines (each app links exactly one role).
// Plain functions rather than a table of callbacks: the linker keeps only what the app uses, and no other
// role's code reaches an app's wasm. A new role (app/stall/) defines each of these for its own state.
#pragma once

#include <string>

#include "app/app.h"

namespace pasar {

// The document title of the page on screen (the role knows its pages).
std::string PageTitle(const AppState& state);
// A new page is shown (state.route is the new one): the role resets what belonged to the previous page
// (the buyer: the product form; the market page's search and category when the market changed).
void OnRouteShown(AppState& state, bool market_changed);
// The catalogue file the page on screen needs (the buyer: the market of the page, of the cart on the cart
// and checkout pages, of the order shown); asked after a page is shown, a retry, the index or the store loaded.
void LoadPageCatalogue(AppState& state, Effects& effects);
// The catalogue files the role's own data needs whatever the page (the buyer: the cart's market, for the
// cart bar's prices); asked when the index or the store loaded.
void LoadRoleCatalogue(AppState& state, Effects& effects);
// A text field changed; the role owns the field ids and cuts each value to its own limit.
void ApplyRoleFieldText(AppState& state, const std::string& field_id, const std::string& value, Effects& effects);

}  // namespace pasar
