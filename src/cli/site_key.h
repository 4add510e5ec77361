// The site's secret key, which seals the secrets Waymark keeps in its database (identity
// providers' client secrets, core/secrets.h SealSecret): from WAYMARK_SECRET_KEY, else from the
// file WAYMARK_SECRET_KEY_FILE names (64 hexadecimal digits either way).
#pragma once

#include <string>

#include "cli/cli.h"
#include "core/result.h"

namespace waymark::cli {

// The key's 32 bytes; kInvalidArgument naming the variable when neither is set or the key is
// malformed, kIo when the file cannot be read.
Result<std::string> SiteSecretKey(const Context& ctx);

}  // namespace waymark::cli
