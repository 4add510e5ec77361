// The survey list and a wave's results page (survey_results_pages.h).
#include "report/survey_results_pages.h"

#include <fmt/format.h>

#include "core/plain_text.h"
#include "report/form_kit.h"
#include "report/layout.h"
#include "report/plan_text.h"

namespace waymark::report {
namespace {

constexpr std::string_view kFeedsTable = "survey.indicator-feeds";
constexpr std::string_view kPublishedTable = "survey.published";

std::string TagClass(WaveState state) {
  switch (state) {
    case WaveState::kUpcoming:
      return "govuk-tag govuk-tag--grey";
    case WaveState::kOpen:
      return "govuk-tag govuk-tag--green";
    case WaveState::kClosed:
      return "govuk-tag govuk-tag--blue";
  }
  return "govuk-tag";
}

std::string Dates(const SurveyWave& wave) {
  return LongDate(wave.opens) + " to " + LongDate(wave.closes);
}

void HeaderCell(Html& h, std::string_view text) {
  h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, text);
}

void Cell(Html& h, std::string_view label, std::string_view text, bool numeric = false) {
  h.Element(
      "td",
      {{"class", numeric ? "govuk-table__cell govuk-table__cell--numeric" : "govuk-table__cell"},
       {"data-label", label}},
      text);
}

void WaveRow(Html& h, const SurveyListing& s, const SurveyWaveListing& w) {
  h.Open("tr", {{"class", "govuk-table__row"}});
  Cell(h, "Wave", w.wave.name);
  Cell(h, "Dates", Dates(w.wave));
  h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "State"}});
  h.Element("strong", {{"class", TagClass(w.state)}}, WaveStateLabel(w.state));
  h.Close("td");
  Cell(h, "Responses", ResponseCountText(w.responses, s.threshold));
  Cell(h, "Results", w.published ? "Published" : "Not published");
  h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Pages"}});
  h.Open("ul", {{"class", "govuk-list govuk-!-margin-bottom-0"}});
  h.Open("li").Open("a", {{"class", "govuk-link"}, {"href", SurveyResultsHref(s.id, w.wave.id)}});
  h.Text("Results");
  h.Element("span", {{"class", "govuk-visually-hidden"}}, " of " + w.wave.name);
  h.Close("a").Close("li");
  h.Open("li").Open("a", {{"class", "govuk-link"}, {"href", SurveyFreeTextHref(s.id, w.wave.id)}});
  h.Text("Free-text answers");
  h.Element("span", {{"class", "govuk-visually-hidden"}}, " of " + w.wave.name);
  h.Close("a").Close("li");
  h.Close("ul").Close("td");
  h.Close("tr");
}

void SurveySection(Html& h, const SurveyListing& s) {
  h.Element("h2", {{"class", "govuk-heading-m"}}, s.title);
  h.Element("p", {{"class", "govuk-body-s waymark-muted"}},
            fmt::format("Survey {} · counts below {} are not shown", s.id, s.threshold));
  if (s.waves.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "This survey has no waves.");
    return;
  }
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-table__caption govuk-visually-hidden"}},
            "Waves of " + s.title);
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (std::string_view t : {"Wave", "Dates", "State", "Responses", "Results", "Pages"}) {
    HeaderCell(h, t);
  }
  h.Close("tr").Close("thead");
  h.Open("tbody", {{"class", "govuk-table__body"}});
  for (const SurveyWaveListing& w : s.waves) WaveRow(h, s, w);
  h.Close("tbody").Close("table");
}

// A cell as the page shows it: the CSV's text, "%" after a percentage, and "c" with its
// meaning for screen readers.
void TableCellHtml(Html& h, const TableColumn& column, const TableCell& cell) {
  const bool numeric = column.kind != CellKind::kText && column.kind != CellKind::kDate;
  h.Open("td",
         {{"class", numeric ? "govuk-table__cell govuk-table__cell--numeric" : "govuk-table__cell"},
          {"data-label", column.title}});
  const std::string text = CellText(column, cell);
  if (text == kSuppressedSymbol) {
    h.Element("span", {{"class", "waymark-suppressed"}}, text);
    h.Element("span", {{"class", "govuk-visually-hidden"}}, " (suppressed)");
  } else if (column.kind == CellKind::kPercent && !text.empty()) {
    h.Text(text + "%");
  } else {
    h.Text(text);
  }
  h.Close("td");
}

