// How `waymark cycle list` and `waymark update list` show reporting cycles and action updates:
// an aligned table for the terminal, CSV (cells safe from spreadsheet formulas) and JSON with
// the names the web form and API use.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/cycle.h"

namespace waymark::cli {

// A cycle with how far its plan's actions have got in it.
struct CycleRow {
  ReportingCycle cycle;
  bool overdue = false;  // open, and its due date has passed
  int actions = 0;       // the plan's actions
  int submitted = 0;     // actions with a submitted update
  int drafts = 0;        // actions with a draft only
  int NoUpdate() const { return actions - submitted - drafts; }
};

std::string CyclesText(const std::vector<CycleRow>& rows);
std::string CyclesCsv(const std::vector<CycleRow>& rows);
nlohmann::ordered_json CyclesJson(const std::vector<CycleRow>& rows);

// The evidence links as one cell: joined by " | " (links hold no spaces), as the update file
// of `update import` takes them.
std::string EvidenceCell(const std::vector<std::string>& links);

std::string UpdatesText(const std::vector<ActionUpdate>& updates);
std::string UpdatesCsv(const std::vector<ActionUpdate>& updates);
nlohmann::ordered_json UpdatesJson(const std::vector<ActionUpdate>& updates);

}  // namespace waymark::cli
