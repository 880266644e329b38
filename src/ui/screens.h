// One draw function per screen. Each reads the state through the Ui context and pushes intents.
#pragma once

#include "ui/widgets.h"

namespace pasar {

void DrawMarketsScreen(Ui& ui);
void DrawMarketScreen(Ui& ui);

}  // namespace pasar
