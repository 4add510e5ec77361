// The plan model: a Children and Young People's Plan as data. Plain values with no I/O; the
// plan file reader (ingest) builds them and the store keeps them. Every record has a stable id
// (a slug) that is unique among records of its kind within one plan.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/fact.h"

namespace waymark {

// The way a measure of success should move for the plan to be working; kNotStated when the
// plan words the measure without a direction (written "not stated", shown as such, never
// guessed).
enum class Direction { kIncrease, kDecrease, kMaintain, kNotStated };

std::string_view DirectionName(Direction d);
std::optional<Direction> ParseDirection(std::string_view text);

// A calendar date, as written in the plan file (YYYY-MM-DD).
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  std::string ToString() const;
  // Parses "YYYY-MM-DD"; nullopt when the text is not a valid calendar date.
  static std::optional<Date> Parse(std::string_view text);
  bool operator==(const Date&) const = default;
  auto operator<=>(const Date&) const = default;  // NOLINT(modernize-use-nullptr)
};

// True when `d` is a real calendar date (not the default 0000-00-00, not 31 February).
bool IsRealDate(const Date& d);

// A date known to the year, the month or the day, as documents give them ("approved in March
// 2023"): written YYYY, YYYY-MM or YYYY-MM-DD. month and day are 0 when not known.
struct PartialDate {
  int year = 0;
  int month = 0;
  int day = 0;

  std::string ToString() const;
  // Parses the three forms; nullopt for anything else or a date that does not exist.
  static std::optional<PartialDate> Parse(std::string_view text);
  bool operator==(const PartialDate&) const = default;
};

// The date as YYYY-MM-DD, or "" when it is not set (a plan period that is not stated).
std::string OptionalDateText(const std::optional<Date>& d);

// A count of participation in making the plan (events, focus groups, respondents).
struct Participation {
  std::string activity;
  std::string count;  // as published, e.g. "1500 +"
  std::string description;
  bool operator==(const Participation&) const = default;
};

// A principle of the plan's approach, e.g. one of UNICEF UK's seven principles of a child
// rights-based approach; actions name the principles they put into practice.
struct Principle {
  std::string id;
  std::string title;
  std::string description;
  bool operator==(const Principle&) const = default;
};

// An outcome of UNICEF UK's Child Friendly Cities and Communities programme that the plan works
// towards (a "badge" the programme recognises). `foundational` marks the programme's three
// foundational outcomes (culture, cooperation and leadership, communication), which every
// place in the programme works on; the others are chosen locally.
struct Badge {
  std::string id;
  std::string title;
  std::string description;
  bool foundational = false;
  bool operator==(const Badge&) const = default;
};

// An organisation or service that delivers actions (council service, NHS body, police, VCS…).
struct Partner {
  std::string id;
  std::string name;
  std::string kind;  // council, health, police, education, housing, voluntary, partnership, other
  bool operator==(const Partner&) const = default;
};

// What a text of the plan is: a foreword, the children and young people's welcome, an
// introduction, or the partners' pledge.
enum class TextKind { kForeword, kWelcome, kIntroduction, kPledge };

std::string_view TextKindName(TextKind k);
std::optional<TextKind> ParseTextKind(std::string_view text);

// A text of the plan as written, with who wrote or signed it. A pledge names the partners it
// was signed on behalf of (`signatories`: partner ids); other texts name none.
struct PlanText {
  TextKind kind = TextKind::kForeword;
  std::string title;  // as the plan heads it; "" for the kind's own name
  std::string text;   // paragraphs separated by blank lines
  std::string by;     // the author, e.g. "Cllr Andrew Harper"; "" when not named
  std::string role;   // the author's role(s)
  std::vector<std::string> signatories = {};
  bool operator==(const PlanText&) const = default;
};

// A board, committee, strategic plan or report through which an action is monitored.
struct MonitoringBody {
  std::string id;
  std::string name;
  std::string kind;  // board, committee, plan, report, group, other
  bool operator==(const MonitoringBody&) const = default;
};

// A measure of success of an objective, with the direction it should move.
struct Measure {
  std::string id;
  std::string title;
  Direction direction = Direction::kIncrease;
  std::string baseline;  // as published, optional
  std::string target;    // as published, optional
  bool operator==(const Measure&) const = default;
};