void TableHtml(Html& h, const Table& table, std::string_view survey_id, std::string_view wave) {
  h.Open("div", {{"class", "waymark-survey-table"}});
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-table__caption govuk-body-s"}}, table.caption);
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (const TableColumn& c : table.columns) HeaderCell(h, c.title);
  h.Close("tr").Close("thead");
  h.Open("tbody", {{"class", "govuk-table__body"}});
  for (const auto& row : table.rows) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      TableCellHtml(h, table.columns[i], i < row.size() ? row[i] : TableCell());
    }
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
  const std::string csv = fmt::format("/surveys/{}/results.csv?wave={}&table={}",
                                      UrlEncode(survey_id), UrlEncode(wave), UrlEncode(table.name));
  h.Open("p", {{"class", "govuk-body-s"}}).Open("a", {{"class", "govuk-link"}, {"href", csv}});
  h.Text("Download this table (CSV)");
  h.Element("span", {{"class", "govuk-visually-hidden"}}, ": " + table.name);
  h.Close("a").Close("p");
  h.Close("div");
}

void SuppressionKey(Html& h, int threshold) {
  h.Open("div", {{"class", "govuk-inset-text"}, {"id", "suppression"}});
  h.Element("h2", {{"class", "govuk-heading-s"}}, "Why some figures show c");
  h.Element("p", {{"class", "govuk-body"}},
            fmt::format("A figure shown as c is suppressed to protect the children and young "
                        "people who answered. Any count of fewer than {} respondents is not "
                        "shown, and neither is any other figure from which it could be worked "
                        "out: from a total, the other cells of the same table, or another table "
                        "of the same wave. Percentages and intervals of a suppressed count are "
                        "not shown either.",
                        threshold));
  h.Close("div");
}

void WaveChoice(Html& h, const SurveyResultsPage& page) {
  if (page.waves.size() > 1) {
    ChoiceForm form;
    form.action = "/surveys/" + UrlEncode(page.survey_id) + "/results";
    if (!page.by.empty()) form.keep.emplace_back("by", page.by);
    form.name = "wave";
    form.label = "Wave";
    form.options = page.waves;
    form.selected = page.wave.id;
    form.button = "Show wave";
    RenderChoiceForm(h, form);
  }
  if (page.about.empty()) return;
  ChoiceForm by;
  by.action = "/surveys/" + UrlEncode(page.survey_id) + "/results";
  by.keep.emplace_back("wave", page.wave.id);
  by.name = "by";
  by.label = "Show each question's answers by";
  by.options.emplace_back("", "No breakdown");
  for (const auto& option : page.about) by.options.push_back(option);
  by.selected = page.by;
  by.button = "Show breakdown";
  RenderChoiceForm(h, by);
}

void PublishControls(Html& h, const SurveyResultsPage& page) {
  if (!page.analyst) return;
  h.Element("h2", {{"class", "govuk-heading-m"}}, "Publication");
  const std::string action_base = "/surveys/" + UrlEncode(page.survey_id);
  if (page.publication) {
    h.Element(
        "p", {{"class", "govuk-body"}},
        fmt::format("Published by {}, {}. Everyone can see these results.",
                    page.publication->published_by, LongTime(page.publication->published_at)));
    h.Open("form", {{"method", "post"}, {"action", action_base + "/unpublish"}});
    HiddenCsrf(h, page.csrf_token);
    HiddenField(h, "wave", page.wave.id);
    SubmitButton(h, "Unpublish these results", ButtonKind::kWarning);
    h.Close("form");
    return;
  }
  if (!page.closed) {
    h.Element("p", {{"class", "govuk-body"}},
              fmt::format("Not published. These results can be published once the wave has "
                          "closed on {}.",
                          LongDate(page.wave.closes)));
    return;
  }
  const bool feeds = FindTable(page.tables, kFeedsTable) != nullptr;
  h.Element("p", {{"class", "govuk-body"}},
            feeds ? "Not published: only analysts can see these results. Publishing shows them "
                    "to everyone, with the same suppression, and gives the figures for "
                    "indicators below to those indicators."
                  : "Not published: only analysts can see these results. Publishing shows them "
                    "to everyone, with the same suppression.");
  h.Open("form", {{"method", "post"}, {"action", action_base + "/publish"}});
  HiddenCsrf(h, page.csrf_token);
  HiddenField(h, "wave", page.wave.id);
  SubmitButton(h, "Publish these results");
  h.Close("form");
}

