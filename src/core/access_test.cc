// Roles, permissions and plan visibility; the role table in docs/access.md against Allows().
#include "core/access.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace waymark {
namespace {

TEST(Access, RoleNamesRoundTripAndUnknownNamesAreRefused) {
  for (Role role : kAllRoles) EXPECT_EQ(ParseRole(RoleName(role)), role);
  EXPECT_FALSE(ParseRole("Admin").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
  EXPECT_FALSE(ParseRole("superuser").has_value());
}

TEST(Access, ThePublicHasOnlyPublic) {
  EXPECT_TRUE(Allows(std::nullopt, Permission::kPublic));
  for (Permission p : {Permission::kSignedIn, Permission::kReadDrafts, Permission::kViewAudit,
                       Permission::kManageUsers, Permission::kEditPlans, Permission::kSignOff,
                       Permission::kUpdateActions, Permission::kRunCycles}) {
    EXPECT_FALSE(Allows(std::nullopt, p)) << PermissionName(p);
  }
}

// The "Permissions of each role" table of docs/access.md is the rule as documented.
TEST(Access, TheDocumentedRoleTableIsTheRule) {
  std::ifstream in(std::string(WAYMARK_SOURCE_DIR) + "/docs/access.md");
  ASSERT_TRUE(in.good());
  std::string line;
  std::vector<Role> columns;
  int checked = 0;
  while (std::getline(in, line)) {
    if (line.starts_with("| permission |")) {
      std::stringstream cells(line);
      std::string cell;
      while (std::getline(cells, cell, '|')) {
        const auto trimmed = cell.substr(
            cell.find_first_not_of(' ') == std::string::npos ? 0 : cell.find_first_not_of(' '));
        const auto name = trimmed.substr(0, trimmed.find(' '));
        if (auto role = ParseRole(name)) columns.push_back(*role);
      }
      continue;
    }
    if (columns.empty() || !line.starts_with("| `")) continue;
    const size_t open = line.find('`'), close = line.find('`', open + 1);
    const std::string name = line.substr(open + 1, close - open - 1);
    std::optional<Permission> permission;
    for (int p = 0; p <= static_cast<int>(Permission::kRunCycles); ++p) {
      if (PermissionName(static_cast<Permission>(p)) == name)
        permission = static_cast<Permission>(p);
    }
    ASSERT_TRUE(permission.has_value()) << name;
    std::stringstream cells(line.substr(close + 1));
    std::string cell;
    size_t i = 0;
    while (std::getline(cells, cell, '|')) {
      if (cell.find_first_not_of(' ') == std::string::npos) continue;
      ASSERT_LT(i, columns.size());
      const bool yes = cell.find("yes") != std::string::npos;
      EXPECT_EQ(Allows(columns[i], *permission), yes) << name << " " << RoleName(columns[i]);
      ++i;
      ++checked;
    }
  }
  EXPECT_EQ(columns.size(), 4u);
  EXPECT_EQ(checked, 10 * 4);
}

TEST(Access, DraftsAreSeenOnlyByThoseWhoMayReadThem) {
  Principal pub;
  EXPECT_TRUE(CanSeePlan(pub, "published"));
  EXPECT_TRUE(CanSeePlan(pub, "archived"));
  EXPECT_FALSE(CanSeePlan(pub, "draft"));
  EXPECT_FALSE(CanSeePlan(pub, "something-new"));  // unknown: treated as a draft
  Principal p;
  for (Role role : kAllRoles) {
    p.role = role;
    EXPECT_EQ(CanSeePlan(p, "draft"), role != Role::kPartner) << RoleName(role);
    EXPECT_TRUE(CanSeePlan(p, "published"));
  }
}

TEST(Access, OnlyAnalystsReviewSurveyAnswers) {
  Principal p;
  EXPECT_FALSE(CanReviewSurveyAnswers(p));  // the public
  for (Role role : kAllRoles) {
    p.role = role;
    EXPECT_EQ(CanReviewSurveyAnswers(p), role == Role::kAnalyst) << RoleName(role);
    EXPECT_EQ(MayHoldSafeguarding(role), role == Role::kAnalyst) << RoleName(role);
  }
}

TEST(Access, FlaggedAnswersNeedTheGrantOnTopOfTheAnalystRole) {
  Principal p;
  p.safeguarding = true;
  EXPECT_FALSE(CanSeeSafeguarding(p));  // a grant without a role: the public
  for (Role role : kAllRoles) {
    p.role = role;
    p.safeguarding = true;
    EXPECT_EQ(CanSeeSafeguarding(p), role == Role::kAnalyst) << RoleName(role);
    p.safeguarding = false;
    EXPECT_FALSE(CanSeeSafeguarding(p)) << RoleName(role);
  }
  EXPECT_FALSE(kDefaultSafeguardingProcedure.empty());
  EXPECT_LE(kDefaultSafeguardingProcedure.size(), kMaxSafeguardingProcedureLength);
}

TEST(Access, AuditNamesSayWhoAndThroughWhichToken) {
  Principal p;
  EXPECT_EQ(p.AuditName(), "public");
  p.role = Role::kAnalyst;
  p.email = "a@b.example";
  EXPECT_EQ(p.AuditName(), "a@b.example");
  p.token_id = 7;
  EXPECT_EQ(p.AuditName(), "a@b.example (token 7)");
}

}  // namespace
}  // namespace waymark
