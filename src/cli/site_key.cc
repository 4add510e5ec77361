// Reads the site's secret key from the environment or its file.
#include "cli/site_key.h"

#include <fmt/format.h>

#include "core/secrets.h"
#include "ingest/plan_file.h"

namespace waymark::cli {

Result<std::string> SiteSecretKey(const Context& ctx) {
  if (!ctx.secret_key.empty()) {
    auto key = ParseSecretKey(ctx.secret_key);
    if (!key) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("WAYMARK_SECRET_KEY: {}", key.error().message));
    }
    return key;
  }
  if (ctx.secret_key_file.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "set WAYMARK_SECRET_KEY, or WAYMARK_SECRET_KEY_FILE to a file holding the "
                     "key; make a key with 'waymark idp key'");
  }
  WAYMARK_ASSIGN_OR_RETURN(std::string text, ingest::ReadTextFile(ctx.secret_key_file));
  auto key = ParseSecretKey(text);
  if (!key) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}: {}", ctx.secret_key_file, key.error().message));
  }
  return key;
}

}  // namespace waymark::cli
