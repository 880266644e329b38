// The session slice's intents: what every app shares (language, the page shown, the catalogue, the store on
// the phone, the outbox and its sync, the clock). Most come from the platform (a finished fetch, an IndexedDB
// read, the browser's back key, a timer); a few from screens every app has (retry, dismiss, language).
// See app/intents.h for how intents, slices and effects fit together.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace pasar {

enum class Lang { Id, En };

// The page the browser's URL names changed (back key, initial URL): shown without pushing history.
struct RouteChanged { std::string hash; };
// The in-app back button: back in history when the app pushed the entry, else up to the parent page.
struct GoBack {};
// A text field's whole new value, typed in the mirror's <input>. The role slice owns the field ids.
struct SetText { std::string field_id; std::string value; };
struct RetryLoad {};                                        // try loading the catalogue index again
struct IndexLoaded { std::string body; };                   // data/index.json
struct IndexFailed { int64_t http_status = 0; };            // 0 = the network failed
struct MarketLoaded { std::string market_id; std::string body; };
struct MarketFailed { std::string market_id; int64_t http_status = 0; };  // 0 = the network failed
struct SetLanguage { Lang lang = Lang::Id; };
struct DismissNotice {};
// The platform's clock, in WIB (UTC+7, no daylight saving).
struct Tick { int minutes_wib = 0; int weekday = 0; };      // minutes since midnight; 0 = Sunday
struct ApplyUpdate {};                                      // the "update available" banner was tapped
struct TakeOver {};                                         // "use the app in this tab"
// Platform events, never from screens.
struct Now { int64_t now_ms = 0; };                         // Date.now(); first in every batch
struct Entropy { std::string hex; };                        // random bytes, lowercase hex
struct StoreFile { std::string name; std::string content; };  // a file read from IndexedDB at start
struct StoreLoaded { bool unavailable = false; };           // every StoreFile has arrived (or no IndexedDB)
// A save is durable up to `generation`; error_code "" (ok), "quota" (storage full or refused) or "io";
// error_detail: the browser's name for the error (logs).
struct StoreSaved { int64_t generation = 0; std::string error_code; std::string error_detail; };
struct StorageEstimate { int64_t usage_bytes = 0; int64_t quota_bytes = 0; bool persisted = false; };
struct SetOnline { bool online = true; };
// The reply to POST /api/sync: http_status 0 = no reply; retry_after_ms -1 = no Retry-After.
struct SyncReplied { int http_status = 0; std::string body; int64_t retry_after_ms = -1; };
struct TimerFired {};                                       // a timer the app asked for fired
struct UpdateAvailable {};                                  // a new version of the app is waiting
struct OtherTab { bool other_tab_holds_store = false; };    // true: this tab must not write
struct SetVisible { bool visible = true; };                 // shown again pulls at once
struct SetPullEvery { int64_t every_ms = 0; };              // catalogue pulls while a market shows (tests)

using SessionIntent =
    std::variant<RouteChanged, GoBack, SetText, RetryLoad, IndexLoaded, IndexFailed, MarketLoaded, MarketFailed,
                 SetLanguage, DismissNotice, Tick, ApplyUpdate, TakeOver, Now, Entropy, StoreFile, StoreLoaded,
                 StoreSaved, StorageEstimate, SetOnline, SyncReplied, TimerFired, UpdateAvailable, OtherTab, SetVisible,
                 SetPullEvery>;

}  // namespace pasar
