// gzip compression of text responses: whether the client accepts gzip (Accept-Encoding with
// its q-values), whether a body is worth compressing (a text type, over kCompressMinBytes), and
// the compression itself through zlib.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "web/http.h"

namespace waymark::web {

// Bodies shorter than this are sent as they are: the gzip header and the work cost more than
// they save.
inline constexpr std::size_t kCompressMinBytes = 1024;

// True when an Accept-Encoding value allows gzip: "gzip" (or "x-gzip"), else "*", with a q-value
// above 0. A missing header, an empty one, "identity" alone or a malformed q-value: false.
bool AcceptsGzip(std::optional<std::string_view> accept_encoding);

// True for the text types (HTML, CSS, JavaScript, JSON, CSV, SVG, plain text) whose bodies of
// at least kCompressMinBytes are worth compressing.
bool WorthCompressing(std::string_view content_type, std::size_t size);

// `data` as a gzip member (RFC 1952) at zlib's `level` (1 fastest .. 9 smallest).
Result<std::string> Gzip(std::string_view data, int level = 6);

// Compresses `response`'s body for `request` when the client accepts gzip and the body is worth
// it: sets Content-Encoding: gzip and turns a strong ETag into a weak one (the bytes differ
// from the unencoded answer's). Adds Vary: Accept-Encoding to every answer whose body could be
// compressed, whether or not this client accepts it. Leaves alone bodies already encoded and
// statuses without a full body (1xx, 204, 206, 304). The compressed bodies of answers that are
// not `no-store` and have a strong ETag are kept (32 MB, by that ETag, which stands for the
// plain body): a page many read is compressed once, not on every request.
void CompressResponse(const Request& request, Response& response);

// Adds `field` to the response's Vary header unless it names it already.
void AddVary(Response& response, std::string_view field);

}  // namespace waymark::web
