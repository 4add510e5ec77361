// Tests of the area registry and neighbours readers: the shipped files, and bad input refused
// with its position (a file that is not UTF-8 text, a rank that is not a whole number).
#include "ingest/areas_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/temp_dir.h"
#include "ingest/ingest_test_util.h"

namespace waymark::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::kRoot;

std::vector<std::string> Strings(const Diagnostics& problems) {
  std::vector<std::string> out;
  for (const Error& e : problems) {
    const std::string s = e.ToString();
    out.push_back(s.substr(s.rfind('/') + 1));  // drop the temporary directory
  }
  return out;
}

TEST(AreasFileTest, ReadsTheShippedRegistryAndNeighbours) {
  const auto areas = ReadAreasFile(kRoot + "/data/areas/areas.csv");
  ASSERT_TRUE(areas.ok()) << areas.problems.front().ToString();
  const auto neighbours =
      ReadNeighboursFile(kRoot + "/data/areas/statistical_neighbours.csv", areas.areas);
  ASSERT_TRUE(neighbours.ok()) << neighbours.problems.front().ToString();
  EXPECT_FALSE(neighbours.groups.empty());
}

TEST(AreasFileTest, AHeaderThatIsNotUtf8TextIsRefusedForWhatItIs) {
  TempDir dir;
  const std::string utf16(
      "\xFF\xFE"
      "c\0o\0d\0e\0",
      10);
  EXPECT_THAT(Strings(ReadAreasFile(dir.Write("u.csv", utf16)).problems),
              ElementsAre(HasSubstr("u.csv:1:1: the file is UTF-16 text")));
  EXPECT_THAT(Strings(ReadAreasFile(dir.Write("h.csv", "code,name,type\n")).problems),
              ElementsAre("h.csv:1:1: the header must be 'code,name,type,parent_code,old_code'"));
}

TEST(AreasFileTest, ANeighboursRankIsAWholeNumberFromOne) {
  TempDir dir;
  const std::vector<Area> known = {{"E09000003", "Barnet", AreaType::kCouncil, "", ""},
                                   {"E09000024", "Merton", AreaType::kCouncil, "", ""}};
  const std::string header = "area_code,neighbour_code,rank,closeness,model\n";
  const auto good =
      ReadNeighboursFile(dir.Write("g.csv", header + "E09000003,E09000024,1,Close,2021\n"), known);
  EXPECT_TRUE(good.ok()) << good.problems.front().ToString();
  const auto bad =
      ReadNeighboursFile(dir.Write("b.csv", header + "E09000003,E09000024,0,Close,2021\n"
                                                     "E09000003,E09000024,NaN,Close,2021\n"
                                                     "E09000003,E09000024,0x10,Close,2021\n"
                                                     "E09000003,E09000024,2.5,Close,2021\n"),
                         known);
  EXPECT_THAT(Strings(bad.problems),
              ElementsAre("b.csv:2:21: rank '0' is not a whole number from 1",
                          "b.csv:3:21: rank 'NaN' is not a whole number from 1",
                          "b.csv:4:21: rank '0x10' is not a whole number from 1",
                          "b.csv:5:21: rank '2.5' is not a whole number from 1"));
}

}  // namespace
}  // namespace waymark::ingest
