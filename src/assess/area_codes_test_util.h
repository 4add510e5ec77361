// The area codes the assessment tests share: England's and Barnet's (ONS GSS codes).
#pragma once

namespace waymark::assess {

inline constexpr char kEngland[] = "E92000001";
inline constexpr char kBarnet[] = "E09000003";

}  // namespace waymark::assess
