// The alsmeds icon, drawn once with cairo and written as SVG (hicolor "scalable") and as PNGs of the sizes the
// desktop asks for: a calendar page of dose days (some given, one due) with a capsule beside it.
// Usage: draw_icon OUT_DIR NAME  ->  OUT_DIR/scalable/apps/NAME.svg and OUT_DIR/<N>x<N>/apps/NAME.png (the
// hicolor theme's layout).
#include <cairo-svg.h>
#include <cairo.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {

void rounded(cairo_t* cr, double x, double y, double w, double h, double r) {
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
  cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
  cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
  cairo_close_path(cr);
}

/// Draws on a 256 x 256 canvas (scaled by the caller).
void draw(cairo_t* cr) {
  rounded(cr, 8, 8, 240, 240, 44);  // tile
  cairo_set_source_rgb(cr, 0.11, 0.40, 0.50);
  cairo_fill(cr);
  rounded(cr, 40, 52, 150, 150, 16);  // calendar page
  cairo_set_source_rgb(cr, 0.97, 0.97, 0.95);
  cairo_fill(cr);
  cairo_save(cr);  // the page's header band
  rounded(cr, 40, 52, 150, 150, 16);
  cairo_clip(cr);
  cairo_rectangle(cr, 40, 52, 150, 34);
  cairo_set_source_rgb(cr, 0.91, 0.42, 0.33);
  cairo_fill(cr);
  cairo_restore(cr);
  for (double x : {70.0, 160.0}) {  // rings
    cairo_set_source_rgb(cr, 0.20, 0.22, 0.25);
    rounded(cr, x - 6, 38, 12, 28, 6);
    cairo_fill(cr);
  }
  for (int row = 0; row < 3; ++row)  // dose days: given (filled), due (ring), drug-free (small dot)
    for (int col = 0; col < 4; ++col) {
      const double cx = 64 + col * 34, cy = 110 + row * 30;
      const int n = row * 4 + col;
      cairo_new_path(cr);
      if (n < 6) {
        cairo_arc(cr, cx, cy, 10, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 0.22, 0.62, 0.36);
        cairo_fill(cr);
      } else if (n == 6) {
        cairo_arc(cr, cx, cy, 9, 0, 2 * M_PI);
        cairo_set_line_width(cr, 4);
        cairo_set_source_rgb(cr, 0.91, 0.42, 0.33);
        cairo_stroke(cr);
      } else {
        cairo_arc(cr, cx, cy, 4, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 0.70, 0.72, 0.74);
        cairo_fill(cr);
      }
    }
  cairo_save(cr);  // capsule, tilted
  cairo_translate(cr, 190, 186);
  cairo_rotate(cr, -M_PI / 4);
  rounded(cr, -48, -20, 96, 40, 20);
  cairo_set_source_rgb(cr, 0.97, 0.97, 0.95);
  cairo_fill_preserve(cr);
  cairo_set_line_width(cr, 5);
  cairo_set_source_rgb(cr, 0.20, 0.22, 0.25);
  cairo_stroke(cr);
  cairo_new_path(cr);
  cairo_move_to(cr, 0, -17.5);
  cairo_line_to(cr, 28, -17.5);
  cairo_arc(cr, 28, 0, 17.5, -M_PI / 2, M_PI / 2);
  cairo_line_to(cr, 0, 17.5);
  cairo_close_path(cr);
  cairo_set_source_rgb(cr, 0.91, 0.42, 0.33);
  cairo_fill(cr);
  cairo_restore(cr);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: draw_icon OUT_DIR NAME\n");
    return 2;
  }
  const std::filesystem::path out = argv[1];
  const std::string name = argv[2];
  std::filesystem::create_directories(out / "scalable" / "apps");
  {
    cairo_surface_t* svg = cairo_svg_surface_create((out / "scalable" / "apps" / (name + ".svg")).c_str(), 256, 256);
    cairo_t* cr = cairo_create(svg);
    draw(cr);
    cairo_destroy(cr);
    cairo_surface_finish(svg);
    if (cairo_surface_status(svg) != CAIRO_STATUS_SUCCESS) return 1;
    cairo_surface_destroy(svg);
  }
  for (int size : {16, 24, 32, 48, 64, 128, 256}) {
    cairo_surface_t* png = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
    cairo_t* cr = cairo_create(png);
    cairo_scale(cr, size / 256.0, size / 256.0);
    draw(cr);
    cairo_destroy(cr);
    const auto dir = out / (std::to_string(size) + "x" + std::to_string(size)) / "apps";
    std::filesystem::create_directories(dir);
    if (cairo_surface_write_to_png(png, (dir / (name + ".png")).c_str()) != CAIRO_STATUS_SUCCESS) return 1;
    cairo_surface_destroy(png);
  }
  return 0;
}
