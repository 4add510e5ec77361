// Tests of the stored area boundaries: replaced as a whole, listed by area code.
#include <gtest/gtest.h>

#include "core/temp_dir.h"
#include "store/sql_store.h"

namespace waymark::store {
namespace {

TEST(SqliteBoundariesTest, SavingReplacesTheWholeSet) {
  TempDir dir;
  auto store = OpenSqliteStore(dir.File("w.db"), OpenMode::kCreate);
  ASSERT_TRUE(store.has_value());
  const AreaBoundary a{"E05000044",
                       R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1],[0,0]]]})"};
  const AreaBoundary b{"E05000043",
                       R"({"type":"Polygon","coordinates":[[[2,2],[3,2],[2,3],[2,2]]]})"};
  ASSERT_TRUE((*store)->SaveBoundaries({a, b}).has_value());
  EXPECT_EQ(*(*store)->ListBoundaries(), (std::vector<AreaBoundary>{b, a}));
  ASSERT_TRUE((*store)->SaveBoundaries({a}).has_value());
  EXPECT_EQ(*(*store)->ListBoundaries(), (std::vector<AreaBoundary>{a}));
  EXPECT_FALSE((*store)->SaveBoundaries({a, a}).has_value()) << "one boundary per area";
  EXPECT_EQ(*(*store)->ListBoundaries(), (std::vector<AreaBoundary>{a})) << "all or nothing";
  EXPECT_TRUE((*store)->CheckIntegrity().has_value());
}

}  // namespace
}  // namespace waymark::store
