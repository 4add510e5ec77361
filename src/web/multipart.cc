// A streaming multipart/form-data reader: the input is read in blocks and scanned for the
// boundary, keeping back only as many bytes as might start it.
#include "web/multipart.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <sstream>

#include <fmt/format.h>

namespace waymark::web {
namespace {

constexpr std::size_t kBlock = std::size_t{64} * 1024;

using Sink = std::function<Status(std::string_view)>;

Status ParseProblem(std::string message) {
  return MakeError(ErrorCode::kParse, std::move(message));
}

constexpr std::string_view kCutOff =
    "the upload was cut off before its end (the form data has no closing boundary); "
    "try again";

// The input and what has been read of it but not yet used.
class Input {
 public:
  explicit Input(std::istream& in) : in_(in) {}

  // Hands the bytes before the next `delimiter` to `sink` and skips the delimiter; false when
  // the input ends first.
  Result<bool> Until(std::string_view delimiter, const Sink& sink) {
    while (true) {
      const std::size_t at = buffer_.find(delimiter, pos_);
      if (at != std::string::npos) {
        WAYMARK_TRY(sink(std::string_view(buffer_).substr(pos_, at - pos_)));
        pos_ = at + delimiter.size();
        return true;
      }
      // The last bytes may begin the delimiter: keep them for the next search.
      const std::size_t keep = delimiter.size() - 1;
      if (buffer_.size() - pos_ > keep) {
        const std::size_t n = buffer_.size() - pos_ - keep;
        WAYMARK_TRY(sink(std::string_view(buffer_).substr(pos_, n)));
        pos_ += n;
      }
      if (!More()) return false;
    }
  }

  // The next `n` bytes, without using them; nullopt when the input ends first.
  std::optional<std::string_view> Peek(std::size_t n) {
    while (buffer_.size() - pos_ < n) {
      if (!More()) return std::nullopt;
    }
    return std::string_view(buffer_).substr(pos_, n);
  }
  void Skip(std::size_t n) { pos_ += n; }

 private:
  bool More() {
    buffer_.erase(0, pos_);
    pos_ = 0;
    if (!in_) return false;
    const std::size_t had = buffer_.size();
    buffer_.resize(had + kBlock);
    in_.read(buffer_.data() + had, static_cast<std::streamsize>(kBlock));
    buffer_.resize(had + static_cast<std::size_t>(in_.gcount()));
    return buffer_.size() > had;
  }

  std::istream& in_;
  std::string buffer_;
  std::size_t pos_ = 0;
};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The parameters of a header value such as `form-data; name="a"; filename="b.csv"` (names
// lower-cased, quotes taken off), after its first item.
std::map<std::string, std::string> HeaderParams(std::string_view value) {
  std::map<std::string, std::string> params;
  std::size_t i = value.find(';');
  while (i != std::string_view::npos && i < value.size()) {
    ++i;
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
    const std::size_t eq = value.find('=', i);
    if (eq == std::string_view::npos) break;
    const std::string name = Lower(Trim(value.substr(i, eq - i)));
    std::string v;
    i = eq + 1;
    if (i < value.size() && value[i] == '"') {
      // Browsers send '"' as %22 and keep backslashes (a Windows path) as they are.
      const std::size_t close = value.find('"', i + 1);
      v = std::string(value.substr(i + 1, close == std::string_view::npos ? close : close - i - 1));
      i = close == std::string_view::npos ? close : value.find(';', close);
    } else {
      const std::size_t end = value.find(';', i);
      v = std::string(Trim(value.substr(i, end == std::string_view::npos ? end : end - i)));
      i = end;
    }
    params.emplace(name, std::move(v));
  }
  return params;
}

struct PartHead {
  std::string name;
  std::optional<std::string> filename;  // set for file parts (even when empty)
  std::string content_type;
};

// Reads a part's header lines up to the blank line that ends them.
Result<PartHead> ReadPartHead(Input& input, const MultipartLimits& limits) {
  PartHead head;
  bool disposition = false;
  std::size_t total = 0;
  while (true) {
    std::string line;
    WAYMARK_ASSIGN_OR_RETURN(const bool found, input.Until("\r\n", [&](std::string_view bytes) {
      total += bytes.size();
      if (total > limits.header_bytes) {
        return ParseProblem("a part of the form data has headers that are too long");
      }
      line.append(bytes);
      return Status{};
    }));
    if (!found) return tl::unexpected(Error{ErrorCode::kParse, std::string(kCutOff), {}});
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) {
      return tl::unexpected(
          Error{ErrorCode::kParse, "a part of the form data has a malformed header", {}});
    }
    const std::string name = Lower(Trim(std::string_view(line).substr(0, colon)));
    const std::string_view value = Trim(std::string_view(line).substr(colon + 1));
    if (name == "content-disposition") {
      if (Lower(value.substr(0, value.find(';'))) != "form-data") {
        return tl::unexpected(
            Error{ErrorCode::kParse, "a part of the form data is not form-data", {}});
      }
      auto params = HeaderParams(value);
      head.name = params["name"];
      if (params.contains("filename")) head.filename = params["filename"];
      disposition = true;
    } else if (name == "content-type") {
      head.content_type = std::string(value);
    }
  }
  if (!disposition || head.name.empty()) {
    return tl::unexpected(
        Error{ErrorCode::kParse, "a part of the form data does not name its field", {}});
  }
  return head;
}

// What to do with the parts as they come.
enum class Mode { kWhole, kLeadingFields };

class Reader {
 public:
  Reader(std::istream& in, std::string_view boundary, const MultipartLimits& limits)
      : input_(in),
        dash_boundary_("--" + std::string(boundary)),
        delimiter_("\r\n" + dash_boundary_),
        limits_(limits) {}

