// Uploading a data file from the browser (/data/import) through Site::Handle, the body in a
// file as the server streams it: a good file is imported and judged again; a file with an
// error, binary bytes or a body cut off half way changes nothing and says why; the CSRF token
// is required; and, through a real server, a body over the upload limit gets 413.
#include <gtest/gtest.h>
#include <boost/asio.hpp>

#include "web/data_test_fixture.h"
#include "web/server.h"

namespace waymark::web {
namespace {

using testing::DataRoutesFixture;
using testing::TestClient;

constexpr std::string_view kHeader = "indicator,area_code,period,value\n";

class DataImportTest : public DataRoutesFixture {
 protected:
  // An analyst's client, with the upload form's CSRF token.
  TestClient& Analyst() {
    if (!analyst_) {
      analyst_ = std::make_unique<TestClient>(*site_);
      EXPECT_TRUE(analyst_->SignIn("analyst@barnet.example"));
      EXPECT_EQ(analyst_->Get("/data/import").status, 200);
    }
    return *analyst_;
  }

  std::unique_ptr<TestClient> analyst_;
};

TEST_F(DataImportTest, TheFormIsForAnalysts) {
  const Response form = Analyst().Get("/data/import");
  EXPECT_NE(form.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_NE(form.body.find("type=\"file\""), std::string::npos);
  EXPECT_NE(form.body.find("up to 200 MB"), std::string::npos);
  // The CSRF token comes before the file in the form.
  EXPECT_LT(form.body.find("name=\"csrf_token\"", form.body.find("action=\"/data/import\"")),
            form.body.find("type=\"file\""));
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn("public-health@partners.example"));
  EXPECT_EQ(partner.Get("/data/import").status, 403);
}

TEST_F(DataImportTest, ASmallGoodFileIsImportedAndJudgedAgain) {
  TestClient& c = Analyst();
  const std::string csv = std::string(kHeader) +
                          "excess-weight-year-6,E09000003,2023/24,36.5\n"
                          "excess-weight-year-6,E92000001,2023/24,36.0\n"
                          "young-people-heard,E09000003,2023/24,48\n";
  const Response res = c.Get("/indicators/excess-weight-year-6");  // primes the page snapshot
  EXPECT_EQ(res.body.find("36.5"), std::string::npos);
  const Response done = Upload(c, UploadBody(c.Csrf(), "csv", "small.csv", csv));
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("Figures imported from small.csv"), std::string::npos);
  EXPECT_NE(done.body.find("Indicators judged again"), std::string::npos);
  EXPECT_EQ(Figures(), 3u);
  // Both indicators judged again: the fixture's stored judgements of the first are replaced by
  // those of its figures.
  const auto judged = *Db().ListAssessments("excess-weight-year-6", "E09000003");
  ASSERT_EQ(judged.size(), 1u);
  EXPECT_EQ(judged[0].period.Label(), "2023/24");
  EXPECT_DOUBLE_EQ(judged[0].value, 36.5);
  EXPECT_EQ(Db().ListAssessments("young-people-heard", "")->size(), 1u);
  const auto history = *Db().FigureHistory("excess-weight-year-6", "E09000003");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].file, "small.csv");
  EXPECT_EQ(history[0].imported_by, "analyst@barnet.example (barnet-council)");
  AuditFilter filter;
  filter.action = "data.import";
  const auto audit = *Db().ListAudit(filter);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].entity, "import");
  EXPECT_EQ(audit[0].entity_id, "small.csv");
  EXPECT_EQ(audit[0].actor, "analyst@barnet.example");
  // The pages show the new figures at once.
  EXPECT_NE(c.Get("/indicators/excess-weight-year-6").body.find("36.5"), std::string::npos);
  EXPECT_TRUE(NoPartsLeft());
}

