// The addresses pages give for the site's static files. The web layer, which serves them,
// registers a fingerprinted address for each (`/assets/NAME.HASH.EXT`, cached for a year);
// a file it has not registered keeps its plain address.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace waymark::report {

// Replaces the table of addresses: plain path ("/static/waymark.css") → the address to use.
void SetAssetUrls(std::map<std::string, std::string, std::less<>> urls);

// The address pages should use for the static file at `path` ("/static/waymark.css").
std::string AssetUrl(std::string_view path);

}  // namespace waymark::report
