// Tests of the PDF renderer: with WeasyPrint and poppler-utils, a small report checked for its
// text, title, language, tagging, page count, repeated table header and bookmarks; with fake
// executables written by the test, the arguments it is given (no shell), a failing child, a
// child that outlives the timeout, and a missing executable.
#include "report/pdf_render.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/temp_dir.h"
#include "report/report_test_util.h"
#include "report/scratch_dir.h"

namespace waymark::report {
namespace {

using testing::Count;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

bool HaveTool(const char* name) {
  return std::system(("command -v " + std::string(name) + " >/dev/null 2>&1").c_str()) == 0;
}

// The standard output of `command` (a shell command of our own literals and test paths).
std::string Shell(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  std::string out;
  char buffer[4096];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

std::string ReportHtml() {
  std::string html =
      "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
      "<title>Outcome report: Safe and well</title>"
      "<style>@page { size: A4; margin: 2cm; @bottom-center { content: \"Page \" "
      "counter(page) } } td, th { padding: 6px; }</style></head><body>"
      "<h1>Children are safe</h1><p>Children in need: 312.4 per 10,000 – “similar”.</p>"
      "<table><thead><tr><th>Ward</th><th>Rate per 10,000</th></tr></thead><tbody>";
  for (int i = 1; i <= 90; ++i) {
    html.append("<tr><td>Ward ").append(std::to_string(i)).append("</td><td>");
    html.append(std::to_string(100 + i)).append(".5</td></tr>");
  }
  html.append("</tbody></table><h1>Children are healthy</h1><p>The end.</p></body></html>");
  return html;
}

class WeasyprintRender : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!PdfRendererAvailable()) {
      GTEST_SKIP() << "weasyprint is not installed (Debian package weasyprint)";
    }
    if (!HaveTool("pdfinfo") || !HaveTool("pdftotext")) {
      GTEST_SKIP() << "pdfinfo and pdftotext are not installed (Debian package poppler-utils)";
    }
  }
  TempDir dir_;
};

TEST_F(WeasyprintRender, MakesATaggedPdfWithTitleLanguageTextRepeatedHeaderAndBookmarks) {
  const Result<std::string> pdf = RenderPdf(ReportHtml());
  ASSERT_TRUE(pdf) << pdf.error().ToString();
  EXPECT_THAT(*pdf, StartsWith("%PDF-"));
  const std::string path = dir_.Write("report.pdf", *pdf);

  const std::string info = Shell("pdfinfo '" + path + "'");
  EXPECT_THAT(info, HasSubstr("Title:           Outcome report: Safe and well\n"));
  EXPECT_THAT(info, HasSubstr("Tagged:          yes\n"));
  std::smatch pages_match;
  ASSERT_TRUE(std::regex_search(info, pages_match, std::regex("Pages: +([0-9]+)\n"))) << info;
  const int pages = std::stoi(pages_match[1].str());
  EXPECT_GE(pages, 2);  // 90 table rows do not fit on one A4 page

  const std::string text = Shell("pdftotext -layout '" + path + "' -");
  EXPECT_THAT(text, HasSubstr("Children in need: 312.4 per 10,000 – “similar”."));
  EXPECT_THAT(text, HasSubstr("Ward 90"));
  EXPECT_THAT(text, HasSubstr("190.5"));
  EXPECT_THAT(text, HasSubstr("Page " + std::to_string(pages)));
  EXPECT_THAT(text, Not(HasSubstr("Page " + std::to_string(pages + 1))));
  // The table spans every page and its header row is repeated on each.
  EXPECT_EQ(Count(text, "Rate per 10,000"), pages);
  EXPECT_EQ(Count(text, "Children are healthy"), 1);

  const std::string structure = Shell("pdfinfo -struct '" + path + "'");
  EXPECT_THAT(structure, HasSubstr("H1"));
  EXPECT_THAT(structure, HasSubstr("THead"));
  EXPECT_THAT(structure, HasSubstr("TH"));

  // The catalogue and outline items are plain objects in WeasyPrint's output.
  EXPECT_THAT(*pdf, HasSubstr("/Lang (en-GB)"));
  EXPECT_THAT(*pdf, HasSubstr("/Outlines"));
  EXPECT_THAT(*pdf, HasSubstr("/Title (Children are safe)"));
  EXPECT_THAT(*pdf, HasSubstr("/Title (Children are healthy)"));
}

TEST_F(WeasyprintRender, AppliesAStylesheetAndResolvesRelativeUrlsAgainstTheBaseUrl) {
  dir_.Write("extra.css", "h1::after { content: \" (from the extra sheet)\"; }");
  dir_.Write("base.css", "p::before { content: \"Base: \"; }");
  PdfOptions options;
  options.stylesheets = {dir_.File("extra.css")};
  options.base_url = dir_.File("");
  const std::string html =
      "<html lang=\"en-GB\"><head><title>T</title><link rel=\"stylesheet\" href=\"base.css\">"
      "</head><body><h1>Heading</h1><p>Body</p></body></html>";
  const Result<std::string> pdf = RenderPdf(html, options);
  ASSERT_TRUE(pdf) << pdf.error().ToString();
  const std::string text = Shell("pdftotext '" + dir_.Write("s.pdf", *pdf) + "' -");
  EXPECT_THAT(text, HasSubstr("Heading (from the extra sheet)"));
  EXPECT_THAT(text, HasSubstr("Base: Body"));
}

