#pragma once
// Runs a program with its output thrown away and returns its exit code (127 when it cannot start).
// posix_spawn: no copy of this process's page tables, so a timing is the command's own time.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace alsmeds::bench {

/// `peak_kib`, when given, receives the program's largest resident size in KiB (read every 10 ms).
inline int run(const std::vector<std::string>& args, long* peak_kib = nullptr) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  // Warnings too (storage_bench's doses repeat imported ones: thousands of lines in CI's log); a failure
  // still shows in the exit code, which every caller prints.
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return 127;
  int status = 0;
  if (peak_kib == nullptr) {
    waitpid(pid, &status, 0);
  } else {
    // The program's own high-water mark, read while it runs (VmHWM is of its memory since its exec; wait4's
    // ru_maxrss would count this process's memory too, which a spawned child shares until it execs).
    *peak_kib = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
      if (std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/status").c_str(), "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, f) != nullptr)
          if (std::strncmp(line, "VmHWM:", 6) == 0) *peak_kib = std::max(*peak_kib, std::atol(line + 6));
        std::fclose(f);
      }
      usleep(10000);
    }
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace alsmeds::bench