  Result<MultipartForm> Read(Mode mode, const std::filesystem::path& dir) {
    WAYMARK_TRY(Start());
    std::size_t parts = 0;
    while (true) {
      WAYMARK_ASSIGN_OR_RETURN(const bool more, AfterBoundary());
      if (!more) return std::move(form_);
      if (++parts > limits_.parts) {
        return tl::unexpected(
            Error{ErrorCode::kParse,
                  fmt::format("the form data has more than {} parts", limits_.parts),
                  {}});
      }
      WAYMARK_ASSIGN_OR_RETURN(const PartHead head, ReadPartHead(input_, limits_));
      if (head.filename && mode == Mode::kLeadingFields) return std::move(form_);
      if (head.filename) {
        WAYMARK_TRY(ReadFile(head, dir));
      } else {
        WAYMARK_TRY(ReadField(head));
      }
    }
  }

 private:
  // Skips anything before the first boundary (a preamble is allowed).
  Status Start() {
    const auto first = input_.Peek(dash_boundary_.size());
    if (first && *first == dash_boundary_) {
      input_.Skip(dash_boundary_.size());
      return {};
    }
    std::size_t preamble = 0;
    WAYMARK_ASSIGN_OR_RETURN(const bool found, input_.Until(delimiter_, [&](std::string_view b) {
      preamble += b.size();
      return preamble > limits_.header_bytes
                 ? ParseProblem("the body is not form data: its boundary is missing")
                 : Status{};
    }));
    if (!found) return ParseProblem("the body is not form data: its boundary is missing");
    return {};
  }

  // After a boundary: "--" ends the body (false); otherwise the rest of the line is skipped.
  Result<bool> AfterBoundary() {
    const auto next = input_.Peek(2);
    if (!next) return tl::unexpected(Error{ErrorCode::kParse, std::string(kCutOff), {}});
    if (*next == "--") return false;
    std::size_t padding = 0;
    WAYMARK_ASSIGN_OR_RETURN(const bool found, input_.Until("\r\n", [&](std::string_view b) {
      padding += b.size();
      return b.find_first_not_of(" \t") != std::string_view::npos || padding > 256
                 ? ParseProblem("the form data has text after a boundary")
                 : Status{};
    }));
    if (!found) return tl::unexpected(Error{ErrorCode::kParse, std::string(kCutOff), {}});
    return true;
  }

  Status ReadField(const PartHead& head) {
    std::string value;
    WAYMARK_ASSIGN_OR_RETURN(const bool found, input_.Until(delimiter_, [&](std::string_view b) {
      if (value.size() + b.size() > limits_.field_bytes) {
        return ParseProblem(fmt::format("the form field '{}' is too long", head.name));
      }
      value.append(b);
      return Status{};
    }));
    if (!found) return ParseProblem(std::string(kCutOff));
    form_.fields.emplace(head.name, std::move(value));
    return {};
  }

