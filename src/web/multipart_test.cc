// Tests of the streaming multipart/form-data reader: fields and files as browsers send them,
// files larger than its blocks with boundary-like text inside, and bodies that are cut off,
// malformed or beyond its limits.
#include "web/multipart.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/temp_dir.h"

namespace waymark::web {
namespace {

constexpr std::string_view kBoundary = "----WaymarkBoundary7MA4YWxkTrZu0gW";

std::string Field(std::string_view name, std::string_view value) {
  return "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"" +
         std::string(name) + "\"\r\n\r\n" + std::string(value) + "\r\n";
}

std::string FilePart(std::string_view name, std::string_view filename, std::string_view data) {
  return "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"" +
         std::string(name) + "\"; filename=\"" + std::string(filename) +
         "\"\r\nContent-Type: text/csv\r\n\r\n" + std::string(data) + "\r\n";
}

std::string End() { return "--" + std::string(kBoundary) + "--\r\n"; }

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Result<MultipartForm> Read(const std::string& body, const TempDir& dir,
                           const MultipartLimits& limits = {}) {
  std::istringstream in(body);
  return ReadMultipart(in, kBoundary, dir.File(""), limits);
}

TEST(MultipartBoundaryTest, ReadsTheBoundaryOfFormDataOnly) {
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=----WebKitFormBoundaryx1"),
            "----WebKitFormBoundaryx1");
  EXPECT_EQ(MultipartBoundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b'c\""), "a b'c");
  EXPECT_FALSE(MultipartBoundary("application/x-www-form-urlencoded").has_value());
  EXPECT_FALSE(MultipartBoundary("multipart/form-data").has_value());
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=").has_value());
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'b')));
  EXPECT_TRUE(MultipartBoundary("multipart/form-data; boundary=" + std::string(70, 'b')));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=a\r\nb").has_value());
}

TEST(MultipartTest, FieldsStayInMemoryAndTheFileIsWrittenUnderItsName) {
  TempDir dir;
  const std::string csv = "indicator,area_code,period,value\r\np,E09000003,2023,1.5\r\n";
  const auto form = Read(Field("csrf_token", "abc") + Field("format", "csv") +
                             FilePart("file", "C:\\Users\\me\\figures 2023.csv", csv) + End(),
                         dir);
  ASSERT_TRUE(form.has_value()) << form.error().message;
  EXPECT_EQ(form->fields.find("csrf_token")->second, "abc");
  EXPECT_EQ(form->fields.find("format")->second, "csv");
  ASSERT_EQ(form->files.size(), 1u);
  const MultipartFile& file = form->files[0];
  EXPECT_EQ(file.field, "file");
  EXPECT_EQ(file.filename, "figures 2023.csv");
  EXPECT_EQ(file.content_type, "text/csv");
  EXPECT_EQ(file.path.filename(), "figures 2023.csv");
  EXPECT_EQ(file.size, csv.size());
  EXPECT_EQ(Slurp(file.path), csv);
}

