// Reads survey files (docs/survey-format.md) with toml++: the reader checks the shape (unknown
// keys, types, names of kinds and bands) and records where each field was written; the rules
// of the model are CheckSurvey's, and each of its problems is reported at the position of the
// field its path names (or of the nearest enclosing table when the field is missing).
#include "ingest/survey_file.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>

#include "ingest/plan_file.h"
#include "ingest/plan_toml.h"
#include "ingest/toml_reader.h"

namespace waymark::ingest {
namespace {

constexpr std::array<std::string_view, 5> kKindNames = {"single-choice", "multiple-choice",
                                                        "likert", "number", "free-text"};
constexpr std::array<std::string_view, 6> kAboutYouNames = {"age-band", "school-phase", "gender",
                                                            "ward",     "send",         "care"};

class SurveyReader : public TomlReader {
 public:
  SurveyReader(std::string file, const SurveyFileContext& context)
      : TomlReader(file), file_(std::move(file)), context_(context) {}
  SurveyFileReport Read(const toml::table& root);

 private:
  void Mark(const std::string& path, const toml::node& node) {
    positions_[path] = Pos(node.source());
  }
  // The node at `key` of `t`, recorded under `path`; nullptr when absent.
  const toml::node* At(const toml::table& t, std::string_view key, const std::string& path);
  std::string Str(const toml::table& t, std::string_view key, const std::string& path);
  std::vector<std::string> Strs(const toml::table& t, std::string_view key,
                                const std::string& path);
  std::optional<std::int64_t> Integer(const toml::table& t, std::string_view key,
                                      const std::string& path, std::int64_t low);
  std::optional<double> Num(const toml::table& t, std::string_view key, const std::string& path);
  Date DateAt(const toml::table& t, std::string_view key, const std::string& path);
  // Calls fn(table, path) for each table of the array `key` under `path`.
  template <typename Fn>
  void Each(const toml::table& t, std::string_view key, const std::string& path, Fn&& fn) {
    if (const toml::node* node = At(t, key, path)) {
      if (!node->is_array()) bad_.insert(path);
    }
    std::size_t i = 0;
    Tables(t, key, path, [&](const toml::table& table) {
      const std::string p = fmt::format("{}[{}]", path, i++);
      Mark(p, table);
      fn(table, p);
    });
  }
  const toml::table* SubTable(const toml::table& t, std::string_view key, const std::string& path);

  void ReadHeader(const toml::table& root, Survey& survey);
  Question ReadQuestion(const toml::table& t, const std::string& path);
  void ReadChoiceFields(const toml::table& t, const std::string& path, Question& q);
  void ReadRouting(const toml::table& t, const std::string& path, Question& q);
  void ReportRules(const Survey& survey);
  SourcePos PositionOf(std::string path) const;
  bool UnderBad(const std::string& path) const;