  Status ReadFile(const PartHead& head, const std::filesystem::path& dir) {
    if (form_.files.size() >= limits_.files) {
      return ParseProblem(fmt::format("send at most {} file{} at a time", limits_.files,
                                      limits_.files == 1 ? "" : "s"));
    }
    MultipartFile file;
    file.field = head.name;
    file.filename = SafeFileName(*head.filename, "");
    file.content_type = head.content_type;
    file.path = dir / SafeFileName(*head.filename, "upload.csv");
    if (std::filesystem::exists(file.path)) file.path = dir / "upload.csv";
    std::ofstream out(file.path, std::ios::binary | std::ios::trunc);
    if (!out) return MakeError(ErrorCode::kIo, "the upload could not be stored on the server");
    WAYMARK_ASSIGN_OR_RETURN(const bool found, input_.Until(delimiter_, [&](std::string_view b) {
      out.write(b.data(), static_cast<std::streamsize>(b.size()));
      file.size += b.size();
      if (!out) return Status(MakeError(ErrorCode::kIo, "the upload could not be stored"));
      return Status{};
    }));
    out.close();
    if (!found) return ParseProblem(std::string(kCutOff));
    if (!out) return MakeError(ErrorCode::kIo, "the upload could not be stored on the server");
    form_.files.push_back(std::move(file));
    return {};
  }

  Input input_;
  std::string dash_boundary_;
  std::string delimiter_;
  const MultipartLimits& limits_;
  MultipartForm form_;
};

bool IsBoundaryChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

}  // namespace

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
  const std::string_view type = Trim(content_type.substr(0, content_type.find(';')));
  if (Lower(type) != "multipart/form-data") return std::nullopt;
  auto params = HeaderParams(content_type);
  const std::string& boundary = params["boundary"];
  if (boundary.empty() || boundary.size() > 70 || boundary.back() == ' ' ||
      !std::all_of(boundary.begin(), boundary.end(), IsBoundaryChar)) {
    return std::nullopt;
  }
  return boundary;
}

Result<MultipartForm> ReadMultipart(std::istream& in, std::string_view boundary,
                                    const std::filesystem::path& dir,
                                    const MultipartLimits& limits) {
  return Reader(in, boundary, limits).Read(Mode::kWhole, dir);
}

Result<std::multimap<std::string, std::string>> ReadLeadingFields(std::istream& in,
                                                                  std::string_view boundary,
                                                                  const MultipartLimits& limits) {
  WAYMARK_ASSIGN_OR_RETURN(MultipartForm form,
                           Reader(in, boundary, limits).Read(Mode::kLeadingFields, {}));
  return std::move(form.fields);
}

std::optional<std::string> LeadingMultipartField(const Request& request, std::string_view name) {
  const auto boundary = MultipartBoundary(request.Header("Content-Type").value_or(""));
  if (!boundary) return std::nullopt;
  Result<std::multimap<std::string, std::string>> fields;
  if (!request.body_file.empty()) {
    std::ifstream in(request.body_file, std::ios::binary);
    if (!in) return std::nullopt;
    fields = ReadLeadingFields(in, *boundary);
  } else {
    std::istringstream in(request.body);
    fields = ReadLeadingFields(in, *boundary);
  }
  if (!fields) return std::nullopt;
  const auto it = fields->find(std::string(name));
  if (it == fields->end()) return std::nullopt;
  return it->second;
}

std::string SafeFileName(std::string_view sent, std::string_view fallback) {
  const std::size_t slash = sent.find_last_of("/\\");
  if (slash != std::string_view::npos) sent.remove_prefix(slash + 1);
  std::string out;
  for (const char c : sent) {
    const bool plain = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' ||
                       c == '_' || c == ' ';
    out += plain ? c : '_';
  }
  if (out.size() > 100) out.erase(0, out.size() - 100);  // keep the extension
  out.erase(0, out.find_first_not_of(". "));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.empty() || out.find_first_not_of('_') == std::string::npos) {
    return std::string(fallback);
  }
  return out;
}

}  // namespace waymark::web
