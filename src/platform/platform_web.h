// The web platform layer: the main loop, input, and the hand-off of browser events to the app as intents.
//
// FRAMES ON DEMAND
//   Nothing draws on a timer. An input, network or page event calls PlatformRequestFrame(), which asks the
//   browser for one animation frame. After a frame, another is requested only while something still moves:
//   ImGui has queued input events left to trickle, the UI reports an animation (scroll inertia), intents
//   were applied (their result must be shown), or a few "settle" frames remain after the last event (ImGui
//   needs a frame or two to finish hover and release states). Then nothing until the next event: an idle
//   page draws 0 frames per second, and a hidden page draws none at all.
//   Intents that arrive while the page is hidden (a save finished, a sync reply, a timer) are still
//   applied, from a zero-delay timeout and without drawing, so saving and syncing go on in the background.
#pragma once

#include <string>

namespace pasar {

void PlatformRequestFrame();
void PlatformOnRoute(const std::string& hash);
void PlatformOnText(const std::string& id, const std::string& value);
void PlatformOnFieldFocus(const std::string& id, bool focused);
void PlatformOnActivate(const std::string& id);
void PlatformOnFetch(int request_id, int status, const char* data, int size);
// A page event for the app: `kind` names the session intent struct (StoreFile, SyncReplied ...; only
// platform events are accepted); main_web.cpp turns (id, text, number) into its typed fields.
void PlatformOnIntent(const std::string& kind, std::string id, std::string text, double number);

}  // namespace pasar
