// HTML escaping and the Html builder.
#include "report/html.h"

namespace waymark::report {

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void Html::WriteAttrs(std::span<const Attr> attrs) {
  for (const Attr& a : attrs) {
    out_ += ' ';
    out_ += a.name;
    out_ += "=\"";
    out_ += EscapeHtml(a.value);
    out_ += '"';
  }
}

Html& Html::Open(std::string_view tag, Attrs attrs) {
  return Open(tag, std::span<const Attr>(attrs.begin(), attrs.size()));
}

Html& Html::Open(std::string_view tag, std::span<const Attr> attrs) {
  out_ += '<';
  out_ += tag;
  WriteAttrs(attrs);
  out_ += '>';
  return *this;
}

Html& Html::Close(std::string_view tag) {
  out_ += "</";
  out_ += tag;
  out_ += '>';
  return *this;
}

Html& Html::Void(std::string_view tag, Attrs attrs) { return Open(tag, attrs); }

Html& Html::Element(std::string_view tag, Attrs attrs, std::string_view text) {
  Open(tag, attrs);
  Text(text);
  return Close(tag);
}

Html& Html::Text(std::string_view text) {
  out_ += EscapeHtml(text);
  return *this;
}

Html& Html::Link(std::string_view href, std::string_view text, std::string_view cls) {
  return Element("a", {{"class", cls}, {"href", href}}, text);
}

Html& Html::Append(const Html& other) {
  out_ += other.out_;
  return *this;
}

Html& Html::Literal(std::string_view markup) {
  out_ += markup;
  return *this;
}

void Paragraphs(Html& h, std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find("\n\n", at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(at, end - at);
    while (!part.empty() && (part.front() == '\n' || part.front() == ' ')) part.remove_prefix(1);
    while (!part.empty() && (part.back() == '\n' || part.back() == ' ')) part.remove_suffix(1);
    if (!part.empty()) h.Element("p", {{"class", "govuk-body"}}, part);
    at = end + 2;
  }
}

}  // namespace waymark::report
