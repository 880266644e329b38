// Vertex colour times the font atlas's coverage (an ALPHA texture: the only texture we draw with; ImGui's
// solid shapes sample its white pixel). Colours are straight alpha.
precision mediump float;
uniform sampler2D u_texture;
varying vec2 v_uv;
varying vec4 v_color;
void main() {
  gl_FragColor = vec4(v_color.rgb, v_color.a * texture2D(u_texture, v_uv).a);
}
