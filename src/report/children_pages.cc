// The children and young people's version of a board report (see children_pages.h). Class
// names are those of the `.children` rules in static/report.css.
#include "report/children_pages.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <span>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/cycle.h"
#include "report/board_pages.h"
#include "report/charts.h"
#include "report/plan_text.h"

namespace waymark::report {
namespace {

// How an action or a sign is going, in children's words, with how it is drawn: a fill colour
// and a mark inside the shape, so the picture never depends on colour alone.
struct Kind {
  std::string_view words;  // "going well"
  std::string_view fill;
  std::string_view mark;  // a letter drawn inside the shape
  std::string_view ink;   // the mark's colour on `fill` (contrast at least 4.5:1)
};

constexpr Kind kFinished{"finished", "#00703c", "F", "#ffffff"};
constexpr Kind kGoingWell{"going well", "#92d050", "G", "#0b0c0c"};
constexpr Kind kNeedsWork{"needs more work", "#ffc000", "W", "#0b0c0c"};
constexpr Kind kNotStarted{"not started yet", "#e8e8e8", "N", "#0b0c0c"};
constexpr Kind kStopped{"stopped", "#505a5f", "S", "#ffffff"};
constexpr Kind kWaiting{"waiting for news", "#ffffff", "?", "#0b0c0c"};
constexpr std::array<const Kind*, 6> kActionKinds = {&kFinished,   &kGoingWell, &kNeedsWork,
                                                     &kNotStarted, &kStopped,   &kWaiting};

constexpr Kind kSignBetter{"better than England", "#92d050", "B", "#0b0c0c"};
constexpr Kind kSignSimilar{"about the same as England", "#ffc000", "S", "#0b0c0c"};
constexpr Kind kSignWorse{"worse than England", "#c00000", "W", "#ffffff"};
constexpr Kind kSignOther{"not compared", "#e8e8e8", "N", "#0b0c0c"};
constexpr std::array<const Kind*, 4> kSignKinds = {&kSignBetter, &kSignSimilar, &kSignWorse,
                                                   &kSignOther};

constexpr int kPerRow = 10;
constexpr int kCell = 40;

const Kind& ActionKind(const ReportAction& a) {
  const auto status = ParseActionStatus(a.status);
  if (!status) return kWaiting;
  switch (*status) {
    case ActionStatus::kComplete:
      return kFinished;
    case ActionStatus::kOnTrack:
      return kGoingWell;
    case ActionStatus::kAtRisk:
    case ActionStatus::kOffTrack:
      return kNeedsWork;
    case ActionStatus::kNotStarted:
      return kNotStarted;
    case ActionStatus::kDropped:
      return kStopped;
  }
  return kWaiting;
}

const Kind& SignKind(const ReportIndicator& i) {
  const Comparison c = i.EnglandComparison();
  if (IsBetter(c)) return kSignBetter;
  if (c == Comparison::kSimilar) return kSignSimilar;
  if (IsWorse(c)) return kSignWorse;
  return kSignOther;
}

// "1 thing is" / "3 things are".
std::string Things(int n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// The picture: one shape per item (circles, or squares when `squares`), ten to a row, each
// filled and marked by its kind, then a caption listing the kinds present with their counts,
// one number to a line ("Going well: 6").
void Picture(Html& h, std::string_view id, std::string_view title,
             const std::vector<const Kind*>& items, std::span<const Kind* const> kinds,
             bool squares) {
  std::vector<std::string> counts;
  for (const Kind* k : kinds) {
    std::size_t n = 0;
    for (const Kind* item : items) n += item == k ? 1 : 0;
    if (n == 0) continue;
    std::string words(k->words);
    words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
    counts.push_back(fmt::format("{}: {}.", words, n));
  }
  const std::string desc = fmt::format("{}", fmt::join(counts, " "));
  const int rows = (static_cast<int>(items.size()) + kPerRow - 1) / kPerRow;
  const int width = kCell * std::min<int>(kPerRow, static_cast<int>(items.size()));
  h.Open("figure", {{"class", "children-picture"}});
  OpenChartSvg(h, id, fmt::format("0 0 {} {}", width, kCell * rows), title, desc);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Kind& k = *items[i];
    const int cx = kCell * static_cast<int>(i % kPerRow) + kCell / 2;
    const int cy = kCell * static_cast<int>(i / kPerRow) + kCell / 2;
    if (squares) {
      h.Void("rect", {{"x", std::to_string(cx - 15)},
                      {"y", std::to_string(cy - 15)},
                      {"width", "30"},
                      {"height", "30"},
                      {"fill", k.fill},
                      {"stroke", kChartInk},
                      {"stroke-width", "2"}});
      h.Close("rect");
    } else {
      h.Void("circle", {{"cx", std::to_string(cx)},
                        {"cy", std::to_string(cy)},
                        {"r", "15"},
                        {"fill", k.fill},
                        {"stroke", kChartInk},
                        {"stroke-width", "2"}});
      h.Close("circle");
    }
    h.Element("text",
              {{"x", std::to_string(cx)},
               {"y", std::to_string(cy + 6)},
               {"text-anchor", "middle"},
               {"font-size", "16"},
               {"font-weight", "bold"},
               {"fill", k.ink},
               {"aria-hidden", "true"}},
              k.mark);
  }
  h.Close("svg");
  h.Open("figcaption");
  h.Element("p", {{"class", "children-picture__title"}}, title);
  h.Open("ul", {{"class", "children-picture__counts"}});
  for (const std::string& c : counts) h.Element("li", {}, c);
  h.Close("ul").Close("figcaption");
  h.Close("figure");
}

void Wording(Html& h, std::string_view heading, const std::string& text) {
  h.Element("h3", {}, heading);
  if (text.empty()) {
    h.Element("p", {{"class", "children-missing"}}, kWordsStillBeingWritten);
  } else {
    h.Element("p", {}, text);
  }
}

void OutcomeSection(Html& h, const ReportOutcome& o) {
  h.Open("section", {{"class", "children-outcome"}, {"id", "outcome-" + o.id}});
  h.Element("h2", {}, o.title);
  Wording(h, "What we promised", o.children_promised);
  Wording(h, "What we did", o.children_did);
  Wording(h, "What is next", o.children_next);
  if (!o.voice.empty()) {
    h.Element("h3", {}, "What you told us");
    h.Open("ul", {{"class", "children-sentences children-voice"}});
    for (const std::string& v : o.voice) h.Element("li", {}, v);
    h.Close("ul");
  }
  h.Element("h3", {}, "How it is going");
  const std::vector<std::string> sentences = ChildrensSentences(o.counts, SignsGettingBetter(o));
  h.Open("ul", {{"class", "children-sentences"}});
  for (const std::string& s : sentences) h.Element("li", {}, s);
  h.Close("ul");
  std::vector<const Kind*> actions;
  std::vector<const Kind*> signs;
  for (const ReportObjective& obj : o.objectives) {
    for (const ReportAction& a : obj.actions) actions.push_back(&ActionKind(a));
    for (const ReportIndicator& i : obj.indicators) signs.push_back(&SignKind(i));
  }
  if (!actions.empty()) {
    Picture(h, "children-" + o.id + "-actions", "The things we promised", actions, kActionKinds,
            false);
  }
  if (!signs.empty()) {
    Picture(h, "children-" + o.id + "-signs", "The signs we watch", signs, kSignKinds, true);
  }
  h.Close("section");
}

void Key(Html& h) {
  h.Open("section", {{"class", "children-key"}});
  h.Element("h2", {}, "How to read the pictures");
  h.Element("p", {},
            "Each circle is one thing we promised to do. Each square is one sign we "
            "watch to see if things are getting better. The letter in each shape "
            "says what the colour means.");
  h.Element("h3", {}, "Circles: the things we promised");
  h.Open("ul", {{"class", "children-key__list"}});
  for (const Kind* k : kActionKinds) {
    h.Element("li", {}, fmt::format("{}: {}", k->mark, k->words));
  }
  h.Close("ul");
  h.Element("h3", {}, "Squares: the signs we watch");
  h.Open("ul", {{"class", "children-key__list"}});
  for (const Kind* k : kSignKinds) {
    h.Element("li", {}, fmt::format("{}: {}", k->mark, k->words));
  }
  h.Close("ul");
  h.Close("section");
}

}  // namespace

int SignsGettingBetter(const ReportOutcome& outcome) {
  int n = 0;
  for (const ReportObjective& obj : outcome.objectives) {
    for (const ReportIndicator& i : obj.indicators) {
      if (IsGettingBetter(i.Trend())) ++n;
    }
  }
  return n;
}

std::vector<std::string> ChildrensSentences(const ReportCounts& c, int signs_getting_better) {
  std::vector<std::string> out;
  if (c.actions == 0 && c.indicators == 0) {
    out.emplace_back("We have nothing to count for this part yet.");
    return out;
  }
  if (c.actions > 0) {
    out.push_back(fmt::format("We promised to do {}.", Things(c.actions, "thing", "things")));
  }
  if (c.complete > 0) {
    out.push_back(Things(c.complete, "thing is finished.", "things are finished."));
  }
  if (c.on_track > 0) {
    out.push_back(Things(c.on_track, "thing we promised is going well.",
                         "things we promised are going well."));
  }
  const int needs_work = c.at_risk + c.off_track;
  if (needs_work > 0) {
    out.push_back(Things(needs_work, "thing needs more work.", "things need more work."));
  }
  if (c.no_update > 0) {
    out.push_back(fmt::format("We are still waiting for news about {}.",
                              Things(c.no_update, "thing", "things")));
  }
  if (c.indicators > 0) {
    out.push_back(fmt::format("We watch {} to see if life is getting better.",
                              Things(c.indicators, "sign", "signs")));
  }
  if (c.better > 0) {
    out.push_back(Things(c.better, "sign is better than in England as a whole.",
                         "signs are better than in England as a whole."));
  }
  if (c.worse > 0) {
    out.push_back(Things(c.worse, "sign is worse than in England as a whole.",
                         "signs are worse than in England as a whole."));
  }
  if (signs_getting_better > 0) out.emplace_back("Some signs are getting better.");
  if (c.getting_worse > 0) out.emplace_back("Some signs are getting worse.");
  return out;
}

Html ChildrensReportBody(const BoardReport& report) {
  Html h;
  h.Open("header", {{"class", "report-cover children-cover"}});
  h.Element("p", {{"class", "report-cover__organisation"}}, report.organisation);
  h.Element("h1", {}, report.title);
  h.Element("p", {{"class", "report-cover__plan"}}, report.plan_title);
  h.Element("p", {{"class", "children-lead"}},
            "This is our plan for children and young people, in plain words. It says what we "
            "promised, what we did and what we will do next.");
  h.Open("dl", {{"class", "report-meta"}});
  if (!report.cycle_period.empty()) {
    h.Element("dt", {}, "Time it covers");
    h.Element("dd", {}, report.cycle_period);
  }
  h.Element("dt", {}, "Facts checked on");
  h.Element("dd", {{"class", "report-data-as-of"}}, LongTime(report.data_as_of));
  h.Close("dl");
  h.Close("header");
  Key(h);
  for (const ReportOutcome& o : report.outcomes) OutcomeSection(h, o);
  return h;
}

std::string ChildrensReportDocument(const BoardReport& report, std::string_view stylesheet) {
  return ReportDocument(report, stylesheet, "report children", ChildrensReportBody(report));
}

std::vector<WordingReadability> ChildrensWordingReadability(const BoardReport& report) {
  std::vector<WordingReadability> out;
  for (const ReportOutcome& o : report.outcomes) {
    WordingReadability r;
    r.outcome_id = o.id;
    r.outcome_title = o.title;
    std::string text;
    for (const std::string* part : {&o.children_promised, &o.children_did, &o.children_next}) {
      if (part->empty()) continue;
      if (!text.empty()) text.append("\n\n");
      text.append(*part);
    }
    const TextStats stats = ReadabilityOf(text);
    if (stats.scores) {
      r.has_words = true;
      r.reading_ease = stats.scores->reading_ease;
      r.reading_age = stats.scores->reading_age;
      r.problems = PlainWordsProblems(text);
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string ReadabilityLine(const WordingReadability& r) {
  if (!r.has_words) return fmt::format("outcome {}: no words for children yet", r.outcome_id);
  std::string line = fmt::format("outcome {}: reading ease {:.1f}, reading age {:.1f}; {} {}",
                                 r.outcome_id, r.reading_ease, r.reading_age, r.problems.size(),
                                 r.problems.size() == 1 ? "problem" : "problems");
  for (const ReadabilityProblem& p : r.problems) line.append("; ").append(p.message);
  return line;
}

}  // namespace waymark::report
