// Waymark's own static files (static/waymark.css, static/waymark.mjs), compiled into the
// program from those files at build time so that the server needs no file of its own.
#pragma once

#include <string_view>

namespace waymark::web {

std::string_view SiteStylesheet();
std::string_view SiteScript();

}  // namespace waymark::web