// What becomes of the figures for indicators: they are the indicators' figures for the wave's
// period once the results are published (assess/survey_feed.h).
void FeedsExplained(Html& h, const SurveyResultsPage& page) {
  const std::optional<Period> period = WavePeriod(page.wave);
  const std::string when = period ? period->Label() : page.wave.period;
  const std::string text =
      page.publication
          ? fmt::format("These figures are the indicators' figures for {}, with their source "
                        "shown on each indicator's page. A suppressed figure is not given.",
                        when)
          : fmt::format("When these results are published, these figures become the "
                        "indicators' figures for {} and are judged with the others. A "
                        "suppressed figure is not given.",
                        when);
  h.Element("p", {{"class", "govuk-body"}}, text);
}

void Downloads(Html& h, const SurveyResultsPage& page) {
  h.Element("h2", {{"class", "govuk-heading-m"}}, "Download");
  h.Open("ul", {{"class", "govuk-list"}}).Open("li");
  h.Link(fmt::format("/surveys/{}/results.xlsx?wave={}", UrlEncode(page.survey_id),
                     UrlEncode(page.wave.id)),
         "Every table of this wave (Excel)");
  h.Close("li").Close("ul");
  h.Element("p", {{"class", "govuk-body-s"}},
            "Suppressed figures are written c in the downloads too.");
}

void Summary(Html& h, const SurveyResultsPage& page) {
  const assess::SurveyResults& r = page.results;
  h.Open("dl", {{"class", "govuk-summary-list"}});
  auto row = [&h](std::string_view key, std::string_view value) {
    h.Open("div", {{"class", "govuk-summary-list__row"}});
    h.Element("dt", {{"class", "govuk-summary-list__key"}}, key);
    h.Element("dd", {{"class", "govuk-summary-list__value"}}, value);
    h.Close("div");
  };
  row("Dates", Dates(page.wave));
  if (!r.published.empty()) {
    row("Responses", "None here: this wave's results were published elsewhere");
  } else {
    row("Responses", r.responses ? Thousands(static_cast<std::size_t>(*r.responses))
                                 : fmt::format("fewer than {}", r.threshold));
  }
  row("Compared with",
      r.previous_wave.empty() ? std::string("No earlier wave") : r.previous_wave_name);
  h.Close("dl");
}

void QuestionSection(Html& h, const SurveyResultsPage& page,
                     const assess::SurveyQuestionResult& q) {
  h.Open("section", {{"class", "waymark-survey-question"}, {"id", "q-" + q.id}});
  h.Element("h3", {{"class", "govuk-heading-s"}}, q.text);
  if (q.kind == QuestionKind::kFreeText) {
    h.Element("p", {{"class", "govuk-body-s waymark-muted"}},
              "Written answers are never shown with the results; analysts review them.");
  }
  if (const Table* t = FindTable(page.tables, q.id)) TableHtml(h, *t, page.survey_id, page.wave.id);
  if (!page.by.empty()) {
    if (const Table* t = FindTable(page.tables, q.id + ".by-" + page.by)) {
      TableHtml(h, *t, page.survey_id, page.wave.id);
    }
  }
  h.Close("section");
}

}  // namespace

WaveState WaveStateOn(const SurveyWave& wave, const Date& today) {
  if (today < wave.opens) return WaveState::kUpcoming;
  if (today > wave.closes) return WaveState::kClosed;
  return WaveState::kOpen;
}