TEST(MultipartTest, AFileLargerThanTheBlocksKeepsBoundaryLikeTextInside) {
  TempDir dir;
  // Text that starts like the delimiter, at places that drift across the reader's 64 KiB
  // block edges.
  std::string data;
  const std::string almost = "\r\n--" + std::string(kBoundary).substr(0, 20);
  for (int i = 0; data.size() < 400'000; ++i) {
    data += std::string(65'536 - 13 * i, 'x');
    data += almost;
    data += "--" + std::string(kBoundary) + "x";  // not after a line break: plain data
  }
  const auto form = Read(Field("format", "ees") + FilePart("file", "big.csv", data) + End(), dir);
  ASSERT_TRUE(form.has_value()) << form.error().message;
  EXPECT_EQ(form->files.at(0).size, data.size());
  EXPECT_EQ(Slurp(form->files.at(0).path), data);
}

TEST(MultipartTest, APreambleAndTransportPaddingAreAllowed) {
  TempDir dir;
  std::string body = "preamble text\r\n" + Field("a", "1");
  body.insert(body.find("\r\nContent-Disposition"), " \t");
  const auto form = Read(body + End(), dir);
  ASSERT_TRUE(form.has_value()) << form.error().message;
  EXPECT_EQ(form->fields.find("a")->second, "1");
}

TEST(MultipartTest, ABodyCutOffBeforeItsClosingBoundaryIsAnError) {
  TempDir dir;
  const std::string whole =
      Field("format", "csv") + FilePart("file", "a.csv", "x,y\n1,2\n") + End();
  for (const std::size_t keep : {whole.size() - 8, whole.size() - 20, whole.size() / 2,
                                 Field("format", "csv").size() + 10}) {
    const auto form = Read(whole.substr(0, keep), dir);
    ASSERT_FALSE(form.has_value()) << keep;
    EXPECT_EQ(form.error().code, ErrorCode::kParse);
    EXPECT_NE(form.error().message.find("cut off"), std::string::npos)
        << keep << ": " << form.error().message;
  }
  EXPECT_TRUE(Read(whole, dir).has_value());
}

TEST(MultipartTest, MalformedBodiesAreRefusedWithWhatIsWrong) {
  TempDir dir;
  const auto not_form = Read("just some text", dir);
  ASSERT_FALSE(not_form.has_value());
  EXPECT_NE(not_form.error().message.find("boundary is missing"), std::string::npos);
  const auto no_name = Read(
      "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n" + End(),
      dir);
  ASSERT_FALSE(no_name.has_value());
  EXPECT_NE(no_name.error().message.find("does not name its field"), std::string::npos);
  const auto bad_header =
      Read("--" + std::string(kBoundary) + "\r\nno colon here\r\n\r\nx\r\n" + End(), dir);
  ASSERT_FALSE(bad_header.has_value());
  EXPECT_NE(bad_header.error().message.find("malformed header"), std::string::npos);
  const auto attachment =
      Read("--" + std::string(kBoundary) +
               "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n" + End(),
           dir);
  EXPECT_FALSE(attachment.has_value());
}

TEST(MultipartTest, LimitsOnPartsFieldsHeadersAndFiles) {
  TempDir dir;
  MultipartLimits limits;
  limits.parts = 2;
  limits.field_bytes = 10;
  EXPECT_TRUE(Read(Field("a", "0123456789") + Field("b", "") + End(), dir, limits).has_value());
  const auto long_field = Read(Field("a", "01234567890") + End(), dir, limits);
  ASSERT_FALSE(long_field.has_value());
  EXPECT_NE(long_field.error().message.find("'a' is too long"), std::string::npos);
  const auto many = Read(Field("a", "1") + Field("b", "2") + Field("c", "3") + End(), dir, limits);
  ASSERT_FALSE(many.has_value());
  EXPECT_NE(many.error().message.find("more than 2 parts"), std::string::npos);
  const auto two_files =
      Read(FilePart("file", "a.csv", "1") + FilePart("file", "b.csv", "2") + End(), dir);
  ASSERT_FALSE(two_files.has_value());
  EXPECT_NE(two_files.error().message.find("at most 1 file"), std::string::npos);
  const std::string huge_header =
      "--" + std::string(kBoundary) +
      "\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: " + std::string(9000, 'p') +
      "\r\n\r\nx\r\n" + End();
  EXPECT_FALSE(Read(huge_header, dir).has_value());
}

TEST(MultipartTest, LeadingFieldsStopAtTheFirstFile) {
  // What follows the file part is never read: here it is not even well formed.
  const std::string body =
      Field("csrf_token", "tok") + FilePart("file", "a.csv", "1,2") + "garbage without an end";
  std::istringstream in(body);
  const auto fields = ReadLeadingFields(in, kBoundary);
  ASSERT_TRUE(fields.has_value()) << fields.error().message;
  EXPECT_EQ(fields->size(), 1u);
  EXPECT_EQ(fields->find("csrf_token")->second, "tok");

  Request request;
  request.headers = {{"Content-Type", "multipart/form-data; boundary=" + std::string(kBoundary)}};
  request.body = body;
  EXPECT_EQ(LeadingMultipartField(request, "csrf_token"), "tok");
  EXPECT_FALSE(LeadingMultipartField(request, "format").has_value());
  // A token after the file is not looked for.
  request.body = FilePart("file", "a.csv", "1,2") + Field("csrf_token", "tok") + End();
  EXPECT_FALSE(LeadingMultipartField(request, "csrf_token").has_value());
  // From the file the server wrote the body to.
  TempDir dir;
  request.body.clear();
  request.body_file = dir.Write("body", Field("csrf_token", "from-file") + End());
  EXPECT_EQ(LeadingMultipartField(request, "csrf_token"), "from-file");
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  EXPECT_FALSE(LeadingMultipartField(request, "csrf_token").has_value());
}

TEST(MultipartTest, SafeFileNames) {
  EXPECT_EQ(SafeFileName("figures.csv", "x"), "figures.csv");
  EXPECT_EQ(SafeFileName("../../etc/passwd", "x"), "passwd");
  EXPECT_EQ(SafeFileName("C:\\data\\ees_2023.csv", "x"), "ees_2023.csv");
  EXPECT_EQ(SafeFileName(".hidden", "x"), "hidden");
  EXPECT_EQ(SafeFileName("..", "x"), "x");
  EXPECT_EQ(SafeFileName("", "upload.csv"), "upload.csv");
  EXPECT_EQ(SafeFileName("a\"b<c>\n.csv", "x"), "a_b_c__.csv");
  EXPECT_EQ(SafeFileName("données.csv", "x"), "donn__es.csv");
  const std::string long_name = std::string(150, 'a') + ".csv";
  EXPECT_EQ(SafeFileName(long_name, "x").size(), 100u);
  EXPECT_TRUE(SafeFileName(long_name, "x").ends_with(".csv"));
}

}  // namespace
}  // namespace waymark::web
