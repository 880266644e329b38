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
  ImGui::Begin("pasar", nullptr, flags);
  switch (state.route.screen) {
    case Screen::Markets: DrawMarketsScreen(ui); break;
    case Screen::Market: DrawMarketScreen(ui); break;
    case Screen::Stall: DrawStallScreen(ui); break;
    case Screen::Product: DrawProductScreen(ui); break;
    case Screen::Cart: DrawCartScreen(ui); break;
  }
  ImGui::End();
}

}  // namespace pasar