  std::string file_;
  const SurveyFileContext& context_;
  std::map<std::string, SourcePos> positions_;  // field path -> where it was written
  std::set<std::string> bad_;                   // paths already reported as mistyped
};

const toml::node* SurveyReader::At(const toml::table& t, std::string_view key,
                                   const std::string& path) {
  const toml::node* node = t.get(key);
  if (node != nullptr) Mark(path, *node);
  return node;
}

std::string SurveyReader::Str(const toml::table& t, std::string_view key, const std::string& path) {
  const toml::node* node = At(t, key, path);
  if (node == nullptr) return {};
  if (!node->is_string()) bad_.insert(path);
  return Text(t, key, false, path.substr(0, path.rfind('.')));
}

std::vector<std::string> SurveyReader::Strs(const toml::table& t, std::string_view key,
                                            const std::string& path) {
  const toml::node* node = At(t, key, path);
  if (node == nullptr) return {};
  const toml::array* array = node->as_array();
  if (array == nullptr) bad_.insert(path);
  for (std::size_t i = 0; array != nullptr && i < array->size(); ++i) {
    Mark(fmt::format("{}[{}]", path, i), *array->get(i));
    if (!array->get(i)->is_string()) bad_.insert(path);
  }
  return TextArray(t, key, path.substr(0, path.rfind('.')));
}

std::optional<std::int64_t> SurveyReader::Integer(const toml::table& t, std::string_view key,
                                                  const std::string& path, std::int64_t low) {
  const toml::node* node = At(t, key, path);
  if (node == nullptr) return std::nullopt;
  const auto* value = node->as_integer();
  if (value == nullptr || value->get() < low || value->get() > std::numeric_limits<int>::max()) {
    bad_.insert(path);
    Problem(node->source(), fmt::format("{} must be a whole number, {} or more", path, low));
    return std::nullopt;
  }
  return value->get();
}

std::optional<double> SurveyReader::Num(const toml::table& t, std::string_view key,
                                        const std::string& path) {
  const toml::node* node = At(t, key, path);
  if (node == nullptr) return std::nullopt;
  if (!node->is_number()) bad_.insert(path);
  return Number(t, key, false, path.substr(0, path.rfind('.')));
}

Date SurveyReader::DateAt(const toml::table& t, std::string_view key, const std::string& path) {
  const toml::node* node = At(t, key, path);
  if (node == nullptr) return {};
  if (!node->is_date()) bad_.insert(path);
  return DateField(t, key, path.substr(0, path.rfind('.')));
}

const toml::table* SurveyReader::SubTable(const toml::table& t, std::string_view key,
                                          const std::string& path) {
  const toml::node* node = At(t, key, path);
  if (node == nullptr) return nullptr;
  if (const toml::table* table = node->as_table()) return table;
  bad_.insert(path);
  Problem(node->source(),
          fmt::format("{} must be a table like {{ {} }}", path,
                      key == "show_if" ? "question = \"ID\", any_of = [\"OPTION\"]"
                                       : "indicator = \"ID\", counted = [\"OPTION\"]"));
  return nullptr;
}

void SurveyReader::ReadHeader(const toml::table& root, Survey& survey) {
  const toml::node* node = At(root, "survey", "survey");
  if (node == nullptr || node->as_table() == nullptr) {
    bad_.insert("survey");
    Problem(node != nullptr ? node->source() : root.source(),
            "the file must start with a [survey] table (id, code, title)");
    return;
  }
  const toml::table& t = *node->as_table();
  CheckKeys(t, {"id", "code", "title", "threshold"}, "[survey]");
  survey.id = Str(t, "id", "survey.id");
  survey.code = Str(t, "code", "survey.code");
  survey.title = Str(t, "title", "survey.title");
  if (auto threshold = Integer(t, "threshold", "survey.threshold", 0)) {
    survey.threshold = static_cast<int>(*threshold);
  }
}

void SurveyReader::ReadChoiceFields(const toml::table& t, const std::string& path, Question& q) {
  q.scale = Str(t, "scale", path + ".scale");
  Each(t, "options", path + ".options", [&](const toml::table& o, const std::string& op) {
    CheckKeys(o, {"id", "label"}, op);
    q.options.push_back(SurveyOption{Str(o, "id", op + ".id"), Str(o, "label", op + ".label")});
  });
  if (t.get("options") == nullptr && q.kind == QuestionKind::kLikert && !q.scale.empty()) {
    q.options = LikertScale(q.scale).value_or(std::vector<SurveyOption>{});
  }
  q.min_choices = static_cast<int>(Integer(t, "min_choices", path + ".min_choices", 0).value_or(0));
  q.max_choices = static_cast<int>(Integer(t, "max_choices", path + ".max_choices", 0).value_or(0));
}

void SurveyReader::ReadRouting(const toml::table& t, const std::string& path, Question& q) {
  if (const toml::table* s = SubTable(t, "show_if", path + ".show_if")) {
    const std::string sp = path + ".show_if";
    CheckKeys(*s, {"question", "any_of"}, sp);
    q.show_if = ShowIf{Str(*s, "question", sp + ".question"), Strs(*s, "any_of", sp + ".any_of")};
  }
  if (const toml::table* f = SubTable(t, "feeds", path + ".feeds")) {
    const std::string fp = path + ".feeds";
    CheckKeys(*f, {"indicator", "counted"}, fp);
    q.feeds = IndicatorFeed{Str(*f, "indicator", fp + ".indicator"),
                            Strs(*f, "counted", fp + ".counted")};
    const auto& known = context_.indicators;
    if (!known.empty() && !q.feeds->indicator.empty() &&
        std::find(known.begin(), known.end(), q.feeds->indicator) == known.end()) {
      AddProblem(PositionOf(fp + ".indicator"),
                 fmt::format("{}.indicator names '{}', which is not an indicator of the catalogue",
                             fp, q.feeds->indicator));
    }
  }
}

Question SurveyReader::ReadQuestion(const toml::table& t, const std::string& path) {
  CheckKeys(t,
            {"id", "kind", "about_you", "text", "hint", "required", "scale", "options",
             "min_choices", "max_choices", "min", "max", "whole", "max_length", "show_if", "feeds"},
            path);
  Question q;
  q.id = Str(t, "id", path + ".id");
  if (At(t, "about_you", path + ".about_you") != nullptr) {
    q.about_you = ParseAboutYou(Choice(t, "about_you", kAboutYouNames, "", path));
    if (!q.about_you) bad_.insert(path);
  }
  if (At(t, "kind", path + ".kind") != nullptr) {
    const auto kind = ParseQuestionKind(Choice(t, "kind", kKindNames, "", path));
    if (kind) q.kind = *kind;
    if (!kind) bad_.insert(path);
  } else if (t.get("about_you") == nullptr) {
    bad_.insert(path);
    Problem(t.source(), fmt::format("{} is missing required key 'kind' (one of single-choice, "
                                    "multiple-choice, likert, number, free-text)",
                                    path));
  }
  q.text = Str(t, "text", path + ".text");
  if (q.about_you && t.get("text") == nullptr) q.text = std::string(AboutYouText(*q.about_you));
  q.hint = Str(t, "hint", path + ".hint");
  if (At(t, "required", path + ".required")) q.required = Bool(t, "required", false, path);
  ReadChoiceFields(t, path, q);
  if (q.about_you && t.get("options") == nullptr) {
    q.options = BandOptions(*q.about_you, context_.wards);
  }
  q.min = Num(t, "min", path + ".min");
  q.max = Num(t, "max", path + ".max");
  if (At(t, "whole", path + ".whole")) q.whole = Bool(t, "whole", true, path);
  q.max_length =
      static_cast<std::size_t>(Integer(t, "max_length", path + ".max_length", 0).value_or(0));
  ReadRouting(t, path, q);
  return q;
}

SourcePos SurveyReader::PositionOf(std::string path) const {
  while (!path.empty()) {
    if (auto it = positions_.find(path); it != positions_.end()) return it->second;
    const std::size_t cut = path.find_last_of(".[");
    path = cut == std::string::npos ? std::string() : path.substr(0, cut);
  }
  return SourcePos{file_, 1, 1};
}

bool SurveyReader::UnderBad(const std::string& path) const {
  for (const std::string& bad : bad_) {
    if (path == bad) return true;
    if (path.rfind(bad, 0) == 0 && (path[bad.size()] == '.' || path[bad.size()] == '[')) {
      return true;
    }
  }
  return false;
}

void SurveyReader::ReportRules(const Survey& survey) {
  for (const FieldError& e : CheckSurvey(survey)) {
    if (UnderBad(e.field)) continue;
    AddProblem(PositionOf(e.field), fmt::format("{}: {}", e.field, e.message));
  }
}

SurveyFileReport SurveyReader::Read(const toml::table& root) {
  CheckKeys(root, {"survey", "wording", "sections", "waves"}, "the top level");
  Survey survey;
  survey.wards = context_.wards;
  survey.area = context_.area;
  ReadHeader(root, survey);
  Each(root, "wording", "wording", [&](const toml::table& t, const std::string& path) {
    CheckKeys(t, {"ages", "introduction", "consent"}, path);
    survey.wording.push_back(AgeWording{Str(t, "ages", path + ".ages"),
                                        Str(t, "introduction", path + ".introduction"),
                                        Str(t, "consent", path + ".consent")});
  });
  Each(root, "sections", "sections", [&](const toml::table& t, const std::string& path) {
    CheckKeys(t, {"id", "title", "intro", "questions"}, path);
    SurveySection section{Str(t, "id", path + ".id"), Str(t, "title", path + ".title"),
                          Str(t, "intro", path + ".intro")};
    Each(t, "questions", path + ".questions", [&](const toml::table& q, const std::string& qp) {
      section.questions.push_back(ReadQuestion(q, qp));
    });
    survey.sections.push_back(std::move(section));
  });
  Each(root, "waves", "waves", [&](const toml::table& t, const std::string& path) {
    CheckKeys(t, {"id", "name", "opens", "closes", "period"}, path);
    survey.waves.push_back(SurveyWave{Str(t, "id", path + ".id"), Str(t, "name", path + ".name"),
                                      DateAt(t, "opens", path + ".opens"),
                                      DateAt(t, "closes", path + ".closes"),
                                      Str(t, "period", path + ".period")});
  });
  if (!bad_.count("survey")) ReportRules(survey);

  SurveyFileReport report;
  if (!HasProblems()) {
    report.survey = std::move(survey);
    return report;
  }
  report.problems = TakeProblems();
  return report;
}

// Strings as TOML literals separated by ", ".
std::string QuotedList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += TomlString(item);
  }
  return out;
}

