// How answers may be kept by browsers and caches, decided in one place for every response:
// public GET answers get an ETag and `Cache-Control: no-cache` (kept, but checked again each
// time, a revisit costing a 304), personal ones `private, no-store` and no validator.
#pragma once

#include <string>
#include <string_view>

#include "web/http.h"

namespace waymark::web {

inline constexpr std::string_view kRevalidate = "no-cache";
inline constexpr std::string_view kPrivateNoStore = "private, no-store";
// For content addressed by its own hash (fingerprinted assets): it never changes.
inline constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

// The hex BLAKE2b-128 digest of `a` followed by `b`: the content hash of ETags and asset names.
std::string ContentHash(std::string_view a, std::string_view b = {});

// An id of the running program (a hash of its executable, read once): a new build gives new
// ETags, since its pages may differ for the same data.
std::string_view BuildId();

// A strong ETag ("\"...\"") for a body that depends only on `version` (and the build).
std::string VersionEtag(std::string_view version);
// A strong ETag that is a hash of `body`.
std::string BodyEtag(std::string_view body);

// True when an If-None-Match value matches `etag`: "*", or a list of entity tags one of which
// has the same opaque tag (weak comparison: W/"x" matches "x"). A malformed list matches
// only as far as it could be read.
bool IfNoneMatchMatches(std::string_view if_none_match, std::string_view etag);

// Applies the cache policy to `response`, the answer to `request`:
// - personal (signed in, an API token, a form carrying the reader's CSRF token, a new cookie)
//   or a route asking for no-store: `private, no-store`, no ETag;
// - a public GET/HEAD 200: an ETag (the route's, derived from its data version, or a hash of
//   the body), `no-cache` unless the route set a lifetime, and a 304 with no body when
//   If-None-Match matches;
// - anything else is left as it is (ApplySecurityHeaders then gives it `no-store`).
void ApplyCachePolicy(const Request& request, Response& response, bool personal);

// The last step of every answer of the site: the cache policy, then compression
// (web/compression.h).
void FinishResponse(const Request& request, Response& response, bool personal);

}  // namespace waymark::web
