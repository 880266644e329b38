#include "ui/icons.h"

#include <cmath>

namespace pasar {
namespace {

constexpr float PI = 3.14159265f;

ImVec2 P(ImVec2 c, float r, float x, float y) { return ImVec2(c.x + x * r, c.y + y * r); }

void Leaf(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {  // sayur: a leaf with its vein
  dl->AddEllipseFilled(P(c, r, 0.1f, -0.1f), r * 0.85f, r * 0.45f, col, -PI / 4.0f);
  dl->AddLine(P(c, r, -0.75f, 0.75f), P(c, r, 0.55f, -0.55f), IM_COL32(255, 255, 255, 200), r * 0.1f);
}

void Chili(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {  // bumbu: a chili pepper with its stem
  dl->AddBezierQuadratic(P(c, r, -0.55f, -0.45f), P(c, r, 0.55f, -0.2f), P(c, r, 0.45f, 0.8f), col, r * 0.45f, 12);
  dl->AddLine(P(c, r, -0.55f, -0.45f), P(c, r, -0.8f, -0.8f), col, r * 0.14f);
}

void Fish(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {  // ikan: body, tail and an eye
  dl->AddEllipseFilled(P(c, r, -0.12f, 0.0f), r * 0.68f, r * 0.4f, col);
  const ImVec2 tail[3] = {P(c, r, 0.45f, 0.0f), P(c, r, 0.9f, -0.42f), P(c, r, 0.9f, 0.42f)};
  dl->AddConvexPolyFilled(tail, 3, col);
  dl->AddCircleFilled(P(c, r, -0.48f, -0.08f), r * 0.09f, IM_COL32(255, 255, 255, 230));
}

void Shrimp(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {  // seafood: a curled shrimp
  dl->PathArcTo(c, r * 0.55f, -PI * 0.15f, PI * 1.25f, 16);
  dl->PathStroke(col, 0, r * 0.38f);
  dl->AddLine(P(c, r, 0.5f, -0.2f), P(c, r, 0.95f, -0.65f), col, r * 0.08f);
}

void DriedFish(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {  // ikan asin: two small flat fish
  for (float dy : {-0.35f, 0.35f}) {
    dl->AddEllipseFilled(P(c, r, -0.1f, dy), r * 0.6f, r * 0.2f, col);
    const ImVec2 tail[3] = {P(c, r, 0.4f, dy), P(c, r, 0.8f, dy - 0.22f), P(c, r, 0.8f, dy + 0.22f)};
    dl->AddConvexPolyFilled(tail, 3, col);
  }
}

void Meat(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {  // daging: a steak with its fat line
  dl->AddEllipseFilled(P(c, r, 0.0f, 0.05f), r * 0.85f, r * 0.6f, col, -0.3f);
  dl->AddEllipse(P(c, r, 0.0f, 0.05f), r * 0.55f, r * 0.32f, IM_COL32(255, 255, 255, 200), -0.3f, 0, r * 0.1f);
}

void Drumstick(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {  // ayam: a drumstick
  dl->AddEllipseFilled(P(c, r, -0.2f, -0.2f), r * 0.62f, r * 0.45f, col, PI / 4.0f);
  dl->AddLine(P(c, r, 0.1f, 0.1f), P(c, r, 0.62f, 0.62f), col, r * 0.2f);
  dl->AddCircleFilled(P(c, r, 0.7f, 0.55f), r * 0.14f, col);
  dl->AddCircleFilled(P(c, r, 0.55f, 0.72f), r * 0.14f, col);
}

void Egg(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {  // telur
  dl->AddEllipseFilled(P(c, r, 0.0f, 0.08f), r * 0.58f, r * 0.8f, col);
}

void Tofu(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {  // tahu & tempe: two blocks
  dl->AddRectFilled(P(c, r, -0.85f, -0.55f), P(c, r, -0.05f, 0.55f), col, r * 0.12f);
  dl->AddRectFilled(P(c, r, 0.1f, -0.3f), P(c, r, 0.85f, 0.55f), col, r * 0.12f);
}

void Sack(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {  // sembako: a rice sack, tied at the top
  dl->AddRectFilled(P(c, r, -0.6f, -0.35f), P(c, r, 0.6f, 0.85f), col, r * 0.3f);
  const ImVec2 neck[4] = {P(c, r, -0.35f, -0.35f), P(c, r, -0.2f, -0.75f), P(c, r, 0.2f, -0.75f), P(c, r, 0.35f, -0.35f)};
  dl->AddConvexPolyFilled(neck, 4, col);
  dl->AddLine(P(c, r, -0.3f, -0.5f), P(c, r, 0.3f, -0.5f), IM_COL32(255, 255, 255, 220), r * 0.1f);
}

void Fruit(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {  // buah: a round fruit with a leaf
  dl->AddCircleFilled(P(c, r, 0.0f, 0.15f), r * 0.68f, col);
  dl->AddLine(P(c, r, 0.0f, -0.5f), P(c, r, 0.05f, -0.85f), col, r * 0.1f);
  dl->AddEllipseFilled(P(c, r, 0.32f, -0.72f), r * 0.28f, r * 0.13f, col, -0.5f);
}

void Basket(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {  // anything else
  dl->AddRectFilled(P(c, r, -0.8f, -0.1f), P(c, r, 0.8f, 0.75f), col, r * 0.15f);
  dl->PathArcTo(P(c, r, 0.0f, -0.1f), r * 0.55f, PI, 2.0f * PI, 12);
  dl->PathStroke(col, 0, r * 0.12f);
}

}  // namespace

void DrawGoodsIcon(ImDrawList* dl, ImVec2 c, float r, const std::string& kind, ImU32 color) {
  if (kind == "sayur") Leaf(dl, c, r, color);
  else if (kind == "bumbu") Chili(dl, c, r, color);
  else if (kind == "ikan") Fish(dl, c, r, color);
  else if (kind == "seafood") Shrimp(dl, c, r, color);
  else if (kind == "ikan_asin") DriedFish(dl, c, r, color);
  else if (kind == "daging") Meat(dl, c, r, color);
  else if (kind == "ayam" || kind == "daging_ayam") Drumstick(dl, c, r, color);
  else if (kind == "telur") Egg(dl, c, r, color);
  else if (kind == "tahu_tempe") Tofu(dl, c, r, color);
  else if (kind == "sembako") Sack(dl, c, r, color);
  else if (kind == "buah") Fruit(dl, c, r, color);
  else Basket(dl, c, r, color);
}

}  // namespace pasar
