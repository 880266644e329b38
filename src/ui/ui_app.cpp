#include "imgui.h"
#include "ui/screens.h"
#include "ui/ui.h"

namespace pasar {

void DrawApp(const AppState& state, UiState& ui_state, const UiInput& input, Intents& intents, UiOutput& output) {
  Ui ui{state, ui_state, input, intents, output};
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  if (input.focused_field.empty()) ui_state.keyboard_field.clear();
  if (ui_state.scroll_route != state.route) ui_state.confirm_cancel_order.clear();
  ImGui::Begin("pasar", nullptr, flags);
  if (state.store.other_tab) {
    DrawOtherTabScreen(ui);  // this tab must not write or sync: nothing else is offered
  } else {
    switch (state.route.screen) {
      case Screen::Markets: DrawMarketsScreen(ui); break;
      case Screen::Market: DrawMarketScreen(ui); break;
      case Screen::Stall: DrawStallScreen(ui); break;
      case Screen::Product: DrawProductScreen(ui); break;
      case Screen::Cart: DrawCartScreen(ui); break;
      case Screen::Checkout: DrawCheckoutScreen(ui); break;
      case Screen::Orders: DrawOrdersScreen(ui); break;
      case Screen::Order: DrawOrderScreen(ui); break;
      case Screen::Settings: DrawSettingsScreen(ui); break;
    }
  }
  ImGui::Dummy(ImVec2(0, 0));  // bars end with SetCursorScreenPos: an item validates the extent (ImGui asserts)
  ImGui::End();
}

}  // namespace pasar