// A fake weasyprint: a shell script written to the test's directory.
std::string FakeExecutable(const TempDir& dir, const std::string& name, const std::string& body) {
  std::string path = dir.Write(name, "#!/bin/sh\n" + body);
  ::chmod(path.c_str(), 0700);
  return path;
}

TEST(RenderPdf, GivesTheChildItsArgumentsWithoutAShellAndTheHtmlOnStandardInput) {
  TempDir dir;
  const std::string record = dir.File("args.txt");
  const std::string input = dir.File("stdin.html");
  PdfOptions options;
  options.executable = FakeExecutable(dir, "fake",
                                      "for a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + record +
                                          "'; out=\"$a\"; done\n" + "cat > '" + input +
                                          "'\nprintf '%%PDF-1.7 fake' > \"$out\"\n");
  options.base_url = "/srv/reports; rm -rf / $(whoami)";
  options.stylesheets = {dir.Write("-odd name.css", "")};
  const Result<std::string> pdf = RenderPdf("<p>Hello “world”</p>", options);
  ASSERT_TRUE(pdf) << pdf.error().ToString();
  EXPECT_EQ(*pdf, "%PDF-1.7 fake");
  const Result<std::string> stdin_text = ReadWholeFile(input);
  EXPECT_EQ(stdin_text.value_or(""), "<p>Hello “world”</p>");
  const Result<std::string> args = ReadWholeFile(record);
  ASSERT_TRUE(args);
  EXPECT_THAT(*args, StartsWith("--pdf-variant\npdf/ua-1\n--encoding\nutf-8\n"
                                "--base-url=/srv/reports; rm -rf / $(whoami)\n"
                                "--stylesheet=" +
                                dir.File("-odd name.css") + "\n-\n"));
}

TEST(WeasyprintArguments, AreTheVariantThenOptionsThenStdinAndTheOutput) {
  EXPECT_THAT(WeasyprintArguments({}, "/tmp/x.pdf"),
              ElementsAre("--pdf-variant", "pdf/ua-1", "--encoding", "utf-8", "-", "/tmp/x.pdf"));
  PdfOptions options;
  options.base_url = "-u";
  options.stylesheets = {"a.css", "b.css"};
  EXPECT_THAT(WeasyprintArguments(options, "o.pdf"),
              ElementsAre("--pdf-variant", "pdf/ua-1", "--encoding", "utf-8", "--base-url=-u",
                          "--stylesheet=a.css", "--stylesheet=b.css", "-", "o.pdf"));
}

TEST(RenderPdf, AFailingChildGivesItsExitStatusAndStandardError) {
  TempDir dir;
  PdfOptions options;
  options.executable = FakeExecutable(
      dir, "fails",
      "echo 'WARNING: experimental' >&2\necho 'ERROR: bad CSS at line 3' >&2\nexit 3\n");
  const Result<std::string> pdf = RenderPdf("<p>x</p>", options);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::kIo);
  EXPECT_EQ(pdf.error().message,
            "weasyprint failed (exit status 3): WARNING: experimental\nERROR: bad CSS at line 3");
}

TEST(RenderPdf, ALongStandardErrorIsDrainedAndItsEndKept) {
  TempDir dir;
  PdfOptions options;
  // About 100 KB of warnings, more than a pipe holds, then the error that matters.
  options.executable = FakeExecutable(dir, "chatty",
                                      "i=0\nwhile [ $i -lt 2000 ]; do\n"
                                      "  echo \"WARNING: line $i of many, padded out to length\"\n"
                                      "  i=$((i+1))\ndone >&2\necho 'ERROR: the real one' >&2\n"
                                      "exit 1\n");
  const Result<std::string> pdf = RenderPdf("<p>x</p>", options);
  ASSERT_FALSE(pdf);
  EXPECT_THAT(pdf.error().message, StartsWith("weasyprint failed (exit status 1): "));
  EXPECT_THAT(pdf.error().message, HasSubstr("WARNING: line 1999 of many"));
  EXPECT_THAT(pdf.error().message, Not(HasSubstr("WARNING: line 0 ")));
  EXPECT_THAT(pdf.error().message, ::testing::EndsWith("ERROR: the real one"));
}

