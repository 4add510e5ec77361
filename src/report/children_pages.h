// The children and young people's version of a board report: the plan in plain words, outcome
// by outcome ("What we promised", "What we did", "What is next" in the plan's own wording for
// children, and "What you told us": the plan's findings, "You said ... We did ...", or its own
// lists when it has none), sentences made from the report's counts with at most one number
// each, and simple pictures (a circle per action, a square per sign) drawn as SVG with the
// same in words. Also
// the readability of each outcome's wording, for the analyst who checks it before issuing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/readability.h"
#include "report/board_model.h"
#include "report/html.h"

namespace waymark::report {

// Shown in place of wording an outcome does not have yet.
inline constexpr std::string_view kWordsStillBeingWritten =
    "The words for children and young people about this are still being written.";

// The sentences made from an outcome's counts ("3 things we promised are going well."), each
// with at most one number; none for counts that are zero.
std::vector<std::string> ChildrensSentences(const ReportCounts& counts, int signs_getting_better);

// How many of the outcome's indicators have a recent trend "getting better".
int SignsGettingBetter(const ReportOutcome& outcome);

// The report's content for children: everything inside <main>, starting with its <h1>.
Html ChildrensReportBody(const BoardReport& report);

// A whole HTML document (lang en-GB, title, the stylesheet inlined, body class "report
// children"), ready for WeasyPrint.
std::string ChildrensReportDocument(const BoardReport& report, std::string_view stylesheet);

// The readability of one outcome's wording (promised, did and next read as one text).
struct WordingReadability {
  std::string outcome_id = {};
  std::string outcome_title = {};
  bool has_words = false;  // false: no wording yet, nothing scored
  double reading_ease = 0;
  double reading_age = 0;
  std::vector<ReadabilityProblem> problems = {};
};

std::vector<WordingReadability> ChildrensWordingReadability(const BoardReport& report);

// One line for the analyst: "outcome ID: reading ease 78.2, reading age 9.6; 0 problems", or
// "outcome ID: no words for children yet".
std::string ReadabilityLine(const WordingReadability& r);

}  // namespace waymark::report
