#include "gfx/renderer_gl.h"

#include <GLES2/gl2.h>
#include <cstddef>
#include <cstdio>

#include "embedded_shaders.h"
#include "imgui.h"

namespace pasar {
namespace {

struct GfxObjects {
  GLuint program = 0;
  GLint loc_projection = -1;
  GLint loc_texture = -1;
  GLint loc_position = -1;
  GLint loc_uv = -1;
  GLint loc_color = -1;
  GLuint vbo = 0;
  GLuint ibo = 0;
  GLuint font_texture = 0;
  bool ready = false;
};

GfxObjects g_gl;
GfxStats g_stats;

GLuint CompileShader(GLenum type, const char* source) {
  GLuint shader = glCreateShader(type);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[512] = {};
    glGetShaderInfoLog(shader, sizeof(log), nullptr, log);
    std::fprintf(stderr, "pasar gfx: shader compile failed: %s\n", log);
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

}  // namespace

void GfxRebuildFontTexture() {
  ImGuiIO& io = ImGui::GetIO();
  // The atlas's own alpha bytes, uploaded as they are (ALPHA, one byte a pixel): the shader takes only the
  // coverage from the texture, so no RGBA or LUMINANCE_ALPHA copy is made at start-up. GetTexDataAsRGBA32()
  // is avoided anyway: it can call Build(), which links ImGui's unused default font (see BuildUiFonts). The
  // atlas keeps its alpha bytes, so a restored context rebuilds the texture from them.
  ImFontAtlas* atlas = io.Fonts;
  const int width = atlas->TexWidth, height = atlas->TexHeight;
  if (g_gl.font_texture == 0) glGenTextures(1, &g_gl.font_texture);
  glBindTexture(GL_TEXTURE_2D, g_gl.font_texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);  // no mipmaps: any height is fine
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_ALPHA, width, height, 0, GL_ALPHA, GL_UNSIGNED_BYTE, atlas->TexPixelsAlpha8);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(g_gl.font_texture)));
}

bool GfxInit() {
  GLuint vs = CompileShader(GL_VERTEX_SHADER, reinterpret_cast<const char*>(shader_imgui_vert));
  GLuint fs = CompileShader(GL_FRAGMENT_SHADER, reinterpret_cast<const char*>(shader_imgui_frag));
  if (!vs || !fs) return false;
  g_gl.program = glCreateProgram();
  glAttachShader(g_gl.program, vs);
  glAttachShader(g_gl.program, fs);
  glLinkProgram(g_gl.program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(g_gl.program, GL_LINK_STATUS, &ok);
  if (!ok) {
    std::fprintf(stderr, "pasar gfx: program link failed\n");
    return false;
  }
  g_gl.loc_projection = glGetUniformLocation(g_gl.program, "u_projection");
  g_gl.loc_texture = glGetUniformLocation(g_gl.program, "u_texture");
  g_gl.loc_position = glGetAttribLocation(g_gl.program, "a_position");
  g_gl.loc_uv = glGetAttribLocation(g_gl.program, "a_uv");
  g_gl.loc_color = glGetAttribLocation(g_gl.program, "a_color");
  glGenBuffers(1, &g_gl.vbo);
  glGenBuffers(1, &g_gl.ibo);
  g_gl.font_texture = 0;
  GfxRebuildFontTexture();
  g_gl.ready = true;
  return true;
}

void GfxInvalidate() { g_gl = GfxObjects{}; }

bool GfxIsReady() { return g_gl.ready; }

const GfxStats& GfxGetStats() { return g_stats; }

void GfxRenderDrawData(const ImDrawData* draw_data, int fb_width, int fb_height) {
  g_stats.draw_calls_last_frame = 0;
  if (!g_gl.ready || fb_width <= 0 || fb_height <= 0) return;
  glViewport(0, 0, fb_width, fb_height);
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (!draw_data || draw_data->CmdListsCount == 0) return;

  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glEnable(GL_SCISSOR_TEST);

  // ImGui coordinates are framebuffer pixels here (the platform layer scales the whole UI by the device
  // pixel ratio instead of stretching a low-resolution framebuffer), so DisplayPos maps straight to pixels.
  const float l = draw_data->DisplayPos.x;
  const float r = draw_data->DisplayPos.x + draw_data->DisplaySize.x;
  const float t = draw_data->DisplayPos.y;
  const float b = draw_data->DisplayPos.y + draw_data->DisplaySize.y;
  const float projection[16] = {
      2.0f / (r - l), 0, 0, 0, 0, 2.0f / (t - b), 0, 0, 0, 0, -1.0f, 0,
      (r + l) / (l - r), (t + b) / (b - t), 0, 1.0f,
  };
  glUseProgram(g_gl.program);
  glUniformMatrix4fv(g_gl.loc_projection, 1, GL_FALSE, projection);
  glUniform1i(g_gl.loc_texture, 0);
  glActiveTexture(GL_TEXTURE0);
  glBindBuffer(GL_ARRAY_BUFFER, g_gl.vbo);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g_gl.ibo);
  glEnableVertexAttribArray(g_gl.loc_position);
  glEnableVertexAttribArray(g_gl.loc_uv);
  glEnableVertexAttribArray(g_gl.loc_color);
  glVertexAttribPointer(g_gl.loc_position, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                        reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(g_gl.loc_uv, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                        reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(g_gl.loc_color, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert),
                        reinterpret_cast<void*>(offsetof(ImDrawVert, col)));

  const ImVec2 clip_offset = draw_data->DisplayPos;
  for (int n = 0; n < draw_data->CmdListsCount; n++) {
    const ImDrawList* list = draw_data->CmdLists[n];
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(list->VtxBuffer.Size) * sizeof(ImDrawVert),
                 list->VtxBuffer.Data, GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(list->IdxBuffer.Size) * sizeof(ImDrawIdx),
                 list->IdxBuffer.Data, GL_STREAM_DRAW);
    for (int c = 0; c < list->CmdBuffer.Size; c++) {
      const ImDrawCmd& cmd = list->CmdBuffer[c];
      if (cmd.UserCallback) continue;  // the app registers no callbacks
      const float x0 = cmd.ClipRect.x - clip_offset.x, y0 = cmd.ClipRect.y - clip_offset.y;
      const float x1 = cmd.ClipRect.z - clip_offset.x, y1 = cmd.ClipRect.w - clip_offset.y;
      if (x1 <= x0 || y1 <= y0) continue;
      glScissor(static_cast<GLint>(x0), static_cast<GLint>(fb_height - y1), static_cast<GLsizei>(x1 - x0),
                static_cast<GLsizei>(y1 - y0));
      glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<intptr_t>(cmd.GetTexID())));
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount),
                     sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                     reinterpret_cast<void*>(static_cast<intptr_t>(cmd.IdxOffset * sizeof(ImDrawIdx))));
      g_stats.draw_calls_last_frame++;
    }
  }
  g_stats.draw_calls_total += g_stats.draw_calls_last_frame;
  glDisable(GL_SCISSOR_TEST);
}

}  // namespace pasar
