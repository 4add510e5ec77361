// RenderPdf: a report's HTML as a tagged PDF, rendered by WeasyPrint (Debian's `weasyprint`)
// run as a child process. This is the one place in src/report that runs a subprocess. The
// child is started with posix_spawn and an argument vector (no shell), in its own process
// group, with the HTML on its standard input and the PDF written to a file in a private
// temporary directory (scratch_dir.h) that is always removed; its standard error is kept for
// the error message; past the timeout the whole process group is killed.
//
// WeasyPrint makes the PDF's title from <title>, its language from <html lang>, its bookmarks
// from the headings (h1-h6) and repeats a table's <thead> on every page the table spans;
// `--pdf-variant pdf/ua-1` makes a tagged PDF (a structure tree of H1, P, Table, THead, TR,
// TH, TD...). WeasyPrint 57 prints a warning that its PDF/UA support is experimental.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace waymark::report {

inline constexpr char kWeasyprintEnv[] = "WAYMARK_WEASYPRINT";
inline constexpr std::chrono::milliseconds kDefaultPdfTimeout{120'000};

struct PdfOptions {
  // The weasyprint executable: a path (with a '/') or a name looked up on $PATH. Empty: the
  // environment variable WAYMARK_WEASYPRINT if set, else "weasyprint".
  std::string executable;
  // The base for relative URLs in the HTML (stylesheets, images): a directory or URL passed
  // as --base-url. Empty: none, so relative URLs resolve against the working directory.
  std::string base_url;
  // Stylesheet files added after the document's own (--stylesheet); each must exist.
  std::vector<std::string> stylesheets;
  std::chrono::milliseconds timeout = kDefaultPdfTimeout;
};

// The executable RenderPdf would run: the full path found for options.executable (or its
// default), or an error (kUnsupported) that says to install the Debian package weasyprint.
Result<std::string> FindWeasyprint(const PdfOptions& options = {});

// True when FindWeasyprint finds an executable file (it is not run).
bool PdfRendererAvailable(const PdfOptions& options = {});

// The arguments after the program name: "--pdf-variant pdf/ua-1 --encoding utf-8
// [--base-url=URL] [--stylesheet=PATH]... - OUTPUT". Values are joined to their option with
// '=' so that a value starting with '-' is never read as an option.
std::vector<std::string> WeasyprintArguments(const PdfOptions& options,
                                             const std::string& output_path);

// The PDF's bytes. Errors: weasyprint missing (kUnsupported: "weasyprint not found: install
// the Debian package weasyprint"), a stylesheet missing or a timeout that is not positive
// (kInvalidArgument), the child failing (kIo, with its exit status and the end of its
// standard error), running longer than options.timeout (kIo; the child is killed), or no PDF
// written.
Result<std::string> RenderPdf(std::string_view html, const PdfOptions& options = {});

}  // namespace waymark::report
