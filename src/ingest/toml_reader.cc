// TomlReader: typed field access with positioned diagnostics, shared by the TOML readers.
#include "ingest/toml_reader.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "ingest/text_check.h"

namespace waymark::ingest {
namespace {

template <typename List>
bool Contains(const List& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

template <typename List>
std::string Join(const List& list) {
  std::string out;
  for (auto item : list) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

// The years a date in a file may have.
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2199;

// The base a whole number was written in, other than decimal; nullptr for decimal. toml++ keeps
// it in the two low bits of the value's flags (binary 1, octal 2, hexadecimal 3).
const char* WrittenBase(toml::value_flags flags) {
  switch (static_cast<unsigned>(flags) & 3U) {
    case static_cast<unsigned>(toml::value_flags::format_as_binary): return "binary";
    case static_cast<unsigned>(toml::value_flags::format_as_octal): return "octal";
    case static_cast<unsigned>(toml::value_flags::format_as_hexadecimal): return "hexadecimal";
    default: return nullptr;
  }
}

// Adds to `out` each value under `node` that TOML allows but no Waymark file means: a whole
// number written in hexadecimal, octal or binary (0x10 is not a count), or a date outside the
// years kFirstYear to kLastYear. `key` names the value.
void CheckValues(const toml::node& node, std::string_view key, const std::string& file,
                 Diagnostics& out) {
  const auto problem = [&](std::string message) {
    out.push_back(Error{ErrorCode::kValidation, std::move(message),
                        SourcePos{file, static_cast<int>(node.source().begin.line),
                                  static_cast<int>(node.source().begin.column)}});
  };
  if (const auto* table = node.as_table()) {
    for (auto&& [k, v] : *table) CheckValues(v, k.str(), file, out);
  } else if (const auto* array = node.as_array()) {
    for (const toml::node& element : *array) CheckValues(element, key, file, out);
  } else if (const auto* integer = node.as_integer()) {
    if (const char* base = WrittenBase(integer->flags()); base != nullptr) {
      problem(fmt::format("'{}' is written in {} ({} in decimal); write whole numbers in decimal",
                          key, base, integer->get()));
    }
  } else if (const auto* date = node.as_date()) {
    const toml::date d = date->get();
    if (d.year < kFirstYear || d.year > kLastYear) {
      problem(fmt::format("'{}' is {:04}-{:02}-{:02}, outside the years {} to {} that a date may "
                          "have",
                          key, d.year, d.month, d.day, kFirstYear, kLastYear));
    }
  }
}

}  // namespace

void TomlReader::CheckKeys(const toml::table& t, std::initializer_list<std::string_view> allowed, std::string_view where) {
  for (auto&& [key, value] : t) {
    if (!Contains(allowed, key.str())) {
      Problem(key.source(), fmt::format("unknown key '{}' in {} (allowed: {})", key.str(), where,
                                        Join(allowed)));
    }
  }
}

std::string TomlReader::Text(const toml::table& t, std::string_view key, bool required,
                             std::string_view where) {
  const toml::node* node = t.get(key);
  if (node == nullptr) {
    if (required) Problem(t.source(), fmt::format("{} is missing required key '{}'", where, key));
    return {};
  }
  const auto* value = node->as_string();
  if (value == nullptr) {
    Problem(node->source(), fmt::format("'{}' in {} must be a string", key, where));
    return {};
  }
  if (required && IsBlank(value->get())) {
    Problem(node->source(), fmt::format("'{}' in {} must not be empty", key, where));
  }
  return value->get();
}

std::vector<std::string> TomlReader::TextArray(const toml::table& t, std::string_view key,
                                               std::string_view where) {
  std::vector<std::string> out;
  const toml::node* node = t.get(key);
  if (node == nullptr) return out;
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    Problem(node->source(), fmt::format("'{}' in {} must be an array of strings", key, where));
    return out;
  }
  for (const toml::node& element : *array) {
    if (const auto* s = element.as_string()) {
      out.push_back(s->get());
    } else {
      Problem(element.source(), fmt::format("'{}' in {} must contain only strings", key, where));
    }
  }
  return out;
}

std::string TomlReader::Choice(const toml::table& t, std::string_view key, Choices choices,
                               std::string_view fallback, std::string_view where) {
  if (t.get(key) == nullptr) return std::string(fallback);
  std::string value = Text(t, key, true, where);
  if (!value.empty() && !Contains(choices, value)) {
    Problem(t.get(key)->source(), fmt::format("'{}' in {} is '{}'; expected one of: {}", key,
                                              where, value, Join(choices)));
  }
  return value;
}

Date TomlReader::DateField(const toml::table& t, std::string_view key, std::string_view where) {
  const toml::node* node = t.get(key);
  if (node == nullptr) {
    Problem(t.source(), fmt::format("{} is missing required key '{}'", where, key));
    return {};
  }
  const auto* value = node->as_date();
  if (value == nullptr) {
    Problem(node->source(),
            fmt::format("'{}' in {} must be a date written like 2019-04-01", key, where));
    return {};
  }
  const toml::date d = value->get();
  return Date{d.year, d.month, d.day};
}

std::string TomlReader::Id(const toml::table& t, std::string_view kind, std::string_view where) {
  std::string id = Text(t, "id", true, where);
  if (id.empty()) return id;
  const auto pos = Pos(t.get("id")->source());
  if (!IsValidSlug(id)) {
    AddProblem(pos, fmt::format("{} id '{}' is not a valid id: use 1-64 characters of a-z, "
                                "0-9 and '-', not starting or ending with '-'",
                                kind, id));
    return id;
  }
  auto& seen = ids_[std::string(kind)];
  if (auto it = seen.find(id); it != seen.end()) {
    AddProblem(pos, fmt::format("duplicate {} id '{}' (first declared at line {})", kind, id,
                                it->second.line));
  } else {
    seen.emplace(id, pos);
  }
  return id;
}

void TomlReader::Links(const toml::table& t, std::string_view key, std::string_view target_kind,
                       std::string_view where, std::vector<std::string>* out) {
  *out = TextArray(t, key, where);
  const toml::array* array = t.get(key) != nullptr ? t.get(key)->as_array() : nullptr;
  if (array == nullptr) return;
  std::map<std::string, int> seen;
  for (std::size_t i = 0; i < array->size() && i < out->size(); ++i) {
    const auto pos = Pos((*array)[i].source());
    if (++seen[(*out)[i]] > 1) {
      AddProblem(pos, fmt::format("{} names {} '{}' twice", where, target_kind, (*out)[i]));
    }
    links_.push_back(PendingLink{std::string(target_kind), (*out)[i], pos, std::string(where)});
  }
}

std::string TomlReader::Link(const toml::table& t, std::string_view key,
                             std::string_view target_kind, std::string_view where) {
  const toml::node* node = t.get(key);
  if (node == nullptr) return {};
  const auto* id = node->as_string();
  if (id == nullptr || id->get().empty()) {
    Problem(node->source(),
            fmt::format("'{}' of {} must be the id of one {}", key, where, target_kind));
    return {};
  }
  links_.push_back(PendingLink{std::string(target_kind), id->get(), Pos(node->source()),
                               std::string(where)});
  return id->get();
}

void TomlReader::CheckLinks() {
  for (const auto& link : links_) {
    const auto it = ids_.find(link.kind);
    if (it != ids_.end() && it->second.count(link.id) > 0) continue;
    AddProblem(link.pos, fmt::format("{} names unknown {} '{}'", link.from, link.kind, link.id));
  }
}

std::map<std::string, std::string> TomlReader::TextTable(const toml::table& t,
                                                     std::string_view key,
                                                     std::string_view where) {
  std::map<std::string, std::string> out;
  const toml::node* node = t.get(key);
  if (node == nullptr) return out;
  const toml::table* table = node->as_table();
  if (table == nullptr) {
    Problem(node->source(), fmt::format("'{}' in {} must be a table of strings", key, where));
    return out;
  }
  for (auto&& [k, v] : *table) {
    if (const auto* s = v.as_string()) {
      out[std::string(k.str())] = s->get();
    } else {
      Problem(v.source(), fmt::format("'{}.{}' in {} must be a string", key, k.str(), where));
    }
  }
  return out;
}

std::optional<double> TomlReader::Number(const toml::table& t, std::string_view key,
                                         bool required, std::string_view where) {
  const toml::node* node = t.get(key);
  if (node == nullptr) {
    if (required) Problem(t.source(), fmt::format("{} is missing required key '{}'", where, key));
    return std::nullopt;
  }
  if (const auto* i = node->as_integer()) return static_cast<double>(i->get());
  if (const auto* f = node->as_floating_point()) {
    if (std::isfinite(f->get())) return f->get();
  }
  Problem(node->source(), fmt::format("'{}' in {} must be a finite number", key, where));
  return std::nullopt;
}

bool TomlReader::Bool(const toml::table& t, std::string_view key, bool fallback,
                      std::string_view where) {
  const toml::node* node = t.get(key);
  if (node == nullptr) return fallback;
  if (const auto* b = node->as_boolean()) return b->get();
  Problem(node->source(), fmt::format("'{}' in {} must be true or false", key, where));
  return fallback;
}

Diagnostics TomlReader::TakeProblems() {
  std::stable_sort(problems_.begin(), problems_.end(), [](const Error& a, const Error& b) {
    return std::tie(a.pos.line, a.pos.column) < std::tie(b.pos.line, b.pos.column);
  });
  return std::move(problems_);
}

Result<toml::table> ParseToml(std::string_view text, const std::string& file_name) {
  if (IsBlank(text)) {
    return MakeError(ErrorCode::kParse, "the file is empty", SourcePos{file_name, 0, 0});
  }
  if (text.size() > kMaxTomlBytes) {
    return MakeError(ErrorCode::kParse,
                     fmt::format("the file is {} MiB; a TOML file Waymark reads is at most {} MiB",
                                 text.size() >> 20, kMaxTomlBytes >> 20),
                     SourcePos{file_name});
  }
  // TOML allows a CR only before an LF.
  if (auto fault = CheckTextEncoding(text, file_name, "TOML", true)) return tl::unexpected(*fault);
  toml::table root;
  try {
    root = toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    return MakeError(ErrorCode::kParse, std::string(e.description()),
                     SourcePos{file_name, static_cast<int>(e.source().begin.line),
                               static_cast<int>(e.source().begin.column)});
  }
  Diagnostics odd;
  CheckValues(root, "", file_name, odd);
  if (!odd.empty()) {
    const auto first = [](const Error& a, const Error& b) {
      return std::tie(a.pos.line, a.pos.column) < std::tie(b.pos.line, b.pos.column);
    };
    return tl::unexpected(*std::min_element(odd.begin(), odd.end(), first));
  }
  return root;
}

}  // namespace waymark::ingest
