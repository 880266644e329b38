// Browser glue: every call from C++ into page JavaScript goes through this header, and every call from
// the page into C++ is one of the EMSCRIPTEN_KEEPALIVE functions in browser_web.cpp. The JavaScript side
// lives in web/pasar_shell.js (window.pasarShell).
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
void BrowserPublishStats(long long frames, long long draw_calls, int last_draw_calls);
void BrowserBooted();

}  // namespace pasar
