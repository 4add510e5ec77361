// Keeping figures of local measures typed into forms.
#include "web/local_figures.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/indicator_data.h"

namespace waymark::web {
namespace {

// What the figure's audit entry keeps: the figure as entered.
std::string FigureJson(const Observation& o) {
  const auto number = [](double x) { return HasValue(x) ? nlohmann::json(x) : nlohmann::json(); };
  const nlohmann::ordered_json after = {{"area", o.area},
                                        {"period", o.period.Label()},
                                        {"value", number(o.value)},
                                        {"count", number(o.count)},
                                        {"denominator", number(o.denominator)},
                                        {"note", o.note}};
  return after.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// "TITLE: enter the value": a message after the name of what it is about.
std::string Prefixed(std::string_view prefix, std::string_view message) {
  std::string out(prefix);
  out.append(": ");
  const bool word = message.size() > 1 &&
                    std::isupper(static_cast<unsigned char>(message[0])) != 0 &&
                    std::islower(static_cast<unsigned char>(message[1])) != 0;
  if (word) {
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    message.remove_prefix(1);
  }
  out.append(message);
  return out;
}

std::string Capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

bool LastDayOfMonth(const Date& date) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (date.month < 1 || date.month > 12) return false;
  const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  const int last = kDays[date.month - 1] + (date.month == 2 && leap ? 1 : 0);
  return date.day == last;
}

// The catalogue and areas, read from the store (the snapshot may be minutes old).
struct Reference {
  std::vector<Indicator> catalogue;
  std::vector<Area> areas;
};

// The checked figures of `entries`, or the refusal of the first entry the principal may not use.
Answer<std::vector<ingest::LocalFigureCheck>> CheckEntries(
    const Request& request, const Reference& ref, const std::vector<LocalFigureEntry>& entries) {
  std::unordered_set<std::string> codes;
  for (const auto& [code, name] : FigureAreas(ref.areas)) codes.insert(code);
  std::vector<ingest::LocalFigureCheck> checks;
  for (const LocalFigureEntry& entry : entries) {
    const auto it = std::find_if(ref.catalogue.begin(), ref.catalogue.end(),
                                 [&](const Indicator& i) { return i.id == entry.indicator; });
    if (it == ref.catalogue.end() || !it->local) {
      return Refuse(request, 404, "There is no local measure '" + entry.indicator + "'.");
    }
    if (!MayEnterFigures(request.principal, *it)) {
      return Refuse(request, 403,
                    "Only the users of the organisation that keeps this measure, and analysts, "
                    "may enter its figures.");
    }
    checks.push_back(ingest::CheckLocalFigure(*it, entry.input, codes, entry.field_prefix));
    if (!entry.message_prefix.empty()) {
      for (FieldError& e : checks.back().errors) {
        e.message = Prefixed(entry.message_prefix, e.message);
      }
    }
  }
  return checks;
}

// Keeps `checks`' figures as one import and judges what changed; in the store's lock.
Result<LocalFiguresSaved> Keep(store::Store& store, const Principal& who, std::int64_t now,
                               const std::vector<ingest::LocalFigureCheck>& checks) {
  const std::string user = fmt::format("{} ({})", who.email, who.organisation);
  WAYMARK_ASSIGN_OR_RETURN(
      auto batch,
      store.BeginObservationImport({std::string(kFormFile), std::string(kFormFormat), user, now}));
  for (const ingest::LocalFigureCheck& check : checks) WAYMARK_TRY(batch->Add(check.observation));
  WAYMARK_ASSIGN_OR_RETURN(const Diagnostics late, batch->Finish());
  LocalFiguresSaved saved;
  for (const Error& e : late) saved.errors.push_back({"", e.message});
  if (!saved.errors.empty()) return saved;  // the same figure twice with other numbers
  WAYMARK_ASSIGN_OR_RETURN(saved.stats, batch->Commit(checks.size()));
  batch.reset();
  auto rejudged = assess::RejudgeIndicators(store, saved.stats.changed_indicators);
  if (rejudged) {
    saved.rejudged = *rejudged;
  } else {
    saved.rejudge_problem = rejudged.error().message;
  }
  return saved;
}

}  // namespace

bool MayEnterFigures(const Principal& principal, const Indicator& indicator) {
  if (!indicator.local || !Allows(principal.role, Permission::kUpdateActions)) return false;
  if (principal.role == Role::kAnalyst) return true;
  return !indicator.owner.empty() && indicator.owner == principal.organisation;
}

std::vector<const Indicator*> EnterableMeasures(const std::vector<Indicator>& catalogue,
                                                const Principal& principal) {
  std::vector<const Indicator*> out;
  for (const Indicator& i : catalogue) {
    if (MayEnterFigures(principal, i)) out.push_back(&i);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> FigureAreas(const std::vector<Area>& areas) {
  const std::string_view council = report::kDefaultArea;
  std::vector<std::pair<std::string, std::string>> out;
  std::vector<std::pair<std::string, std::string>> wards;
  for (const Area& a : areas) {
    if (a.code == council) out.insert(out.begin(), {a.code, a.name});
    if (a.type == AreaType::kWard && a.parent == council) wards.emplace_back(a.code, a.name);
  }
  if (out.empty()) return out;
  std::sort(wards.begin(), wards.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  out.insert(out.end(), wards.begin(), wards.end());
  return out;
}

std::string FigurePrefix(std::string_view indicator) {
  std::string prefix = "figure-";
  prefix.append(indicator).append("-");
  return prefix;
}

std::optional<ingest::LocalFigureInput> FigureInputOf(
    const std::multimap<std::string, std::string>& form, std::string_view prefix,
    const std::optional<Period>& period) {
  const auto field = [&](std::string_view name) {
    std::string key(prefix);
    key.append(name);
    return FormValue(form, key);
  };
  ingest::LocalFigureInput input;
  input.area = field("area");
  input.period = period ? period->Label() : field("period");
  input.value = field("value");
  input.count = field("count");
  input.denominator = field("denominator");
  input.note = field("note");
  const bool blank = TrimBlank(input.value).empty() && TrimBlank(input.count).empty() &&
                     TrimBlank(input.denominator).empty() && TrimBlank(input.note).empty() &&
                     (period.has_value() || TrimBlank(input.period).empty());
  if (blank) return std::nullopt;
  return input;
}

std::optional<Period> CyclePeriod(const ReportingCycle& cycle) {
  const Date& from = cycle.from;
  const Date& to = cycle.to;
  if (from.day != 1 || !LastDayOfMonth(to)) return std::nullopt;
  const int months = (to.year - from.year) * 12 + (to.month - from.month) + 1;
  Period p;
  p.start_year = from.year;
  if (months == 1) {
    p.kind = PeriodKind::kMonth;
    p.sub = from.month;
    return p;
  }
  if (months == 3 && (from.month - 1) % 3 == 0) {  // a quarter of the financial year
    p.kind = PeriodKind::kQuarter;
    p.split_quarter = true;
    p.start_year = from.month >= 4 ? from.year : from.year - 1;
    p.sub = from.month >= 4 ? (from.month - 4) / 3 + 1 : 4;
    return p;
  }
  if (months != 12) return std::nullopt;
  if (from.month == 1) return p;  // a calendar year
  if (from.month == 4 || from.month == 9) {
    p.kind = PeriodKind::kSplitYear;
    return p;
  }
  return std::nullopt;
}

Answer<CheckedFigures> CheckLocalFigures(PlanSource& plans, const Request& request,
                                         const std::vector<LocalFigureEntry>& entries) {
  CheckedFigures checked;
  if (entries.empty()) return checked;
  auto ref = plans.WithStore([](store::Store& s) -> Result<Reference> {
    Reference r;
    WAYMARK_ASSIGN_OR_RETURN(r.catalogue, s.ListIndicators());
    WAYMARK_ASSIGN_OR_RETURN(r.areas, s.ListAreas());
    return r;
  });
  if (!ref) return Refuse(request, 500, "The catalogue could not be read.");
  auto checks = CheckEntries(request, *ref, entries);
  if (!checks) return tl::unexpected(std::move(checks.error()));
  checked.checks = std::move(*checks);
  for (const auto& check : checked.checks) {
    checked.errors.insert(checked.errors.end(), check.errors.begin(), check.errors.end());
  }
  return checked;
}

Result<LocalFiguresSaved> KeepLocalFigures(PlanSource& plans, IndicatorSource& indicators,
                                           const Clock& clock, const Request& request,
                                           const CheckedFigures& figures) {
  if (figures.checks.empty()) return LocalFiguresSaved{};
  if (!figures.ok()) {
    return MakeError(ErrorCode::kInvalidArgument, "the figures have problems; none was kept");
  }
  const std::int64_t now = clock.NowUnixSeconds();
  // The figures and their audit entries are kept together or not at all.
  std::optional<LocalFiguresSaved> kept;
  const Status saved = plans.WithStore([&](store::Store& s) {
    return s.Atomically([&]() -> Status {
      WAYMARK_ASSIGN_OR_RETURN(kept, Keep(s, request.principal, now, figures.checks));
      if (!kept->ok()) return {};
      for (const auto& check : figures.checks) {
        AuditEntry audit = RequestAudit(request, clock, "figures.add");
        audit.entity = "indicator";
        audit.entity_id = check.observation.indicator;
        audit.after = FigureJson(check.observation);
        WAYMARK_TRY(s.AppendAudit(audit));
      }
      return {};
    });
  });
  if (!saved) {
    return MakeError(saved.error().code, "the figures could not be kept: " + saved.error().message);
  }
  if (kept->ok()) indicators.Invalidate();
  return std::move(*kept);
}

Answer<LocalFiguresSaved> SaveLocalFigures(PlanSource& plans, IndicatorSource& indicators,
                                           const Clock& clock, const Request& request,
                                           const std::vector<LocalFigureEntry>& entries) {
  auto checked = CheckLocalFigures(plans, request, entries);
  if (!checked) return tl::unexpected(std::move(checked.error()));
  if (!checked->ok()) {
    LocalFiguresSaved refused;
    refused.errors = std::move(checked->errors);
    return refused;
  }
  auto kept = KeepLocalFigures(plans, indicators, clock, request, *checked);
  if (!kept) return Refuse(request, 500, Capitalised(kept.error().message));
  return std::move(*kept);
}

}  // namespace waymark::web
