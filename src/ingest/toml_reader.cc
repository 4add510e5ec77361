// TomlReader: typed field access with positioned diagnostics, shared by the TOML readers.
#include "ingest/toml_reader.h"

#include <algorithm>
#include <cctype>
#include <tuple>

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
  try {
    return toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    return MakeError(ErrorCode::kParse, std::string(e.description()),
                     SourcePos{file_name, static_cast<int>(e.source().begin.line),
                               static_cast<int>(e.source().begin.column)});
  }
}

}  // namespace waymark::ingest
