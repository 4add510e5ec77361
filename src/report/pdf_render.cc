// RenderPdf: running WeasyPrint as a child process, with a timeout, and reading its PDF back.
#include "report/pdf_render.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "report/scratch_dir.h"

extern char** environ;  // NOLINT(readability-identifier-naming): POSIX

namespace waymark::report {
namespace {

constexpr std::string_view kNotFound =
    "weasyprint not found: install the Debian package weasyprint";
constexpr size_t kMaxStderrKept = size_t{64} * 1024;
constexpr size_t kStderrShown = 4000;

using Clock = std::chrono::steady_clock;

bool IsExecutableFile(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
         ::access(path.c_str(), X_OK) == 0;
}

// `name` looked up in the directories of $PATH, as a shell would.
std::string SearchPath(const std::string& name) {
  const char* path_env = std::getenv("PATH");
  const std::string_view dirs = path_env != nullptr ? path_env : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string_view::npos) end = dirs.size();
    const std::string_view dir = dirs.substr(start, end - start);
    std::string candidate = fmt::format("{}/{}", dir.empty() ? "." : dir, name);
    if (IsExecutableFile(candidate)) return candidate;
    start = end + 1;
  }
  return "";
}

// The end of the child's standard error, for an error message.
std::string StderrTail(std::string_view text) {
  if (text.size() > kStderrShown) text = text.substr(text.size() - kStderrShown);
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "(nothing on standard error)";
  const size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

Status CheckOptions(const PdfOptions& options) {
  if (options.timeout.count() <= 0) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("PDF timeout: it must be positive, not {} ms", options.timeout.count()));
  }
  for (const std::string& stylesheet : options.stylesheets) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(stylesheet, ec)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("PDF stylesheet: there is no file {}", stylesheet));
    }
  }
  return {};
}

// A pipe whose both ends close on exec; closed when it goes.
class Pipe {
 public:
  Pipe() = default;
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  ~Pipe() {
    CloseRead();
    CloseWrite();
  }
  bool Open() { return ::pipe2(fds_, O_CLOEXEC) == 0; }
  int read_fd() const { return fds_[0]; }
  int write_fd() const { return fds_[1]; }
  void CloseRead() { Close(fds_[0]); }
  void CloseWrite() { Close(fds_[1]); }

 private:
  static void Close(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  int fds_[2] = {-1, -1};
};

// posix_spawn's attributes and file actions, destroyed when they go.
class SpawnSetup {
 public:
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions_);
    posix_spawnattr_init(&attr_);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions_);
    posix_spawnattr_destroy(&attr_);
  }
  // Standard input from `stdin_path`, standard output and error into `out_fd`, and a process
  // group of the child's own so that a timeout stops everything it started.
  bool Prepare(const std::string& stdin_path, int out_fd) {
    return posix_spawn_file_actions_addopen(&actions_, STDIN_FILENO, stdin_path.c_str(), O_RDONLY,
                                            0) == 0 &&
           posix_spawn_file_actions_adddup2(&actions_, out_fd, STDOUT_FILENO) == 0 &&
           posix_spawn_file_actions_adddup2(&actions_, out_fd, STDERR_FILENO) == 0 &&
           posix_spawnattr_setflags(&attr_, POSIX_SPAWN_SETPGROUP) == 0 &&
           posix_spawnattr_setpgroup(&attr_, 0) == 0;
  }
  const posix_spawn_file_actions_t* actions() const { return &actions_; }
  const posix_spawnattr_t* attr() const { return &attr_; }

 private:
  posix_spawn_file_actions_t actions_{};
  posix_spawnattr_t attr_{};
};

struct ChildOutcome {
  bool timed_out = false;
  int wait_status = 0;
  std::string stderr_text;
};

int MillisecondsLeft(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(left.count(), 0, 1'000'000));
}

// Reads the child's output until it closes it or the deadline passes, keeping its last
// kMaxStderrKept bytes. False on timeout.
bool ReadUntilClosed(int fd, Clock::time_point deadline, std::string& text) {
  char buffer[4096];
  while (true) {
    const int left = MillisecondsLeft(deadline);
    if (left <= 0) return false;
    pollfd wanted{fd, POLLIN, 0};
    const int ready = ::poll(&wanted, 1, left);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return ready < 0;  // an error ends the reading; the wait still applies
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    text.append(buffer, static_cast<size_t>(n));
    if (text.size() > kMaxStderrKept) text.erase(0, text.size() - kMaxStderrKept);  // the end
  }
}

