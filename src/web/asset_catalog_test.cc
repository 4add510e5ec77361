// Tests of fingerprinted asset names: their form, the addresses pages use, serving under them
// (a year, immutable), a wrong fingerprint 404ing, and plain names still served.
#include "web/asset_catalog.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/temp_dir.h"
#include "report/asset_urls.h"
#include "web/cache_policy.h"
#include "web/embedded_assets.h"
#include "web/web_test_util.h"

namespace waymark::web {
namespace {

using testing::WriteFile;

TEST(FingerprintedNames, PutTheHashBeforeTheExtension) {
  EXPECT_EQ(FingerprintedName("images/favicon.svg", "0123456789"),
            "images/favicon.0123456789.svg");
  EXPECT_EQ(FingerprintedName("govuk-frontend.min.css", "abcdef0123"),
            "govuk-frontend.min.abcdef0123.css");
  EXPECT_EQ(FingerprintedName("images/README", "0123456789"), "images/README");
  EXPECT_EQ(FingerprintedName("dir.d/file", "0123456789"), "dir.d/file");
  const auto parsed = ParseFingerprintedName("images/favicon.0123456789.svg");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->name, "images/favicon.svg");
  EXPECT_EQ(parsed->hash, "0123456789");
  EXPECT_FALSE(ParseFingerprintedName("images/favicon.svg").has_value());
  EXPECT_FALSE(ParseFingerprintedName("favicon.012345678.svg").has_value());   // 9 digits
  EXPECT_FALSE(ParseFingerprintedName("favicon.012345678X.svg").has_value());  // not hex
  EXPECT_FALSE(ParseFingerprintedName("favicon.0123456789A.svg").has_value());
  EXPECT_FALSE(ParseFingerprintedName(".0123456789.svg").has_value());  // no name before it
}

TEST(Fingerprint, IsTenHexDigitsOfTheContent) {
  const std::string a = Fingerprint("body{}");
  EXPECT_EQ(a.size(), 10u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a, Fingerprint("body{}"));
  EXPECT_NE(a, Fingerprint("body{ }"));
}

class AssetCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    frontend_ = dir_.File("frontend");
    WriteFile(frontend_ / "govuk-frontend.min.css", "body{color:black}");
    WriteFile(frontend_ / "govuk-frontend.min.js", "export function initAll(){}");
    WriteFile(frontend_ / "assets/images/favicon.svg", "<svg/>");
    WriteFile(frontend_ / "assets/images/favicon.ico", "ICO");
    WriteFile(frontend_ / "assets/fonts/bold.woff2", "wOF2");
  }
  TempDir dir_;
  std::filesystem::path frontend_;
};

TEST_F(AssetCatalogTest, PagesNameEveryFileByItsFingerprint) {
  AssetCatalog catalog(frontend_);
  const auto urls = catalog.PageUrls();
  EXPECT_EQ(urls.at("/static/waymark.css"),
            "/assets/waymark." + Fingerprint(SiteStylesheet()) + ".css");
  EXPECT_EQ(urls.at("/static/govuk-frontend.min.css"),
            "/assets/govuk-frontend.min." + Fingerprint("body{color:black}") + ".css");
  EXPECT_EQ(urls.at("/assets/images/favicon.svg"),
            "/assets/images/favicon." + Fingerprint("<svg/>") + ".svg");
  // waymark.mjs imports GOV.UK Frontend's script by its fingerprinted name too.
  const auto script = catalog.ServeStatic("waymark.mjs");
  ASSERT_TRUE(script.has_value());
  EXPECT_NE(script->body.find(urls.at("/static/govuk-frontend.min.js")), std::string::npos);
  EXPECT_EQ(script->body.find("'/static/govuk-frontend.min.js'"), std::string::npos);
  EXPECT_EQ(urls.at("/static/waymark.mjs"),
            "/assets/waymark." + Fingerprint(script->body) + ".mjs");
}

TEST_F(AssetCatalogTest, FingerprintedNamesResolveAndAreImmutable) {
  AssetCatalog catalog(frontend_);
  for (const auto& [plain, url] : catalog.PageUrls()) {
    const auto res = catalog.ServeAsset(url.substr(std::string_view("/assets/").size()));
    ASSERT_TRUE(res.has_value()) << url;
    EXPECT_EQ(res->Get("Cache-Control"), kImmutable) << url;
    const auto plain_res = plain.starts_with("/static/")
                               ? catalog.ServeStatic(plain.substr(8))
                               : catalog.ServeAsset(plain.substr(8));
    ASSERT_TRUE(plain_res.has_value()) << plain;
    EXPECT_EQ(res->body, plain_res->body) << url;
    EXPECT_EQ(res->Get("Content-Type"), plain_res->Get("Content-Type")) << url;
    // The plain name is revalidated (the site adds an ETag).
    EXPECT_EQ(plain_res->Get("Cache-Control"), "public, no-cache") << plain;
  }
}

TEST_F(AssetCatalogTest, AWrongFingerprintIsNotFound) {
  AssetCatalog catalog(frontend_);
  const std::string good = Fingerprint("<svg/>");
  std::string wrong = good;
  wrong[0] = wrong[0] == '0' ? '1' : '0';
  EXPECT_TRUE(catalog.ServeAsset("images/favicon." + good + ".svg").has_value());
  EXPECT_FALSE(catalog.ServeAsset("images/favicon." + wrong + ".svg").has_value());
  EXPECT_FALSE(catalog.ServeAsset("waymark.0000000000.css").has_value());
  EXPECT_FALSE(catalog.ServeAsset("images/nothing." + good + ".svg").has_value());
  EXPECT_FALSE(catalog.ServeAsset("../images/favicon." + good + ".svg").has_value());
  EXPECT_FALSE(catalog.ServeStatic("other.css").has_value());
  EXPECT_TRUE(catalog.ServeAsset("fonts/bold.woff2").has_value());
}

TEST_F(AssetCatalogTest, WithoutGovukFrontendItsFilesKeepTheirPlainNames) {
  AssetCatalog catalog(dir_.File("missing"));
  const auto urls = catalog.PageUrls();
  EXPECT_EQ(urls.at("/static/govuk-frontend.min.css"), "/static/govuk-frontend.min.css");
  EXPECT_EQ(urls.at("/assets/images/favicon.ico"), "/assets/images/favicon.ico");
  EXPECT_TRUE(urls.at("/static/waymark.css").starts_with("/assets/waymark."));
  EXPECT_NE(catalog.Version(), AssetCatalog(frontend_).Version());
}

TEST(AssetUrls, MapsRegisteredPathsAndLeavesOthers) {
  report::SetAssetUrls({{"/static/a.css", "/assets/a.0123456789.css"}});
  EXPECT_EQ(report::AssetUrl("/static/a.css"), "/assets/a.0123456789.css");
  EXPECT_EQ(report::AssetUrl("/static/b.css"), "/static/b.css");
  report::SetAssetUrls({});
  EXPECT_EQ(report::AssetUrl("/static/a.css"), "/static/a.css");
}

}  // namespace
}  // namespace waymark::web
