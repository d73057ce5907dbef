// Checks a screenshot is a real picture of the window, not a blank or single-colour frame:
// png_check FILE WIDTH HEIGHT -> exit 0 when it has the size, at least 24 distinct colours, and at least
// 5% of its pixels differ from the most common (background) colour.
#include <stb/stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <map>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: png_check FILE WIDTH HEIGHT\n");
    return 2;
  }
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
  if (!px) {
    std::fprintf(stderr, "%s: not a readable PNG\n", argv[1]);
    return 1;
  }
  std::map<unsigned, long> colours;
  for (long i = 0; i < static_cast<long>(w) * h; ++i)
    ++colours[(unsigned{px[3 * i]} << 16) | (unsigned{px[3 * i + 1]} << 8) | px[3 * i + 2]];
  stbi_image_free(px);
  long most = 0;
  for (const auto& [c, count] : colours) most = std::max(most, count);
  const double other = 1.0 - static_cast<double>(most) / (static_cast<double>(w) * h);
  std::printf("%s: %dx%d, %zu colours, %.1f%% not background\n", argv[1], w, h, colours.size(), other * 100);
  const bool ok = w == std::atoi(argv[2]) && h == std::atoi(argv[3]) && colours.size() >= 24 && other >= 0.05;
  return ok ? 0 : 1;
}
