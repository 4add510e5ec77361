// Test fixture for the routes that put figures in from the browser: the site fixture with two
// local measures (one kept by Public Health, one by the Police), a Police partner user, and an
// upload helper that hands the site a body in a file, as the server does for upload routes.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "web/site_test_fixture.h"

namespace waymark::web::testing {

inline constexpr std::string_view kUploadBoundary = "----WaymarkTestBoundary";

class DataRoutesFixture : public SiteFixture {
 protected:
  void SetUp() override {
    SiteFixture::SetUp();
    Indicator owned;
    owned.id = "young-people-heard";
    owned.title = "Young people who feel heard";
    owned.value_type = ValueType::kProportion;
    owned.unit = "%";
    owned.multiplier = 100;
    owned.polarity = Polarity::kHigh;
    owned.method = CiMethod::kWilson;
    owned.plan = "barnet-2019-23";
    owned.local = true;
    owned.owner = "public-health";
    Indicator other = owned;
    other.id = "police-survey";
    other.title = "Police survey";
    other.owner = "police";
    ASSERT_TRUE(Db().SaveIndicators({owned, other}, kTestNow).has_value());
    const std::string hash = *HashPassword(kTestPassword, PasswordCost::kTestMinimum);
    User police;
    police.email = "police@partners.example";
    police.name = "Test police";
    police.organisation = "police";
    police.role = Role::kPartner;
    ASSERT_TRUE(Db().CreateUser(police, hash, TestAudit("user.create")).has_value());
  }

  std::size_t Figures() { return *Db().CountObservations(); }
  std::size_t Audits(const std::string& action) {
    AuditFilter f;
    f.action = action;
    return Db().ListAudit(f)->size();
  }

  // A multipart/form-data part.
  static std::string Part(std::string_view name, std::string_view value) {
    return "--" + std::string(kUploadBoundary) + "\r\nContent-Disposition: form-data; name=\"" +
           std::string(name) + "\"\r\n\r\n" + std::string(value) + "\r\n";
  }
  static std::string FilePart(std::string_view filename, std::string_view data) {
    return "--" + std::string(kUploadBoundary) +
           "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
           std::string(filename) + "\"\r\nContent-Type: text/csv\r\n\r\n" + std::string(data) +
           "\r\n";
  }
  static std::string Closing() { return "--" + std::string(kUploadBoundary) + "--\r\n"; }
  // The form of /data/import as a browser sends it: the CSRF token, the format, the file.
  static std::string UploadBody(const std::string& csrf, std::string_view format,
                                std::string_view filename, std::string_view data) {
    return Part("csrf_token", csrf) + Part("format", format) + FilePart(filename, data) + Closing();
  }

  // The Cookie header `client` would send.
  static std::string CookieHeader(TestClient& client) {
    std::string cookie;
    for (const auto& [name, value] : client.Cookies()) {
      if (!cookie.empty()) cookie += "; ";
      cookie.append(name).append("=").append(value);
    }
    return cookie;
  }

  // POSTs `body` to /data/import with `client`'s cookies, the body in a file as the server
  // streams it.
  Response Upload(TestClient& client, const std::string& body) {
    const std::string file = dir_.Write("body-" + std::to_string(++uploads_), body);
    Request r;
    r.method = "POST";
    r.target = "/data/import";
    r.path = "/data/import";
    r.headers = {{"Cookie", CookieHeader(client)},
                 {"Content-Type", "multipart/form-data; boundary=" + std::string(kUploadBoundary)}};
    r.body_file = file;
    r.client_address = "127.0.0.1";
    return site_->Handle(std::move(r));
  }

  // True when no upload left a directory of parts behind.
  bool NoPartsLeft() const {
    for (const auto& entry : std::filesystem::directory_iterator(dir_.File(""))) {
      if (entry.path().filename().string().starts_with("waymark-parts-")) return false;
    }
    return true;
  }

  int uploads_ = 0;
};

}  // namespace waymark::web::testing
