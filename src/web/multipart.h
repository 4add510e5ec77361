// multipart/form-data bodies (RFC 7578), as browsers send forms with a file: read as a stream
// (from the file the server wrote the body to, or from memory), with text fields kept in memory
// and each file part written straight to a file of its own, so that a large upload never sits
// in memory. A body cut off before its closing boundary is an error, and so is every part or
// field beyond the limits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "web/http.h"

namespace waymark::web {

struct MultipartLimits {
  std::size_t field_bytes = std::size_t{64} * 1024;  // a text field's value
  std::size_t header_bytes = std::size_t{8} * 1024;  // a part's headers
  std::size_t parts = 20;
  std::size_t files = 1;
};

// A file part, written to `path`.
struct MultipartFile {
  std::string field;         // the form field's name
  std::string filename;      // as sent, without any directory ("" when the browser sent none)
  std::string content_type;  // as sent
  std::filesystem::path path;
  std::uint64_t size = 0;
};

struct MultipartForm {
  std::multimap<std::string, std::string> fields;
  std::vector<MultipartFile> files;
};

// The boundary named by a multipart/form-data Content-Type header, or nullopt when the header
// is another type or names no usable boundary (1-70 characters).
std::optional<std::string> MultipartBoundary(std::string_view content_type);

// Reads a whole body from `in`: text fields into memory, file parts (those with a filename)
// into new files in `dir`, named after the sent file name made safe (so an EES file keeps its
// stem). The caller removes `dir`. Problems are kParse errors whose message says what is wrong
// in words a person can act on (cut off, too many parts, a field too long, ...).
Result<MultipartForm> ReadMultipart(std::istream& in, std::string_view boundary,
                                    const std::filesystem::path& dir,
                                    const MultipartLimits& limits = {});

// The text fields that come before the first file part, reading no further (a form puts its
// CSRF token first); kParse errors as ReadMultipart's.
Result<std::multimap<std::string, std::string>> ReadLeadingFields(
    std::istream& in, std::string_view boundary, const MultipartLimits& limits = {});

// The value of text field `name` of a multipart/form-data request (its body_file, or its body
// when the body was read into memory), looking only before the first file part; nullopt when
// the request is not multipart, the field is not there or the body is malformed.
std::optional<std::string> LeadingMultipartField(const Request& request, std::string_view name);

// A file name that is safe as the last part of a path: the last segment of `sent` (after any
// '/' or '\'), with characters other than letters, digits, '.', '-', '_' and spaces replaced by
// '_', no leading dots, at most 100 bytes; `fallback` when nothing is left.
std::string SafeFileName(std::string_view sent, std::string_view fallback);

}  // namespace waymark::web