TEST_F(DataImportTest, AnErrorInLineThreeChangesNothingAndIsListedWithItsPosition) {
  TestClient& c = Analyst();
  const std::string csv = std::string(kHeader) +
                          "excess-weight-year-6,E09000003,2023/24,36.5\n"
                          "excess-weight-year-6,E09999999,2023/24,36.0\n";
  const auto judged_before = *Db().ListAssessments("excess-weight-year-6", "");
  const std::size_t before = Figures();
  const Response res = Upload(c, UploadBody(c.Csrf(), "csv", "bad.csv", csv));
  EXPECT_EQ(res.status, 400);
  EXPECT_NE(res.body.find("bad.csv:3:22: unknown area code &#39;E09999999&#39;"), std::string::npos)
      << res.body;
  EXPECT_NE(res.body.find("Nothing was imported"), std::string::npos);
  EXPECT_NE(res.body.find("href=\"#file\""), std::string::npos);
  EXPECT_EQ(Figures(), before);
  EXPECT_EQ(Db().ListAssessments("excess-weight-year-6", "")->size(), judged_before.size());
  EXPECT_EQ(Audits("data.import"), 0u);
  EXPECT_TRUE(NoPartsLeft());
}

TEST_F(DataImportTest, TheFirstHundredProblemsAreListedThenACount) {
  TestClient& c = Analyst();
  std::string csv(kHeader);
  for (int i = 0; i < 101; ++i) csv += "excess-weight-year-6,E09999999,2023/24,1\n";
  const Response many = Upload(c, UploadBody(c.Csrf(), "csv", "many.csv", csv));
  EXPECT_EQ(many.status, 400);
  const auto shown = [](const std::string& body) {
    int n = 0;
    for (std::size_t at = body.find("<li><code>"); at != std::string::npos;
         at = body.find("<li><code>", at + 1)) {
      ++n;
    }
    return n;
  };
  EXPECT_EQ(shown(many.body), 100);
  EXPECT_NE(many.body.find("many.csv:101:22:"), std::string::npos);  // the 100th
  EXPECT_EQ(many.body.find("many.csv:102:22:"), std::string::npos);  // the 101st: counted
  EXPECT_NE(many.body.find("and 1 more"), std::string::npos);
  EXPECT_NE(many.body.find("The file has 101 problems"), std::string::npos);
  csv.erase(csv.rfind("excess"));  // 100 problems: all shown, no count
  const Response hundred = Upload(c, UploadBody(c.Csrf(), "csv", "many.csv", csv));
  EXPECT_EQ(shown(hundred.body), 100);
  EXPECT_EQ(hundred.body.find(" more</p>"), std::string::npos);
  EXPECT_EQ(Figures(), 0u);
}

TEST_F(DataImportTest, AFileThatIsNotCsvIsRefusedAndChangesNothing) {
  TestClient& c = Analyst();
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20);
  const Response res = Upload(c, UploadBody(c.Csrf(), "csv", "chart.png", png));
  EXPECT_EQ(res.status, 400);
  EXPECT_NE(res.body.find("chart.png:2:1: this is not a CSV text file"), std::string::npos)
      << res.body;
  EXPECT_EQ(Figures(), 0u);
  EXPECT_EQ(Audits("data.import"), 0u);
}

TEST_F(DataImportTest, AnUploadCutOffHalfWayIsRefusedAndChangesNothing) {
  TestClient& c = Analyst();
  const std::string whole =
      UploadBody(c.Csrf(), "csv", "cut.csv",
                 std::string(kHeader) + "excess-weight-year-6,E09000003,2023/24,36.5\n");
  const Response res = Upload(c, whole.substr(0, whole.size() - 30));
  EXPECT_EQ(res.status, 400);
  EXPECT_NE(res.body.find("The upload was cut off before its end"), std::string::npos);
  EXPECT_EQ(Figures(), 0u);
  EXPECT_TRUE(NoPartsLeft());
}