TEST(RenderPdf, AChildThatSucceedsWithoutAPdfIsAnError) {
  TempDir dir;
  PdfOptions options;
  options.executable = FakeExecutable(dir, "silent", "exit 0\n");
  const Result<std::string> none = RenderPdf("<p>x</p>", options);
  ASSERT_FALSE(none);
  EXPECT_THAT(none.error().message, HasSubstr("weasyprint wrote no PDF"));

  options.executable = FakeExecutable(
      dir, "not-pdf", "for a in \"$@\"; do out=\"$a\"; done\nprintf 'hello' > \"$out\"\n");
  const Result<std::string> other = RenderPdf("<p>x</p>", options);
  ASSERT_FALSE(other);
  EXPECT_THAT(other.error().message, HasSubstr("not a PDF"));
}

TEST(RenderPdf, StopsAChildThatOutlivesTheTimeout) {
  TempDir dir;
  PdfOptions options;
  options.executable = FakeExecutable(dir, "slow", "sleep 5\n");
  options.timeout = std::chrono::milliseconds(200);
  const auto start = std::chrono::steady_clock::now();
  const Result<std::string> pdf = RenderPdf("<p>x</p>", options);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::kIo);
  EXPECT_EQ(pdf.error().message, "weasyprint did not finish within 200 ms and was stopped");
  EXPECT_LT(took, std::chrono::seconds(3));  // the child and its own child were killed
}

TEST(RenderPdf, AChildFinishingWithinTheTimeoutIsNotStopped) {
  TempDir dir;
  PdfOptions options;
  options.executable = FakeExecutable(
      dir, "quick", "for a in \"$@\"; do out=\"$a\"; done\nprintf '%%PDF-1.7' > \"$out\"\n");
  options.timeout = std::chrono::milliseconds(10'000);
  const Result<std::string> pdf = RenderPdf("<p>x</p>", options);
  ASSERT_TRUE(pdf) << pdf.error().ToString();
  EXPECT_EQ(*pdf, "%PDF-1.7");
}

TEST(RenderPdf, RefusesANonPositiveTimeoutAndAMissingStylesheet) {
  TempDir dir;
  PdfOptions options;
  options.executable = FakeExecutable(dir, "never", "exit 0\n");
  options.timeout = std::chrono::milliseconds(0);
  Result<std::string> pdf = RenderPdf("<p>x</p>", options);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(pdf.error().message, "PDF timeout: it must be positive, not 0 ms");

  options.timeout = std::chrono::milliseconds(1000);
  options.stylesheets = {dir.File("missing.css")};
  pdf = RenderPdf("<p>x</p>", options);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().message, "PDF stylesheet: there is no file " + dir.File("missing.css"));
}

TEST(FindWeasyprint, AMissingExecutableIsAClearError) {
  PdfOptions options;
  options.executable = "/nonexistent/bin/weasyprint";
  EXPECT_FALSE(PdfRendererAvailable(options));
  const Result<std::string> pdf = RenderPdf("<p>x</p>", options);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(pdf.error().message,
            "weasyprint not found at /nonexistent/bin/weasyprint: install the Debian package "
            "weasyprint");

  options.executable = "waymark-no-such-program";
  EXPECT_EQ(FindWeasyprint(options).error().message,
            "weasyprint not found: install the Debian package weasyprint");
}

TEST(FindWeasyprint, AFileThatIsNotExecutableIsNotFound) {
  TempDir dir;
  PdfOptions options;
  options.executable = dir.Write("plain", "#!/bin/sh\n");
  ::chmod(options.executable.c_str(), 0600);
  EXPECT_FALSE(PdfRendererAvailable(options));
  ::chmod(options.executable.c_str(), 0700);
  EXPECT_TRUE(PdfRendererAvailable(options));
}

// Sets an environment variable for one scope.
class EnvScope {
 public:
  EnvScope(const char* name, const std::string& value) : name_(name) {
    const char* old = std::getenv(name);
    if (old != nullptr) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  EnvScope(const EnvScope&) = delete;
  EnvScope& operator=(const EnvScope&) = delete;
  ~EnvScope() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(FindWeasyprint, TheEnvironmentVariableChoosesTheExecutableUnlessAnOptionDoes) {
  TempDir dir;
  const std::string fake = FakeExecutable(dir, "weasyprint-env", "exit 0\n");
  {
    const EnvScope env(kWeasyprintEnv, fake);
    EXPECT_EQ(FindWeasyprint({}).value_or(""), fake);
    PdfOptions options;
    options.executable = "/nonexistent/weasyprint";
    EXPECT_FALSE(FindWeasyprint(options));
  }
  {
    const EnvScope env(kWeasyprintEnv, dir.File("absent"));
    EXPECT_THAT(FindWeasyprint({}).error().message, HasSubstr("(from WAYMARK_WEASYPRINT)"));
  }
}

TEST(FindWeasyprint, LooksNamesUpOnThePath) {
  TempDir dir;
  const std::string fake = FakeExecutable(dir, "weasyprint", "exit 0\n");
  const EnvScope path("PATH", "/nonexistent:" + dir.File(""));
  const EnvScope env(kWeasyprintEnv, "");
  EXPECT_EQ(std::filesystem::path(FindWeasyprint({}).value_or("")), std::filesystem::path(fake));
}

}  // namespace
}  // namespace waymark::report
