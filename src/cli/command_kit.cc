// What the commands of one area share (command_kit.h).
#include "cli/command_kit.h"

#include <algorithm>
#include <charconv>
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
  if (output.empty() || output == "-") {
    *ctx.out << text;
    return 0;
  }
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return Fail(ctx, Error{ErrorCode::kIo, "cannot write file", SourcePos{output}});
  return 0;
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
