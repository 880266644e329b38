// The session slice's apply: one overload per session intent, shared by every app. An app's ApplyIntents()
// visits its intent once and reaches these (and its role's overloads) by overload resolution.
#pragma once

#include "app/app.h"

namespace pasar {

void Apply(AppState& state, const RouteChanged& intent, Effects& effects);
void Apply(AppState& state, const GoBack& intent, Effects& effects);
void Apply(AppState& state, const SetText& intent, Effects& effects);
void Apply(AppState& state, const RetryLoad& intent, Effects& effects);
void Apply(AppState& state, const IndexLoaded& intent, Effects& effects);
void Apply(AppState& state, const IndexFailed& intent, Effects& effects);
void Apply(AppState& state, const MarketLoaded& intent, Effects& effects);
void Apply(AppState& state, const MarketFailed& intent, Effects& effects);
void Apply(AppState& state, const SetLanguage& intent, Effects& effects);
void Apply(AppState& state, const DismissNotice& intent, Effects& effects);
void Apply(AppState& state, const Tick& intent, Effects& effects);
void Apply(AppState& state, const ApplyUpdate& intent, Effects& effects);
void Apply(AppState& state, const TakeOver& intent, Effects& effects);
void Apply(AppState& state, const Now& intent, Effects& effects);
void Apply(AppState& state, const Entropy& intent, Effects& effects);
void Apply(AppState& state, const StoreFile& intent, Effects& effects);
void Apply(AppState& state, const StoreLoaded& intent, Effects& effects);
void Apply(AppState& state, const StoreSaved& intent, Effects& effects);
void Apply(AppState& state, const StorageEstimate& intent, Effects& effects);
void Apply(AppState& state, const UpdateAvailable& intent, Effects& effects);
void Apply(AppState& state, const OtherTab& intent, Effects& effects);
// SetOnline, SyncReplied, SetVisible, SetPullEvery, TimerFired: app_internal.h (the sync's file).

}  // namespace pasar
