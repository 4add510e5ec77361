// Tables, CSV and JSON of reporting cycles and action updates (cycle_text.h).
#include "cli/cycle_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/table_text.h"
#include "stats/csv.h"

namespace waymark::cli {
namespace {

std::string StateText(const CycleRow& row) {
  std::string state(CycleStateName(row.cycle.state));
  if (row.overdue) state += ", overdue";
  return state;
}

std::string StatusText(const ActionUpdateFields& fields) {
  return fields.status ? std::string(ActionStatusName(*fields.status)) : std::string();
}

std::string DateText(const std::optional<Date>& date) {
  return date ? date->ToString() : std::string();
}

std::string CsvLines(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& row : rows) out += stats::CsvLine(row) + "\n";
  return out;
}

}  // namespace

std::string CyclesText(const std::vector<CycleRow>& rows) {
  if (rows.empty()) {
    return "no reporting cycles (open one with 'waymark cycle open --plan ID --name NAME --from "
           "DATE --to DATE --due DATE')\n";
  }
  std::vector<std::vector<std::string>> table = {
      {"id", "plan", "name", "from", "to", "due", "state", "submitted", "draft", "no update"}};
  for (const CycleRow& r : rows) {
    const ReportingCycle& c = r.cycle;
    table.push_back({std::to_string(c.id), c.plan_id, c.name, c.from.ToString(), c.to.ToString(),
                     c.due.ToString(), StateText(r), fmt::format("{}/{}", r.submitted, r.actions),
                     fmt::format("{}/{}", r.drafts, r.actions),
                     fmt::format("{}/{}", r.NoUpdate(), r.actions)});
  }
  return AlignedTable(table);
}

std::string CyclesCsv(const std::vector<CycleRow>& rows) {
  std::vector<std::vector<std::string>> table = {
      {"id", "plan", "name", "from", "to", "due", "state", "overdue", "actions", "submitted",
       "draft", "no_update", "opened_at", "opened_by", "closed_at", "closed_by"}};
  for (const CycleRow& r : rows) {
    const ReportingCycle& c = r.cycle;
    table.push_back(
        {std::to_string(c.id), c.plan_id, c.name, c.from.ToString(), c.to.ToString(),
         c.due.ToString(), std::string(CycleStateName(c.state)), r.overdue ? "true" : "false",
         std::to_string(r.actions), std::to_string(r.submitted), std::to_string(r.drafts),
         std::to_string(r.NoUpdate()), c.opened_at, c.opened_by, c.closed_at, c.closed_by});
  }
  return CsvLines(table);
}

nlohmann::ordered_json CyclesJson(const std::vector<CycleRow>& rows) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const CycleRow& r : rows) {
    const ReportingCycle& c = r.cycle;
    out.push_back({{"id", c.id},
                   {"plan", c.plan_id},
                   {"name", c.name},
                   {"from", c.from.ToString()},
                   {"to", c.to.ToString()},
                   {"due", c.due.ToString()},
                   {"state", CycleStateName(c.state)},
                   {"overdue", r.overdue},
                   {"actions", r.actions},
                   {"submitted", r.submitted},
                   {"draft", r.drafts},
                   {"no_update", r.NoUpdate()},
                   {"opened_at", c.opened_at},
                   {"opened_by", c.opened_by},
                   {"closed_at", c.closed_at},
                   {"closed_by", c.closed_by}});
  }
  return out;
}

std::string EvidenceCell(const std::vector<std::string>& links) {
  return fmt::format("{}", fmt::join(links, " | "));
}

std::string UpdatesText(const std::vector<ActionUpdate>& updates) {
  if (updates.empty()) return "no updates in this cycle\n";
  std::vector<std::vector<std::string>> table = {
      {"action", "state", "status", "organisation", "author", "version", "updated"}};
  for (const ActionUpdate& u : updates) {
    table.push_back({u.action_id, std::string(UpdateStateName(u.state)), StatusText(u.fields),
                     u.organisation, u.author, std::to_string(u.version), u.updated_at});
  }
  return AlignedTable(table);
}

std::string UpdatesCsv(const std::vector<ActionUpdate>& updates) {
  std::vector<std::vector<std::string>> table = {
      {"action", "author", "state", "status", "narrative", "evidence", "next_steps",
       "expected_completion", "cycle", "plan", "organisation", "author_name", "version",
       "updated_at", "submitted_at", "reopened_reason"}};
  for (const ActionUpdate& u : updates) {
    const ActionUpdateFields& f = u.fields;
    table.push_back({u.action_id, u.author, std::string(UpdateStateName(u.state)), StatusText(f),
                     f.narrative, EvidenceCell(f.evidence), f.next_steps,
                     DateText(f.expected_completion), std::to_string(u.cycle_id), u.plan_id,
                     u.organisation, u.author_name, std::to_string(u.version), u.updated_at,
                     u.submitted_at, u.reopened_reason});
  }
  return CsvLines(table);
}

nlohmann::ordered_json UpdatesJson(const std::vector<ActionUpdate>& updates) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const ActionUpdate& u : updates) {
    const ActionUpdateFields& f = u.fields;
    out.push_back({{"id", u.id},
                   {"cycle", u.cycle_id},
                   {"plan", u.plan_id},
                   {"action", u.action_id},
                   {"state", UpdateStateName(u.state)},
                   {"status", StatusText(f)},
                   {"narrative", f.narrative},
                   {"evidence", f.evidence},
                   {"next_steps", f.next_steps},
                   {"expected_completion", DateText(f.expected_completion)},
                   {"version", u.version},
                   {"organisation", u.organisation},
                   {"author", u.author},
                   {"author_name", u.author_name},
                   {"updated_at", u.updated_at},
                   {"submitted_at", u.submitted_at},
                   {"reopened_reason", u.reopened_reason}});
  }
  return out;
}

}  // namespace waymark::cli