// The survey file writer: keys in the documented order, defaults left out.
class SurveyWriter {
 public:
  void Key(std::string_view indent, std::string_view key, const std::string& value) {
    if (!value.empty()) out_ += fmt::format("{}{} = {}\n", indent, key, TomlString(value));
  }
  void Raw(std::string_view text) { out_ += text; }
  void Question(const waymark::Question& q);
  std::string Take() { return std::move(out_); }

 private:
  void Options(const waymark::Question& q);
  std::string out_;
};

void SurveyWriter::Options(const waymark::Question& q) {
  if (q.about_you || (q.kind == QuestionKind::kLikert && !q.scale.empty())) return;
  if (q.options.empty()) return;
  out_ += "  options = [\n";
  for (const SurveyOption& o : q.options) {
    out_ += fmt::format("    {{ id = {}, label = {} }},\n", TomlString(o.id), TomlString(o.label));
  }
  out_ += "  ]\n";
}

void SurveyWriter::Question(const waymark::Question& q) {
  out_ += "\n  [[sections.questions]]\n";
  Key("  ", "id", q.id);
  if (q.about_you) {
    Key("  ", "about_you", std::string(AboutYouName(*q.about_you)));
    if (q.kind != QuestionKind::kSingleChoice) {
      Key("  ", "kind", std::string(QuestionKindName(q.kind)));
    }
    if (q.text != AboutYouText(*q.about_you)) Key("  ", "text", q.text);
  } else {
    Key("  ", "kind", std::string(QuestionKindName(q.kind)));
    Key("  ", "text", q.text);
  }
  Key("  ", "hint", q.hint);
  if (q.required) out_ += "  required = true\n";
  Key("  ", "scale", q.scale);
  Options(q);
  if (q.min_choices != 0) out_ += fmt::format("  min_choices = {}\n", q.min_choices);
  if (q.max_choices != 0) out_ += fmt::format("  max_choices = {}\n", q.max_choices);
  if (q.min) out_ += fmt::format("  min = {}\n", *q.min);
  if (q.max) out_ += fmt::format("  max = {}\n", *q.max);
  if (!q.whole) out_ += "  whole = false\n";
  if (q.max_length != 0) out_ += fmt::format("  max_length = {}\n", q.max_length);
  if (q.show_if) {
    out_ += fmt::format("  show_if = {{ question = {}, any_of = [{}] }}\n",
                        TomlString(q.show_if->question), QuotedList(q.show_if->any_of));
  }
  if (q.feeds) {
    out_ += fmt::format("  feeds = {{ indicator = {}, counted = [{}] }}\n",
                        TomlString(q.feeds->indicator), QuotedList(q.feeds->counted));
  }
}

}  // namespace

