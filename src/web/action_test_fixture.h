// Test fixture for the action pages through the whole site: the site fixture with helpers that
// open a cycle of the published plan in the store, write the update form's body, and read back
// the stored updates and the audit log.
#pragma once

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "web/site_test_fixture.h"

namespace waymark::web::testing {

inline constexpr const char* kOwnAction = "hw-healthy-child-programme";  // public-health's
inline constexpr const char* kOtherAction =
    "fb-embed-resilience-based-practice";  // family-services'
inline constexpr const char* kPartner = "public-health@partners.example";
inline constexpr const char* kAnalyst = "analyst@barnet.example";
inline constexpr const char* kBoard = "board@barnet.example";
inline constexpr const char* kPlanId = "barnet-2019-23";  // the published plan

class ActionRoutesTest : public SiteFixture {
 protected:
  // Opens a cycle of the published plan directly in the store.
  std::int64_t OpenCycle(const std::string& due) {
    ReportingCycle c;
    c.plan_id = "barnet-2019-23";
    c.name = "2026-27 Q2";
    c.from = *Date::Parse("2026-07-01");
    c.to = *Date::Parse("2026-09-30");
    c.due = *Date::Parse(due);
    auto opened = Db().OpenCycle(c, kTestNow, TestAudit("cycle.open"));
    EXPECT_TRUE(opened.has_value()) << opened.error().ToString();
    return opened ? opened->id : 0;
  }
  std::vector<ActionUpdate> Updates(const std::string& action) {
    store::UpdateFilter f{"barnet-2019-23", 0, action};
    return *Db().ListActionUpdates(f);
  }
  std::size_t AuditCount() { return Db().ListAudit({})->size(); }
  static std::string Field(const std::string& name, const std::string& value) {
    std::string out = name + "=";
    for (unsigned char c : value) {
      if (std::isalnum(c) != 0) {
        out += static_cast<char>(c);
      } else {
        static constexpr char kHex[] = "0123456789ABCDEF";
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
    return out;
  }
  static std::string UpdateForm(const std::string& status, const std::string& narrative,
                                int version, const std::string& button,
                                const std::string& evidence = "",
                                const std::string& completion = "") {
    return Field("status", status) + "&" + Field("narrative", narrative) + "&" +
           Field("evidence", evidence) + "&next_steps=&" +
           Field("expected_completion", completion) + "&version=" + std::to_string(version) + "&" +
           button + "=1";
  }
  std::string UpdatePath(const char* action) {
    return std::string("/actions/") + action + "/update";
  }
  std::string MakeToken(const std::string& email) {
    std::string token = RandomToken("wmk_");
    ApiToken t;
    t.user_id = Db().FindUser(email)->user.id;
    t.name = "test";
    t.created_at = FormatUtc(kTestNow);
    EXPECT_TRUE(Db().CreateApiToken(t, TokenDigest(token, kApiTokenPurpose), TestAudit("token")));
    return token;
  }
};

}  // namespace waymark::web::testing
