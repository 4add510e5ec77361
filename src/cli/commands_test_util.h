// Helpers shared by the command tests: the source tree, a file read back whole, the ids of the
// Barnet 2019-23 plan and of the demo survey (with the survey's file), and a day in seconds for
// moving a fixed clock on.
#pragma once

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace waymark::cli {

inline const std::string kRoot = WAYMARK_SOURCE_DIR;
inline constexpr char kPlan[] = "barnet-2019-23";
inline constexpr char kSurvey[] = "barnet-young-people";
inline const std::string kSurveyFile =
    std::string(WAYMARK_SOURCE_DIR) + "/data/surveys/barnet-young-people.toml";
inline constexpr std::int64_t kDay = std::int64_t{24} * 60 * 60;

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace waymark::cli
