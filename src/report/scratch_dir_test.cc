// Tests of the private temporary directory: its mode, its removal with its files, moves, and
// reading a file back whole.
#include "report/scratch_dir.h"

#include <sys/stat.h>

#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace waymark::report {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(ScratchDir, IsPrivateAndIsRemovedWithItsFiles) {
  std::filesystem::path path;
  {
    Result<ScratchDir> dir = ScratchDir::Create("test");
    ASSERT_TRUE(dir) << dir.error().ToString();
    path = dir->path();
    EXPECT_THAT(path.filename().string(), StartsWith("waymark-test-"));
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0700U);
    std::ofstream(dir->File("a.txt")) << "x";
    EXPECT_TRUE(std::filesystem::exists(path / "a.txt"));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(ScratchDir, AMoveLeavesOneOwnerAndTwoDirectoriesAreDistinct) {
  Result<ScratchDir> a = ScratchDir::Create("test");
  Result<ScratchDir> b = ScratchDir::Create("test");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->path(), b->path());
  const std::filesystem::path a_path = a->path();
  const std::filesystem::path b_path = b->path();
  {
    ScratchDir moved = std::move(*a);
    EXPECT_EQ(moved.path(), a_path);
    EXPECT_TRUE(a->path().empty());  // NOLINT(bugprone-use-after-move): the moved-from state
    moved = std::move(*b);           // the first directory goes now
    EXPECT_FALSE(std::filesystem::exists(a_path));
    EXPECT_TRUE(std::filesystem::exists(b_path));
  }
  EXPECT_FALSE(std::filesystem::exists(b_path));
}

TEST(ReadWholeFile, ReadsBinaryBytesAndNamesAMissingFile) {
  Result<ScratchDir> dir = ScratchDir::Create("test");
  ASSERT_TRUE(dir);
  const std::string bytes("a\0b\r\n\xff", 6);
  std::ofstream(dir->File("bin"), std::ios::binary) << bytes;
  Result<std::string> read = ReadWholeFile(dir->File("bin"));
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, bytes);
  std::ofstream(dir->File("empty"), std::ios::binary).flush();
  EXPECT_EQ(ReadWholeFile(dir->File("empty")).value_or("?"), "");

  Result<std::string> missing = ReadWholeFile(dir->File("none"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  EXPECT_THAT(missing.error().message, HasSubstr("none"));
}

}  // namespace
}  // namespace waymark::report