std::string_view WaveStateLabel(WaveState state) {
  switch (state) {
    case WaveState::kUpcoming:
      return "Upcoming";
    case WaveState::kOpen:
      return "Open";
    case WaveState::kClosed:
      return "Closed";
  }
  return "Upcoming";
}

std::string ResponseCountText(std::int64_t count, int threshold) {
  if (count <= 0) return "None";
  if (count < threshold) return fmt::format("fewer than {}", threshold);
  return Thousands(static_cast<std::size_t>(count));
}

std::string SurveyResultsHref(std::string_view survey_id, std::string_view wave,
                              std::string_view by) {
  std::string href = "/surveys/" + UrlEncode(survey_id) + "/results";
  char sep = '?';
  if (!wave.empty()) {
    href.push_back(sep);
    href.append("wave=").append(UrlEncode(wave));
    sep = '&';
  }
  if (!by.empty()) {
    href.push_back(sep);
    href.append("by=").append(UrlEncode(by));
  }
  return href;
}

std::string SurveyFreeTextHref(std::string_view survey_id, std::string_view wave) {
  std::string href = "/surveys/" + UrlEncode(survey_id) + "/free-text";
  if (!wave.empty()) href.append("?wave=").append(UrlEncode(wave));
  return href;
}

std::string RenderSurveysPage(const SurveysPage& page) {
  Html h;
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Surveys");
  h.Element("p", {{"class", "govuk-body"}},
            "Surveys of children and young people, with their waves. A wave's results can be "
            "published once it has closed; until then only analysts see them. Written answers "
            "are reviewed here and never published.");
  if (page.surveys.empty()) {
    h.Element("p", {{"class", "govuk-body"}},
              "No surveys are stored yet. Import one with: waymark survey import FILE");
  }
  for (const SurveyListing& s : page.surveys) SurveySection(h, s);
  PageFrame frame{"Surveys", {{"Plan overview", "/"}, {"Surveys", ""}}, NavItem::kNone, Links{}};
  return RenderPage(frame, h);
}

std::string RenderSurveyResultsPage(const SurveyResultsPage& page) {
  const assess::SurveyResults& r = page.results;
  Html h;
  ErrorSummary(h, page.errors);
  h.Element("span", {{"class", "govuk-caption-l"}}, r.wave_name);
  h.Element("h1", {{"class", "govuk-heading-l"}}, r.title + ": results");
  Summary(h, page);
  WaveChoice(h, page);
  PublishControls(h, page);
  if (page.analyst) {
    h.Open("p", {{"class", "govuk-body"}});
    h.Link(SurveyFreeTextHref(page.survey_id, page.wave.id), "Review the written answers");
    h.Close("p");
  }
  SuppressionKey(h, r.threshold);
  if (!r.questions.empty()) h.Element("h2", {{"class", "govuk-heading-m"}}, "Answers");
  for (const assess::SurveyQuestionResult& q : r.questions) QuestionSection(h, page, q);
  if (const Table* published = FindTable(page.tables, kPublishedTable)) {
    h.Element("h2", {{"class", "govuk-heading-m"}}, "Figures published elsewhere");
    TableHtml(h, *published, page.survey_id, page.wave.id);
  }
  if (const Table* feeds = FindTable(page.tables, kFeedsTable)) {
    h.Element("h2", {{"class", "govuk-heading-m"}}, "Figures for indicators");
    FeedsExplained(h, page);
    TableHtml(h, *feeds, page.survey_id, page.wave.id);
  }
  Downloads(h, page);
  std::vector<Crumb> crumbs = {{"Plan overview", "/"}};
  if (page.analyst) crumbs.push_back({"Surveys", "/surveys"});
  crumbs.push_back({r.title + ": " + r.wave_name, ""});
  PageFrame frame{TitleWithErrors(r.title + ": results, " + r.wave_name, page.errors),
                  std::move(crumbs), NavItem::kNone, Links{}};
  return RenderPage(frame, h);
}

}  // namespace waymark::report
