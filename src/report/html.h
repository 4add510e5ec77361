// HTML output with escaping by default: every text and attribute value written through Html is
// escaped; only markup produced by another Html (or a fixed literal) goes in unescaped.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace waymark::report {

// Escapes & < > " ' so that the text is safe as element content and as a quoted attribute value.
std::string EscapeHtml(std::string_view text);

// One attribute: name (a fixed literal) and value (escaped when written).
struct Attr {
  std::string_view name;
  std::string_view value;
};

using Attrs = std::initializer_list<Attr>;

// A small builder of HTML text. Tag and attribute names are literals chosen by our code; text
// and attribute values are escaped.
class Html {
 public:
  // <tag a="v">
  Html& Open(std::string_view tag, Attrs attrs = {});
  // </tag>
  Html& Close(std::string_view tag);
  // The same with attributes chosen at run time (some present only in some cases).
  Html& Open(std::string_view tag, std::span<const Attr> attrs);
  // <tag a="v"> (no closing tag: meta, link, input, hr, br)
  Html& Void(std::string_view tag, Attrs attrs = {});
  Html& Void(std::string_view tag, std::span<const Attr> attrs) { return Open(tag, attrs); }
  // <tag a="v">text</tag>
  Html& Element(std::string_view tag, Attrs attrs, std::string_view text);
  // Escaped text.
  Html& Text(std::string_view text);
  // A link <a class="govuk-link" href="href">text</a>.
  Html& Link(std::string_view href, std::string_view text, std::string_view cls = "govuk-link");
  // Markup built elsewhere with Html (already safe).
  Html& Append(const Html& other);
  // A fixed markup literal from our own code; never pass data here.
  Html& Literal(std::string_view markup);

  const std::string& View() const { return out_; }
  std::string Take() { return std::move(out_); }
  bool IsEmpty() const { return out_.empty(); }

 private:
  void WriteAttrs(std::span<const Attr> attrs);
  std::string out_;
};

// Text with blank lines between paragraphs, as GOV.UK body paragraphs (each trimmed of spaces
// and newlines at its ends; empty ones left out).
void Paragraphs(Html& h, std::string_view text);

}  // namespace waymark::report
