// What the commands of one area share (command_kit.h).
#include "cli/command_kit.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <ostream>

#include <fmt/format.h>

#include "cli/table_text.h"

namespace waymark::cli {

int Fail(Context& ctx, std::string_view message) {
  *ctx.err << "waymark: " << ctx.command << ": " << message << "\n";
  return 1;
}

int Fail(Context& ctx, const Error& error) { return Fail(ctx, error.ToString()); }

int WriteOutput(Context& ctx, std::string_view text, const std::string& output) {
  return StreamOutput(ctx, output, [text](std::ostream& out) {
    out << text;
    return Status{};
  });
}

namespace {

// A device, pipe or socket that exists already (/dev/null, /dev/stdout, a named pipe): written
// to as it is, since a finished file put in its place would replace it.
bool IsSpecialFile(const std::string& output) {
  std::error_code error;
  const auto type = std::filesystem::status(output, error).type();
  return !error && type != std::filesystem::file_type::regular &&
         type != std::filesystem::file_type::directory &&
         type != std::filesystem::file_type::not_found;
}

// Writes the export to `path`; a failure names `output`, the file asked for.
Status WriteTo(const std::string& path, const std::string& output,
               const std::function<Status(std::ostream&)>& write) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  Status written = out ? write(out) : Status{};
  out.close();
  if (written && !out) written = MakeError(ErrorCode::kIo, "cannot write file", SourcePos{output});
  return written;
}

}  // namespace

int StreamOutput(Context& ctx, const std::string& output,
                 const std::function<Status(std::ostream&)>& write) {
  if (output.empty() || output == "-") {
    const Status written = write(*ctx.out);
    return written ? 0 : Fail(ctx, written.error());
  }
  if (IsSpecialFile(output)) {
    const Status written = WriteTo(output, output, write);
    return written ? 0 : Fail(ctx, written.error());
  }
  const std::string partial = output + ".partial";
  Status written = WriteTo(partial, output, write);
  std::error_code ignored;
  if (written) {
    std::filesystem::rename(partial, output, ignored);
    if (!ignored) return 0;
    written = MakeError(ErrorCode::kIo, "cannot write file", SourcePos{output});
  }
  std::filesystem::remove(partial, ignored);  // a failure to remove it leaves a ".partial" file
  return Fail(ctx, written.error());
}

std::optional<std::int64_t> ParseId(std::string_view text) {
  std::int64_t id = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, id);
  if (ec != std::errc() || ptr != end || id <= 0) return std::nullopt;
  return id;
}

int PrintProblems(Context& ctx, const Diagnostics& problems, std::size_t total) {
  total = std::max(total, problems.size());
  for (const Error& p : problems) *ctx.err << PrintableText(p.ToString()) << "\n";
  if (total > problems.size()) {
    *ctx.err << fmt::format("\u2026 and {} more\n", total - problems.size());
  }
  *ctx.err << fmt::format("{} problem{} found; nothing was stored\n", total, total == 1 ? "" : "s");
  return 1;
}

}  // namespace waymark::cli
