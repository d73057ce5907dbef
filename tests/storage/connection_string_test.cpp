// The connection string alsmeds connects with: connect_timeout, and TCP settings of about that time so that
// a line gone silent fails instead of hanging, each added only when the string does not name it.
#include <catch2/catch.hpp>

#include "alsmeds/storage/record_store.hpp"

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

TEST_CASE("A server's address is shown and kept without its password, wherever the password stands",
          "[sqlite-only]") {
  using alsmeds::server_name;
  using alsmeds::without_password;
  CHECK(server_name("postgresql://kim:s3cret@db.clinic/alsmeds") == "postgresql://kim@db.clinic/alsmeds");
  // A password holding '@' (libpq reads the authority up to its last '@'): nothing of it is left.
  CHECK(server_name("postgresql://kim:p@ss@db.clinic/alsmeds?sslmode=require") ==
        "postgresql://kim@db.clinic/alsmeds?sslmode=require");
  CHECK(server_name("postgresql://kim@db.clinic/alsmeds?sslmode=require&password=s3cret&connect_timeout=3") ==
        "postgresql://kim@db.clinic/alsmeds?sslmode=require&connect_timeout=3");
  CHECK(server_name("postgresql://kim@db.clinic/alsmeds?password=s3cret") ==
        "postgresql://kim@db.clinic/alsmeds");
  CHECK(server_name("host=db.clinic password=s3cret dbname=alsmeds") == "host=db.clinic dbname=alsmeds");
  CHECK(server_name("host=db.clinic password = 'a b\\'c' dbname=alsmeds") == "host=db.clinic dbname=alsmeds");
  // What the app keeps in its settings opens the same database (libpq reads the password from ~/.pgpass).
  CHECK(without_password("postgres://kim:x@/alsmeds?host=/run/postgresql") ==
        "postgres://kim@/alsmeds?host=/run/postgresql");
  CHECK(without_password("postgresql://db.clinic/alsmeds") == "postgresql://db.clinic/alsmeds");
}