// An action, declared once under the first objective it serves; `also_serves` names the other
// objectives it serves (one action, several links, rather than a copy under each).
struct Action {
  std::string id;
  std::string title;
  std::vector<std::string> responsible;  // partner ids
  std::vector<std::string> monitoring;   // monitoring body ids
  std::vector<std::string> also_serves = {};  // objective ids
  // Child rights: the plan's principles the action puts into practice and the Child Friendly
  // Cities outcomes (badges) it serves beyond its outcome's own (Outcome::badge).
  std::vector<std::string> principles = {};  // principle ids
  std::vector<std::string> badges = {};      // badge ids
  bool operator==(const Action&) const = default;
};

struct Objective {
  std::string id;
  std::string title;
  std::string description;
  std::vector<Measure> measures;
  std::vector<Action> actions;
  // The objectives of the plan this one continues (Plan::continues) that it carries over.
  std::vector<std::string> continues = {};
  bool operator==(const Objective&) const = default;
};

// An outcome in the children and young people's own words ("Children's version" of the
// board reports): what was promised, what was done and what comes next, in plain words. Each
// is optional; empty means the wording is still being written.
struct ChildrensWords {
  std::string promised = {};
  std::string did = {};
  std::string next = {};
  bool empty() const { return promised.empty() && did.empty() && next.empty(); }
  bool operator==(const ChildrensWords&) const = default;
};

// What a plan calls its top level: outcomes, themes, stages of the child's journey, or
// cross-cutting priorities (which sit beside the others and may run across them).
enum class OutcomeKind { kOutcome, kTheme, kStage, kPriority };

// "outcome", "theme", "stage", "priority": the words of the plan file.
std::string_view OutcomeKindName(OutcomeKind k);
std::optional<OutcomeKind> ParseOutcomeKind(std::string_view text);

// An outcome (theme). Older plans call their top level "stages" of the child's journey and
// "cross-cutting priorities"; `kind` keeps that distinction.
struct Outcome {
  std::string id;
  std::string title;
  std::string description;
  OutcomeKind kind = OutcomeKind::kOutcome;
  std::vector<Fact> facts;        // "What we know"
  std::vector<std::string> voice;  // "What young people have told us"
  std::vector<Objective> objectives;
  ChildrensWords children = {};  // the children's version's wording
  std::vector<Measure> measures = {};  // measures of success of the outcome as a whole
  std::string badge = {};  // the Child Friendly Cities outcome it works towards ("" none)
  // The outcomes of the plan this one continues (Plan::continues) that it carries over.
  std::vector<std::string> continues = {};
  // A cross-cutting priority or driver (kPriority): the outcomes of this plan it runs
  // across; empty when the plan does not say (it then runs across the plan as a whole).
  std::vector<std::string> across = {};
  bool operator==(const Outcome&) const = default;
};

// What a sub-strategy calls its aims: objectives, priorities, ambitions or themes (the word
// the strategy itself uses, so that pages speak as it does).
enum class AimKind { kObjective, kPriority, kAmbition, kTheme };

std::string_view AimKindName(AimKind k);
std::optional<AimKind> ParseAimKind(std::string_view text);

// An aim of a sub-strategy, linked to the plan outcomes it serves (the golden thread).
struct StrategyObjective {
  std::string id;
  std::string title;
  std::vector<std::string> outcomes;  // outcome ids
  AimKind kind = AimKind::kObjective;
  bool operator==(const StrategyObjective&) const = default;
};

// A strategy that builds on the plan, with its governance: who owns it, which board oversees
// it, which committee approved it and when. Each governance field is optional ("" or unset:
// the source does not say).
struct Strategy {
  std::string id;
  std::string title;
  std::string description;
  std::string period;  // as published, e.g. "2019-2022"
  std::vector<std::string> outcomes;  // outcome ids the strategy as a whole serves
  std::vector<StrategyObjective> objectives;
  std::string owner = {};        // partner id
  std::string overseen_by = {};  // body id
  std::string approved_by = {};  // body id
  std::optional<PartialDate> approved_on = {};
  std::optional<int> aims_by = {};  // the year by which its aims are to be met
  bool operator==(const Strategy&) const = default;
};

// A body's part in governing the plan as a whole ("keeps strategic oversight", "receives
// regular reports on each outcome"). `body` is empty when the document names no body.
struct GovernanceRole {
  std::string body;  // body id
  std::string role;
  bool operator==(const GovernanceRole&) const = default;
};

