// The connection string alsmeds connects with: connect_timeout, and TCP settings of about that time so that
// a line gone silent fails instead of hanging, each added only when the string does not name it.
#include <catch2/catch.hpp>

#include "alsmeds/record_store.hpp"

using alsmeds::with_connect_timeout;

TEST_CASE("A server URI gets the connect timeout, tcp_user_timeout and keepalives it does not name",
          "[sqlite-only]") {
  CHECK(with_connect_timeout("postgresql://nurse@db.clinic.example/alsmeds", 5) ==
        "postgresql://nurse@db.clinic.example/alsmeds?connect_timeout=5&tcp_user_timeout=5000&keepalives=1"
        "&keepalives_idle=5&keepalives_interval=1&keepalives_count=3");
  // The URI's own connect timeout: the TCP settings follow it (12 s: probes every 4 s).
  CHECK(with_connect_timeout("postgres://db.clinic.example/alsmeds?sslmode=verify-full&connect_timeout=12",
                             5) ==
        "postgres://db.clinic.example/alsmeds?sslmode=verify-full&connect_timeout=12&tcp_user_timeout=12000"
        "&keepalives=1&keepalives_idle=12&keepalives_interval=4&keepalives_count=3");
  // Settings the URI names are kept as they are.
  CHECK(with_connect_timeout("postgresql://db/alsmeds?tcp_user_timeout=30000&keepalives=0", 5) ==
        "postgresql://db/alsmeds?tcp_user_timeout=30000&keepalives=0&connect_timeout=5&keepalives_idle=5"
        "&keepalives_interval=1&keepalives_count=3");
  // A Unix socket's folder as host (libpq leaves the TCP settings unused there).
  CHECK(with_connect_timeout("postgresql://postgres@/postgres?host=/run/postgresql", 2) ==
        "postgresql://postgres@/postgres?host=/run/postgresql&connect_timeout=2&tcp_user_timeout=2000"
        "&keepalives=1&keepalives_idle=2&keepalives_interval=1&keepalives_count=3");
}

TEST_CASE("libpq keywords get the settings they do not name, and a string libpq cannot read is left as it is",
          "[sqlite-only]") {
  CHECK(with_connect_timeout("host=db.clinic.example dbname=alsmeds connect_timeout = 3", 5) ==
        "host=db.clinic.example dbname=alsmeds connect_timeout = 3 tcp_user_timeout=3000 keepalives=1 "
        "keepalives_idle=3 keepalives_interval=1 keepalives_count=3");
  CHECK(with_connect_timeout("host=db dbname=alsmeds password='a b'", 5) ==
        "host=db dbname=alsmeds password='a b' connect_timeout=5 tcp_user_timeout=5000 keepalives=1 "
        "keepalives_idle=5 keepalives_interval=1 keepalives_count=3");
  CHECK(with_connect_timeout("host=db dbname='alsmeds", 5) == "host=db dbname='alsmeds");
}