// Waits for the child to exit by the deadline; false when it has not.
bool WaitUntil(pid_t pid, Clock::time_point deadline, int& wait_status) {
  while (true) {
    const pid_t done = ::waitpid(pid, &wait_status, WNOHANG);
    if (done == pid) return true;
    if (done < 0 && errno != EINTR) return true;  // not our child any more: nothing to wait for
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

ChildOutcome Collect(pid_t pid, Pipe& pipe, std::chrono::milliseconds timeout) {
  ChildOutcome outcome;
  const Clock::time_point deadline = Clock::now() + timeout;
  const bool closed = ReadUntilClosed(pipe.read_fd(), deadline, outcome.stderr_text);
  if (closed && WaitUntil(pid, deadline, outcome.wait_status)) return outcome;
  outcome.timed_out = true;
  ::kill(-pid, SIGKILL);
  while (::waitpid(pid, &outcome.wait_status, 0) < 0 && errno == EINTR) {
  }
  return outcome;
}

Result<ChildOutcome> RunChild(const std::string& executable, std::vector<std::string> args,
                              const std::string& stdin_path, std::chrono::milliseconds timeout) {
  Pipe pipe;
  SpawnSetup setup;
  if (!pipe.Open() || !setup.Prepare(stdin_path, pipe.write_fd())) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("cannot prepare to run weasyprint: {}", std::strerror(errno)));
  }
  std::string program = executable;
  std::vector<char*> argv = {program.data()};
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned =
      ::posix_spawn(&pid, program.c_str(), setup.actions(), setup.attr(), argv.data(), environ);
  if (spawned == ENOENT) return MakeError(ErrorCode::kUnsupported, std::string(kNotFound));
  if (spawned != 0) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("cannot run {}: {}", executable, std::strerror(spawned)));
  }
  pipe.CloseWrite();  // the child holds the only writing end now
  return Collect(pid, pipe, timeout);
}

Status CheckOutcome(const ChildOutcome& outcome, std::chrono::milliseconds timeout) {
  if (outcome.timed_out) {
    return MakeError(
        ErrorCode::kIo,
        fmt::format("weasyprint did not finish within {} ms and was stopped", timeout.count()));
  }
  if (WIFSIGNALED(outcome.wait_status)) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("weasyprint was stopped by signal {}: {}",
                                 WTERMSIG(outcome.wait_status), StderrTail(outcome.stderr_text)));
  }
  const int status = WIFEXITED(outcome.wait_status) ? WEXITSTATUS(outcome.wait_status) : -1;
  if (status != 0) {
    return MakeError(ErrorCode::kIo, fmt::format("weasyprint failed (exit status {}): {}", status,
                                                 StderrTail(outcome.stderr_text)));
  }
  return {};
}

Status WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return MakeError(ErrorCode::kIo, fmt::format("cannot write {}", path));
  return {};
}

}  // namespace

Result<std::string> FindWeasyprint(const PdfOptions& options) {
  std::string name = options.executable;
  std::string_view from = "";
  if (name.empty()) {
    const char* env = std::getenv(kWeasyprintEnv);
    name = env != nullptr && *env != '\0' ? env : "weasyprint";
    if (env != nullptr && *env != '\0') from = " (from WAYMARK_WEASYPRINT)";
  }
  if (name.find('/') == std::string::npos) {
    std::string found = SearchPath(name);
    if (found.empty()) return MakeError(ErrorCode::kUnsupported, std::string(kNotFound));
    return found;
  }
  if (!IsExecutableFile(name)) {
    return MakeError(ErrorCode::kUnsupported,
                     fmt::format("weasyprint not found at {}{}: install the Debian package "
                                 "weasyprint",
                                 name, from));
  }
  return name;
}

bool PdfRendererAvailable(const PdfOptions& options) { return FindWeasyprint(options).has_value(); }

std::vector<std::string> WeasyprintArguments(const PdfOptions& options,
                                             const std::string& output_path) {
  std::vector<std::string> args = {"--pdf-variant", "pdf/ua-1", "--encoding", "utf-8"};
  if (!options.base_url.empty()) args.push_back("--base-url=" + options.base_url);
  for (const std::string& stylesheet : options.stylesheets) {
    args.push_back("--stylesheet=" + stylesheet);
  }
  args.emplace_back("-");
  args.push_back(output_path);
  return args;
}

Result<std::string> RenderPdf(std::string_view html, const PdfOptions& options) {
  WAYMARK_TRY(CheckOptions(options));
  WAYMARK_ASSIGN_OR_RETURN(const std::string executable, FindWeasyprint(options));
  WAYMARK_ASSIGN_OR_RETURN(const ScratchDir dir, ScratchDir::Create("pdf"));
  const std::string input = dir.File("report.html");
  const std::string output = dir.File("report.pdf");
  WAYMARK_TRY(WriteFile(input, html));
  WAYMARK_ASSIGN_OR_RETURN(
      const ChildOutcome outcome,
      RunChild(executable, WeasyprintArguments(options, output), input, options.timeout));
  WAYMARK_TRY(CheckOutcome(outcome, options.timeout));
  std::error_code ec;
  if (!std::filesystem::exists(output, ec)) {
    return MakeError(ErrorCode::kIo, "weasyprint wrote no PDF: " + StderrTail(outcome.stderr_text));
  }
  WAYMARK_ASSIGN_OR_RETURN(std::string pdf, ReadWholeFile(output));
  if (pdf.rfind("%PDF-", 0) != 0) {
    return MakeError(ErrorCode::kIo, "weasyprint wrote a file that is not a PDF");
  }
  return pdf;
}

}  // namespace waymark::report