// One measure of a composite index (e.g. the Family Friendly Index), linked to outcomes.
struct IndexMeasure {
  std::string id;
  std::string title;
  std::vector<std::string> outcomes;  // outcome ids
  std::optional<double> weight;       // within the index; unset: equal weights
  std::string polarity;  // "high" or "low" overrides the indicators' own; "" keeps them
  // Fixed goalposts (low, high) on the indicators' own scale, e.g. 0 and 100 for a percentage:
  // the measure is scaled by them rather than by the comparison set, so a measure only the
  // plan's own council reports (a local survey) still counts.
  std::optional<std::pair<double, double>> goalposts;
  bool operator==(const IndexMeasure&) const = default;
};

// How a composite index is computed (docs/family-friendly-index.md). Every field is optional;
// unset fields take the Family Friendly Index defaults (index::FfiNominalSpec, FfiFactors).
// Method names are those of src/index/spec.h.
struct IndexMethod {
  std::optional<std::string> normalisation;  // e.g. "minmax", "zscore"
  std::optional<std::string> aggregation;    // "arithmetic", "geometric", "harmonic"
  std::optional<double> min_coverage;        // share of measures an area-year needs, [0, 1]
  std::optional<int> carry_forward_max_gap;  // years a value is carried forward (0: never)
  std::optional<std::string> imputation;     // "none", "mean", "median"
  std::optional<std::string> outliers;       // "none", "winsorise"
  std::optional<std::string> comparison;     // "london", "all-councils", "neighbours"
  std::optional<int> first_year;
  std::optional<int> last_year;
  std::optional<int> runs;             // Monte Carlo runs
  std::optional<std::int64_t> seed;    // Monte Carlo seed
  std::optional<double> weight_share;  // ± share of each weight in the Monte Carlo runs
  std::optional<int> sensitivity_runs;  // Saltelli base sample N for the Sobol indices (0: none)
  bool operator==(const IndexMethod&) const = default;
};

struct CompositeIndex {
  std::string id;
  std::string title;
  std::string description;
  std::vector<IndexMeasure> measures;
  IndexMethod method;
  bool operator==(const CompositeIndex&) const = default;
};

struct Plan {
  std::string id;
  std::string title;
  std::string organisation;
  // The period the plan covers. Both are set or neither is: a plan whose document states no
  // period has neither, and pages say "Period not stated" rather than invent dates.
  std::optional<Date> start;
  std::optional<Date> end;
  std::string status;  // published, draft, archived
  std::string vision;
  std::string ambition = {};  // the plan's ambition, as worded ("" when it states none)
  std::string summary;
  // The id of the plan this one follows (the previous generation of the organisation's plan);
  // "" when none is named. Its outcomes and objectives name the records they carry over.
  std::string continues = {};
  std::vector<Principle> principles;
  std::vector<Badge> badges = {};
  std::vector<Partner> partners;
  std::vector<MonitoringBody> bodies;
  std::vector<GovernanceRole> governance;
  std::vector<PlanText> texts;
  std::vector<Fact> facts;
  std::vector<Participation> participation;
  std::vector<Outcome> outcomes;
  std::vector<Strategy> strategies;
  std::optional<CompositeIndex> index;
  bool operator==(const Plan&) const = default;
};

// The kinds of record of a plan, as its history and its comparison name them.
enum class PlanRecordKind {
  kPlan,
  kPrinciple,
  kBadge,
  kPartner,
  kBody,
  kText,
  kOutcome,
  kObjective,
  kMeasure,
  kAction,
  kStrategy,
  kStrategyObjective,
  kIndex,
  kIndexMeasure,
};

// "plan", "principle", … "strategy objective", "index measure": the words the history stores.
std::string_view PlanRecordKindName(PlanRecordKind k);
std::optional<PlanRecordKind> ParsePlanRecordKind(std::string_view text);

// Lightweight listing of a stored plan.
struct PlanSummary {
  std::string id;
  std::string title;
  std::string organisation;
  std::optional<Date> start;  // both unset when the plan states no period
  std::optional<Date> end;
  std::string status;
  int revision = 0;
  std::string updated_at;
};

// An action declared under another objective that also serves this one (Action::also_serves).
struct ServingAction {
  const Outcome* outcome = nullptr;  // the outcome of the objective it is declared under
  const Objective* declared_under = nullptr;
  const Action* action = nullptr;
};
// The actions of `plan` declared elsewhere that name `objective_id` in also_serves, in plan
// order. The pointers are into `plan`.
std::vector<ServingAction> ActionsAlsoServing(const Plan& plan, std::string_view objective_id);

// True when `id` is a slug: 1-64 characters of a-z, 0-9 and '-', starting with a letter or
// digit and not ending with '-'.
bool IsValidSlug(std::string_view id);

}  // namespace waymark
