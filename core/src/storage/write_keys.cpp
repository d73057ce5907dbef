// The client-made keys of a clinic server's writes (record_store.hpp: WriteKeys): made in every program (the
// app keeps them with an action before any server is reached), used by the server's module.
#include <sys/random.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include "alsmeds/storage/record_store.hpp"

namespace alsmeds {

// Read from the kernel each time: a generator's state would be copied into forked processes, which would then
// make the same keys.
std::string new_write_key() {
  unsigned char b[16];
  std::size_t got = 0;
  while (got < sizeof b) {
    const ssize_t n = ::getrandom(b + got, sizeof b - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("no random numbers for a write key: ") + std::strerror(errno));
    }
    got += static_cast<std::size_t>(n);
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

std::string write_key(const WriteKeys& keys, int n) {
  if (n == 0 || keys.base.size() != 36) return keys.base;
  const std::uint32_t last = static_cast<std::uint32_t>(std::stoul(keys.base.substr(28), nullptr, 16)) ^
                             static_cast<std::uint32_t>(n);
  char tail[9];
  std::snprintf(tail, sizeof tail, "%08x", last);
  return keys.base.substr(0, 28) + tail;
}

}  // namespace alsmeds
