// Data files in: Fingertips exports, LAIT, DfE EES tidy CSV and Waymark's generic CSV
// (docs/indicators.md). Each format is read as a stream of observations for catalogue
// indicators; every bad row is reported with its position and the caller decides (all or
// nothing) whether to keep any of them.
#pragma once

#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/indicator.h"
#include "core/progress.h"
#include "core/result.h"

namespace waymark::ingest {

// Receives each good observation, in file order, on the thread that called ImportDataFile
// (the file is read on another). An error of code kValidation is a problem with that row
// (reported at its line, column 1; reading goes on); any other error stops the import.
using ObservationSink = std::function<Status(const Observation&)>;

// Called on the same thread once every observation has been handed over: the problems the
// receiver found only then (rows that repeat earlier ones with other figures), each with its
// line. Any error stops the import.
using SinkFinish = std::function<Result<Diagnostics>()>;

struct DataImportReport {
  std::size_t rows = 0;      // data rows read
  std::size_t accepted = 0;  // observations handed to the sink
  std::size_t skipped = 0;   // rows for indicators not in the catalogue (LAIT, EES)
  Diagnostics problems;      // bad rows; at most kMaxProblems are kept
  std::size_t problem_count = 0;
  std::optional<Error> fatal;  // an error that stopped reading
  bool ok() const { return problem_count == 0 && !fatal; }
};

inline constexpr std::size_t kMaxProblems = 200;

// Reads `path` in `format`, mapping rows to `catalogue` indicators and checking area codes
// against `areas`; the receiver's late problems (from `finish`) are reported with the rest.
// `progress`, when given, hears the bytes of the file read of its size, on the calling thread:
// at the start, after each batch of observations the sink took, and at the end of the file.
DataImportReport ImportDataFile(SourceFormat format, const std::string& path,
                                const std::vector<Indicator>& catalogue,
                                const std::unordered_set<std::string>& areas,
                                const ObservationSink& sink, const SinkFinish& finish = {},
                                Progress* progress = nullptr);

// Parses a number cell: "" and GSS symbols are missing (the symbol's meaning is returned in
// `reason`); anything else that is not a whole finite number is an error message.
Result<double> ParseCell(std::string_view cell, std::string* reason);

}  // namespace waymark::ingest
