// What the commands of one area share (command_kit.h).
#include "cli/command_kit.h"

#include <charconv>
#include <ostream>

namespace waymark::cli {

int Fail(Context& ctx, std::string_view message) {
  *ctx.err << "waymark: " << ctx.command << ": " << message << "\n";
  return 1;
}

int Fail(Context& ctx, const Error& error) { return Fail(ctx, error.ToString()); }

std::optional<std::int64_t> ParseId(std::string_view text) {
  std::int64_t id = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, id);
  if (ec != std::errc() || ptr != end || id <= 0) return std::nullopt;
  return id;
}

}  // namespace waymark::cli
