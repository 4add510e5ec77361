// Reads findings files (docs/findings-format.md) with toml++: TomlReader checks the shape and
// this reader records where each field was written, so that CheckFinding's problems, named by
// field ("said", "answers[1].text"), are reported at that field's key (or at the finding's or
// answer's table when the key is missing).
#include "ingest/findings_file.h"

#include <array>
#include <map>
#include <set>

#include <fmt/format.h>

#include "ingest/plan_file.h"
#include "ingest/toml_reader.h"

namespace waymark::ingest {
namespace {

constexpr std::array<std::string_view, 4> kSourceNames = {"survey", "focus-group", "youth-forum",
                                                          "consultation"};
constexpr std::array<std::string_view, 3> kKindNames = {"we-did", "we-are-doing", "we-cannot"};

class FindingsReader : public TomlReader {
 public:
  FindingsReader(std::string file, const Plan& plan) : TomlReader(std::move(file)), plan_(plan) {}
  FindingsFileReport Read(const toml::table& root);

 private:
  // Records where each key of `t` was written, under "PREFIX.KEY" ("PREFIX" itself for `t`).
  void Mark(const toml::table& t, const std::string& prefix);
  Finding ReadFinding(const toml::table& t, const std::string& where, const std::string& prefix);
  FindingAnswer ReadAnswer(const toml::table& t, const std::string& where);
  int Participants(const toml::table& t, std::string_view where);
  void ReportRules(const Finding& f, const std::string& prefix);

  const Plan& plan_;
  std::map<std::string, SourcePos> positions_;  // "finding[N].FIELD" -> where it was written
};

void FindingsReader::Mark(const toml::table& t, const std::string& prefix) {
  positions_[prefix] = Pos(t.source());
  for (auto&& [key, value] : t) {
    positions_[fmt::format("{}.{}", prefix, key.str())] = Pos(value.source());
  }
}

int FindingsReader::Participants(const toml::table& t, std::string_view where) {
  const toml::node* node = t.get("participants");
  if (node == nullptr) return 0;
  const auto* value = node->as_integer();
  if (value == nullptr || value->get() < 0 || value->get() > kMaxFindingParticipants) {
    Problem(node->source(), fmt::format("'participants' in {} must be a whole number from 0 to {}",
                                        where, kMaxFindingParticipants));
    return 0;
  }
  return static_cast<int>(value->get());
}

FindingAnswer FindingsReader::ReadAnswer(const toml::table& t, const std::string& where) {
  CheckKeys(t, {"target", "kind", "text", "date", "answered_by", "illustrative"}, where);
  FindingAnswer a;
  a.target = Text(t, "target", true, where);
  const std::string kind = Choice(t, "kind", kKindNames, "", where);
  if (t.get("kind") == nullptr) {
    Problem(t.source(), fmt::format("{} is missing required key 'kind'", where));
  }
  a.kind = ParseAnswerKind(kind).value_or(AnswerKind::kWeAreDoing);
  a.text = Text(t, "text", true, where);
  a.date = DateField(t, "date", where);
  a.answered_by = Text(t, "answered_by", true, where);
  a.illustrative = Bool(t, "illustrative", false, where);
  return a;
}

Finding FindingsReader::ReadFinding(const toml::table& t, const std::string& where,
                                    const std::string& prefix) {
  CheckKeys(t,
            {"key", "outcome", "said", "source", "source_name", "date", "participants", "answer"},
            where);
  Mark(t, prefix);
  Finding f;
  f.plan_id = plan_.id;
  f.key = Text(t, "key", true, where);
  f.outcome_id = Text(t, "outcome", true, where);
  f.said = Text(t, "said", true, where);
  const std::string source = Choice(t, "source", kSourceNames, "", where);
  if (t.get("source") == nullptr) {
    Problem(t.source(), fmt::format("{} is missing required key 'source'", where));
  }
  f.source = ParseFindingSource(source).value_or(FindingSource::kSurvey);
  f.source_name = Text(t, "source_name", true, where);
  f.date = DateField(t, "date", where);
  f.participants = Participants(t, where);
  std::size_t i = 0;
  Tables(t, "answer", where, [&](const toml::table& answer) {
    const std::string answer_prefix = fmt::format("{}.answers[{}]", prefix, i);
    Mark(answer, answer_prefix);
    f.answers.push_back(ReadAnswer(answer, fmt::format("{} answer {}", where, ++i)));
  });
  return f;
}

void FindingsReader::ReportRules(const Finding& f, const std::string& prefix) {
  for (const FieldError& e : CheckFinding(f, plan_)) {
    // Every field CheckFinding names is written under its own name ("answers[N]" is the
    // N-th [[finding.answer]]).
    const std::string path = fmt::format("{}.{}", prefix, e.field);
    auto it = positions_.find(path);
    if (it == positions_.end()) {
      const std::string parent = path.substr(0, path.rfind('.'));
      it = positions_.find(parent);
    }
    AddProblem(it != positions_.end() ? it->second : positions_[prefix],
               fmt::format("{}: {}", e.field, e.message));
  }
}

FindingsFileReport FindingsReader::Read(const toml::table& root) {
  CheckKeys(root, {"finding"}, "the findings file");
  FindingsFileReport report;
  std::set<std::string> keys;
  std::size_t i = 0;
  Tables(root, "finding", "the findings file", [&](const toml::table& t) {
    const std::string prefix = fmt::format("finding[{}]", i++);
    const std::string where = fmt::format("finding {}", i);
    Finding f = ReadFinding(t, where, prefix);
    if (!f.key.empty() && !keys.insert(f.key).second) {
      AddProblem(positions_[prefix + ".key"],
                 fmt::format("key '{}' of {} is used by an earlier finding", f.key, where));
    }
    report.findings.push_back(std::move(f));
  });
  if (report.findings.empty() && !HasProblems()) {
    AddProblem(Pos(root.source()), "the findings file has no [[finding]]");
  }
  if (!HasProblems()) {
    for (std::size_t n = 0; n < report.findings.size(); ++n) {
      ReportRules(report.findings[n], fmt::format("finding[{}]", n));
    }
  }
  report.problems = TakeProblems();
  if (!report.problems.empty()) report.findings.clear();
  return report;
}

}  // namespace

FindingsFileReport ParseFindingsText(std::string_view text, const std::string& file_name,
                                     const Plan& plan) {
  auto root = ParseToml(text, file_name);
  if (!root) {
    FindingsFileReport report;
    report.problems.push_back(root.error());
    return report;
  }
  FindingsReader reader(file_name, plan);
  return reader.Read(*root);
}

FindingsFileReport ReadFindingsFile(const std::string& path, const Plan& plan) {
  auto text = ReadTextFile(path);
  if (!text) {
    FindingsFileReport report;
    report.problems.push_back(text.error());
    return report;
  }
  return ParseFindingsText(*text, path, plan);
}

}  // namespace waymark::ingest
