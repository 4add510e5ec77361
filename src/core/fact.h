// Facts a plan quotes ("Key facts", "What we know") as data: the figure with its unit, the
// period and area it is for, the areas it is compared with (England, London) and its source, so
// that a fact can be linked to an indicator of the catalogue and checked against it. A fact the
// plan gives only in words ("second highest") keeps the words; a fact whose figure the source
// does not state is kept with no value and shown as "not stated", never guessed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

// How a fact's figure is read: a percentage (13.1 is "13.1%"), a plain number (99152 is
// "99,152") or a rank (2 is "2nd").
enum class FactUnit { kPercent, kNumber, kRank };

std::string_view FactUnitName(FactUnit u);
std::optional<FactUnit> ParseFactUnit(std::string_view text);

// The figure as a plan prints it: the shortest decimals that give it back ("14%", "13.1%"),
// thousands separated ("99,152"), ranks as ordinals ("2nd", "11th", "23rd").
std::string FormatFactFigure(double figure, FactUnit unit);

// The number of decimal places `figure` is given to (13.1 → 1, 14 → 0; at most 6), so a
// catalogue figure can be rounded the same way before the two are compared.
int FactDecimals(double figure);

// True when `measured` (a figure of the catalogue) rounds, at the decimals `stated` is printed
// with, to `stated`: 13.14 agrees with a printed 13.1; 16.9 does not agree with 16.7.
bool FactFigureAgrees(double stated, double measured);

// True for a GSS area code: a capital letter and eight digits (E09000003, E92000001).
bool IsAreaCode(std::string_view code);

// An area the fact's figure is compared with, and its figure there (the fact's unit).
struct FactComparator {
  std::string area;  // area code
  double figure = 0;
  bool operator==(const FactComparator&) const = default;
};

struct Fact {
  std::string label;
  // The value in words, as printed, when the plan gives no single number ("second highest",
  // "Gangs; Bullying; People taking drugs in public"); "" when `figure` is set, and "" with no
  // figure when the source does not state the value (shown as "not stated").
  std::string value;
  std::string detail;  // what the fields do not say, as printed or as a note on the encoding
  std::optional<double> figure = {};
  std::optional<FactUnit> unit = {};  // set exactly when figure is
  std::string period = {};            // as the source gives it: "2017", "2016/17", "2017-2020"
  std::string area = {};              // area code of the figure; "" for the plan's own area
  std::vector<FactComparator> comparators = {};
  std::string source = {};     // e.g. "Young People's Perception Survey 2017"
  std::string indicator = {};  // id of the catalogue indicator that measures it; "" none
  bool operator==(const Fact&) const = default;
};

// A figure of `fact` (its own or a comparator's) in the fact's unit; the bare number when the
// fact has no unit.
std::string FactFigureText(const Fact& fact, double figure);

// The fact's value for people to read: the figure in its unit, the words, or "not stated".
std::string FactValueText(const Fact& fact);

}  // namespace waymark
