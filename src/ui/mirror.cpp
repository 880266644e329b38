#include "ui/mirror.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace pasar {

const char* MirrorRoleName(MirrorRole role) {
  switch (role) {
    case MirrorRole::Button: return "button";
    case MirrorRole::Link: return "link";
    case MirrorRole::TextBox: return "textbox";
    case MirrorRole::Heading: return "heading";
    case MirrorRole::Tab: return "tab";
    case MirrorRole::Status: return "status";
  }
  return "button";
}

static const char* InputKindName(InputKind kind) {
  switch (kind) {
    case InputKind::Text: return "text";
    case InputKind::Search: return "search";
    case InputKind::Tel: return "tel";
    case InputKind::Numeric: return "numeric";
    case InputKind::Name: return "name";
  }
  return "text";
}

std::string EncodeMirror(const MirrorList& list) {
  nlohmann::json items = nlohmann::json::array();
  const float s = list.css_per_px;
  for (const MirrorItem& item : list.items) {
    nlohmann::json j = {
        {"id", item.id},
        {"role", MirrorRoleName(item.role)},
        {"name", item.name},
        {"x", std::lround(item.x * s)},
        {"y", std::lround(item.y * s)},
        {"w", std::lround(item.w * s)},
        {"h", std::lround(item.h * s)},
    };
    if (item.disabled) j["disabled"] = true;
    if (item.selected) j["selected"] = true;
    if (item.offscreen) j["off"] = true;
    if (item.role == MirrorRole::TextBox) {
      j["value"] = item.value;
      j["input"] = InputKindName(item.input);
    }
    items.push_back(std::move(j));
  }
  nlohmann::json doc = {{"v", 1}, {"items", std::move(items)}};
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace pasar
