// Browser glue: every call from C++ into page JavaScript goes through this header, and every call from
// the page into C++ is one of the EMSCRIPTEN_KEEPALIVE functions in browser_web.cpp. The JavaScript side
// lives in web/pasar_shell.js (window.pasarShell), which also describes the store, its lock and the sync
// POST. Page events for the app (a finished save, a sync reply, online/offline, another tab) come back
// through pasar_on_intent, named by their intent struct; PlatformOnIntent (main_web.cpp) makes the typed intent.
#pragma once

#include <string>

namespace pasar {

void BrowserMirrorUpdate(const std::string& encoded);
void BrowserHistoryPush(const std::string& hash);
void BrowserHistoryReplace(const std::string& hash);
// Goes back one page: history.back() when this app pushed the current entry, otherwise (opened by a deep
// link) replaces the URL with fallback_hash and reports that route, so back never leaves the app by surprise.
void BrowserHistoryBack(const std::string& fallback_hash);
std::string BrowserCurrentHash();
void BrowserFetch(int request_id, const std::string& url);
void BrowserMark(const std::string& name);
void BrowserSetTitle(const std::string& title);
// settling: another frame follows (something moves or was just touched), so the layout may still change.
void BrowserPublishStats(long long frames, long long draw_calls, int last_draw_calls, bool settling);
void BrowserBooted();

// After main()'s setup: online state and its events, the update hook, and the store lock (its holder mounts
// and reads the store; StoreFile.., StoreLoaded, OtherTab arrive as intents).
void BrowserStartPlatform();
// A file for the store folder (tmp + rename), then the batch's generation: a debounced sync, or at once.
void BrowserStoreWrite(const std::string& name, const std::string& content);
void BrowserStoreWritten(long long generation, bool flush_now);
void BrowserStoreFlush();
// navigator.storage: persist() first when asked, then estimate() -> StorageEstimate.
void BrowserStorageEstimate(bool ask_persist);
void BrowserSyncPost(const std::string& body);  // POST api/sync -> SyncReplied
void BrowserOpenUrl(const std::string& url);
void BrowserShare(const std::string& title, const std::string& text, const std::string& url);
void BrowserApplyUpdate();
void BrowserTakeOver();
// crypto.getRandomValues: `bytes` random bytes as lowercase hex.
std::string BrowserRandomHex(int bytes);

}  // namespace pasar