SurveyFileReport ParseSurveyText(std::string_view text, const std::string& file_name,
                                 const SurveyFileContext& context) {
  auto root = ParseToml(text, file_name);
  if (!root) {
    SurveyFileReport report;
    report.problems.push_back(root.error());
    return report;
  }
  SurveyReader reader(file_name, context);
  return reader.Read(*root);
}

SurveyFileReport ReadSurveyFile(const std::string& path, const SurveyFileContext& context) {
  auto text = ReadTextFile(path);
  if (!text) {
    SurveyFileReport report;
    report.problems.push_back(text.error());
    return report;
  }
  return ParseSurveyText(*text, path, context);
}

std::vector<SurveyOption> WardBands(const std::vector<Area>& areas, std::string_view council_code) {
  std::vector<SurveyOption> out;
  for (const Area& area : areas) {
    if (area.type == AreaType::kWard && area.parent == council_code) {
      out.push_back(SurveyOption{area.code, area.name});
    }
  }
  return out;
}

std::string WriteSurveyToml(const Survey& survey) {
  SurveyWriter w;
  w.Raw(fmt::format("# Survey file for {} (docs/survey-format.md).\n\n[survey]\n", survey.id));
  w.Key("", "id", survey.id);
  w.Key("", "code", survey.code);
  w.Key("", "title", survey.title);
  w.Raw(fmt::format("threshold = {}\n", survey.threshold));
  for (const AgeWording& wording : survey.wording) {
    w.Raw("\n[[wording]]\n");
    w.Key("", "ages", wording.ages);
    w.Key("", "introduction", wording.introduction);
    w.Key("", "consent", wording.consent);
  }
  for (const SurveyWave& wave : survey.waves) {
    w.Raw("\n[[waves]]\n");
    w.Key("", "id", wave.id);
    w.Key("", "name", wave.name);
    w.Raw(fmt::format("opens = {}\ncloses = {}\n", wave.opens.ToString(), wave.closes.ToString()));
    if (!wave.period.empty()) w.Key("", "period", wave.period);
  }
  for (const SurveySection& section : survey.sections) {
    w.Raw("\n[[sections]]\n");
    w.Key("", "id", section.id);
    w.Key("", "title", section.title);
    w.Key("", "intro", section.intro);
    for (const Question& q : section.questions) w.Question(q);
  }
  return w.Take();
}

}  // namespace waymark::ingest