TEST_F(DataImportTest, TheFormatAndAFileAreRequired) {
  TestClient& c = Analyst();
  const Response no_format = Upload(c, UploadBody(c.Csrf(), "xls", "a.csv", "x"));
  EXPECT_EQ(no_format.status, 400);
  EXPECT_NE(no_format.body.find("href=\"#format\""), std::string::npos);
  const Response no_file = Upload(
      c, Part("csrf_token", c.Csrf()) + Part("format", "csv") + FilePart("", "") + Closing());
  EXPECT_EQ(no_file.status, 400);
  EXPECT_NE(no_file.body.find("Select a data file to upload"), std::string::npos);
  const Response empty = Upload(c, UploadBody(c.Csrf(), "csv", "empty.csv", ""));
  EXPECT_NE(empty.body.find("The selected file is empty"), std::string::npos);
  // A form sent without its file part's encoding is refused too.
  const Response plain = c.Post("/data/import", "format=csv");
  EXPECT_EQ(plain.status, 400);
  EXPECT_EQ(Figures(), 0u);
}

TEST_F(DataImportTest, WithoutTheCsrfTokenBeforeTheFileTheUploadIsRefused) {
  TestClient& c = Analyst();
  const std::string csv = std::string(kHeader) + "excess-weight-year-6,E09000003,2023/24,36.5\n";
  EXPECT_EQ(Upload(c, Part("format", "csv") + FilePart("a.csv", csv) + Closing()).status, 403);
  EXPECT_EQ(Upload(c, UploadBody(std::string(64, 'f'), "csv", "a.csv", csv)).status, 403);
  // After the file it is not looked for.
  EXPECT_EQ(Upload(c, Part("format", "csv") + FilePart("a.csv", csv) +
                          Part("csrf_token", c.Csrf()) + Closing())
                .status,
            403);
  EXPECT_EQ(Figures(), 0u);
  EXPECT_EQ(Upload(c, UploadBody(c.Csrf(), "csv", "a.csv", csv)).status, 200);
  EXPECT_EQ(Figures(), 1u);
}

// Through a real server: the body is streamed, and one over the upload limit gets 413.
TEST_F(DataImportTest, ThroughTheServerUploadsStreamAndTheLimitGives413) {
  namespace asio = boost::asio;
  ServerOptions options;
  options.upload_limit = 2048;
  options.upload_dir = dir_.File("");
  Server server(options, *site_);
  ASSERT_TRUE(server.Start().has_value());
  TestClient& c = Analyst();
  const auto send = [&](const std::string& body) {
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), server.Port()});
    const std::string cookie = CookieHeader(c);
    const std::string head =
        "POST /data/import HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        "Cookie: " +
        cookie +
        "\r\nContent-Type: multipart/form-data; "
        "boundary=" +
        std::string(testing::kUploadBoundary) +
        "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    asio::write(socket, asio::buffer(head + body));
    boost::system::error_code ec;
    socket.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    std::string reply;
    std::array<char, 4096> chunk{};
    for (;;) {
      const std::size_t n = socket.read_some(asio::buffer(chunk), ec);
      if (ec) break;
      reply.append(chunk.data(), n);
    }
    return reply;
  };
  const std::string csv = std::string(kHeader) + "excess-weight-year-6,E09000003,2023/24,36.5\n";
  const std::string ok = send(UploadBody(c.Csrf(), "csv", "small.csv", csv));
  EXPECT_TRUE(ok.starts_with("HTTP/1.1 200")) << ok.substr(0, 200);
  EXPECT_NE(ok.find("Figures imported from small.csv"), std::string::npos);
  EXPECT_EQ(Figures(), 1u);
  const std::string big =
      send(UploadBody(c.Csrf(), "csv", "big.csv", csv + std::string(2048, '#')));
  EXPECT_TRUE(big.starts_with("HTTP/1.1 413")) << big.substr(0, 200);
  EXPECT_NE(big.find("The file is larger than 2 KB, the most that can be uploaded."),
            std::string::npos);
  EXPECT_EQ(Figures(), 1u);
  for (const auto& entry : std::filesystem::directory_iterator(dir_.File(""))) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("waymark-upload-")) << entry.path();
  }
  EXPECT_TRUE(NoPartsLeft());
}

}  // namespace
}  // namespace waymark::web
