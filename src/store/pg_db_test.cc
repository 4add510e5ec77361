// The PostgreSQL adapter: placeholder numbering on its own, and statements, types, errors and
// nested transactions against the throwaway cluster (pg_test_fixture.h).
#include "store/pg_db.h"
#include "store/pg_copy.h"
#include "store/pg_test_fixture.h"

#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>

namespace waymark::store::pg {
namespace {

TEST(NumberPlaceholdersTest, NumbersBareAndExplicitPlaceholders) {
  EXPECT_EQ(NumberPlaceholders("SELECT ? + ?"), "SELECT $1 + $2");
  EXPECT_EQ(NumberPlaceholders("VALUES (?2, ?1, ?)"), "VALUES ($2, $1, $3)");
  EXPECT_EQ(NumberPlaceholders("WHERE a = ?1 OR b = ?1"), "WHERE a = $1 OR b = $1");
}

TEST(NumberPlaceholdersTest, LeavesQuotesCommentsAndDollarQuotesAlone) {
  EXPECT_EQ(NumberPlaceholders("SELECT 'why?', ? -- really?\n, ?"),
            "SELECT 'why?', $1 -- really?\n, $2");
  EXPECT_EQ(NumberPlaceholders("SELECT 'it''s ?', \"odd?\" , ?"), "SELECT 'it''s ?', \"odd?\" , $1");
  EXPECT_EQ(NumberPlaceholders("/* ? */ SELECT ?"), "/* ? */ SELECT $1");
  EXPECT_EQ(NumberPlaceholders("DO $f$ SELECT '?' $f$; SELECT ?"), "DO $f$ SELECT '?' $f$; SELECT $1");
  EXPECT_EQ(NumberPlaceholders("SELECT $$?$$, ?"), "SELECT $$?$$, $1");
  // $1 written by hand is not a dollar quote.
  EXPECT_EQ(NumberPlaceholders("SELECT $1"), "SELECT $1");
}

TEST(ErrorCodeForSqlStateTest, MapsTheStatesCallersActOn) {
  EXPECT_EQ(ErrorCodeForSqlState("23505"), ErrorCode::kAlreadyExists);
  EXPECT_EQ(ErrorCodeForSqlState("40001"), ErrorCode::kConflict);
  EXPECT_EQ(ErrorCodeForSqlState("40P01"), ErrorCode::kConflict);
  EXPECT_EQ(ErrorCodeForSqlState("23503"), ErrorCode::kDatabase);
  EXPECT_EQ(ErrorCodeForSqlState(""), ErrorCode::kDatabase);
}

TEST(CopyRowsTest, WritesPostgresBinaryCopyFormat) {
  CopyRows rows;
  EXPECT_EQ(rows.rows(), 0u);
  rows.Row(3).Int64(-2).Bytes("ab").OptionalDouble(std::nan(""));
  rows.Row(1).OptionalDouble(1.0);
  const std::string expected =
      std::string("PGCOPY\n\377\r\n\0", 11) + std::string(8, '\0') +  // signature, flags, extension
      std::string("\0\3", 2) +                                        // three fields
      std::string("\0\0\0\10", 4) + std::string(7, '\xff') + '\xfe' +  // bigint -2
      std::string("\0\0\0\2ab", 6) +                                   // text "ab"
      std::string(4, '\xff') +                                         // NULL
      std::string("\0\1", 2) + std::string("\0\0\0\10", 4) +           // one field, 8 bytes
      std::string("\x3f\xf0\0\0\0\0\0\0", 8) +                         // double 1.0
      std::string(2, '\xff');                                          // the trailer
  EXPECT_EQ(rows.rows(), 2u);
  EXPECT_EQ(rows.Finish(), expected);
  rows.Clear();
  EXPECT_EQ(rows.rows(), 0u);
  EXPECT_EQ(rows.Finish(),
            std::string("PGCOPY\n\377\r\n\0", 11) + std::string(8, '\0') + std::string(2, '\xff'));
}

TEST(PgConnectionTest, ABadAddressIsAClearError) {
  auto conn = Connection::Open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(conn.has_value());
  EXPECT_EQ(conn.error().code, ErrorCode::kDatabase);
  EXPECT_NE(conn.error().message.find("cannot connect to PostgreSQL"), std::string::npos)
      << conn.error().message;
}

class PgDbTest : public PgTest {
 protected:
  void SetUp() override {
    PgTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(db().Exec("CREATE TABLE t (id bigint PRIMARY KEY, name text, x double "
                          "precision, data bytea)")
                    .has_value());
  }
  std::int64_t Count() { return *db().QueryInt("SELECT count(*) FROM t"); }
};

TEST_F(PgDbTest, BindsAndReadsEveryType) {
  auto insert = db().Prepare("INSERT INTO t (id, name, x, data) VALUES (?, ?, ?, ?)");
  ASSERT_TRUE(insert.has_value()) << insert.error().message;
  const std::string bytes("a\0b\xff\\x", 6);
  ASSERT_TRUE(insert->Bind(1, 1).Bind(2, "Barnet's").Bind(3, 0.1).BindBlob(4, bytes).Run());
  EXPECT_EQ(insert->Changes(), 1);
  ASSERT_TRUE(insert->Bind(1, std::int64_t{1} << 40).BindNull(2).BindOptional(3, std::nan(""))
                  .BindNull(4)
                  .Run());
  auto select = db().Prepare("SELECT id, name, x, data FROM t ORDER BY id");
  ASSERT_TRUE(select.has_value());
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->Int(0), 1);
  EXPECT_EQ(select->Text(1), "Barnet's");
  EXPECT_EQ(select->Double(2), 0.1);  // exact: the shortest text that reads back the same
  EXPECT_EQ(select->BlobView(3), bytes);
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->Int(0), std::int64_t{1} << 40);
  EXPECT_TRUE(select->IsNull(1));
  EXPECT_TRUE(std::isnan(select->OptionalDouble(2)));
  EXPECT_TRUE(select->BlobView(3).empty());
  EXPECT_FALSE(*select->Step());
}

TEST_F(PgDbTest, NonFiniteNumbersRoundTrip) {
  auto insert = db().Prepare("INSERT INTO t (id, x) VALUES (?, ?)");
  ASSERT_TRUE(insert.has_value());
  ASSERT_TRUE(insert->Bind(1, 1).Bind(2, std::numeric_limits<double>::infinity()).Run());
  ASSERT_TRUE(insert->Bind(1, 2).Bind(2, -std::numeric_limits<double>::infinity()).Run());
  auto select = db().Prepare("SELECT x FROM t ORDER BY id");
  ASSERT_TRUE(select.has_value());
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->Double(0), std::numeric_limits<double>::infinity());
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->Double(0), -std::numeric_limits<double>::infinity());
}

TEST_F(PgDbTest, AStatementRunsAgainAfterReset) {
  auto insert = db().Prepare("INSERT INTO t (id) VALUES (?)");
  ASSERT_TRUE(insert.has_value());
  for (int id = 1; id <= 3; ++id) ASSERT_TRUE(insert->Bind(1, id).Run());
  auto count = db().Prepare("SELECT count(*) FROM t WHERE id >= ?");
  ASSERT_TRUE(count.has_value());
  ASSERT_TRUE(*count->Bind(1, 2).Step());
  EXPECT_EQ(count->Int(0), 2);
  count->Reset();
  ASSERT_TRUE(*count->Bind(1, 3).Step());
  EXPECT_EQ(count->Int(0), 1);
}

TEST_F(PgDbTest, ADuplicateKeyIsAlreadyExistsWithTheServersMessage) {
  auto insert = db().Prepare("INSERT INTO t (id) VALUES (?)");
  ASSERT_TRUE(insert.has_value());
  ASSERT_TRUE(insert->Bind(1, 7).Run());
  auto again = insert->Bind(1, 7).Run();
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(again.error().message.find("23505"), std::string::npos) << again.error().message;
  EXPECT_NE(again.error().message.find("duplicate key"), std::string::npos);
}

TEST_F(PgDbTest, ABadStatementIsRefusedAtPrepare) {
  auto bad = db().Prepare("SELECT nothing FROM nowhere");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("nowhere"), std::string::npos) << bad.error().message;
}

TEST_F(PgDbTest, TransactionsCommitRollBackAndNestAsSavepoints) {
  {
    auto outer = Transaction::Begin(db());
    ASSERT_TRUE(outer.has_value());
    ASSERT_TRUE(db().Exec("INSERT INTO t (id) VALUES (1)"));
    {
      auto inner = Transaction::Begin(db());
      ASSERT_TRUE(inner.has_value());
      ASSERT_TRUE(db().Exec("INSERT INTO t (id) VALUES (2)"));
    }  // the inner part is undone alone
    EXPECT_EQ(Count(), 1);
    ASSERT_TRUE(outer->Commit());
  }
  EXPECT_EQ(Count(), 1);
  {
    auto dropped = Transaction::Begin(db());
    ASSERT_TRUE(dropped.has_value());
    ASSERT_TRUE(db().Exec("INSERT INTO t (id) VALUES (3)"));
  }
  EXPECT_EQ(Count(), 1);
}

TEST_F(PgDbTest, CommittingAFailedTransactionIsAFailure) {
  auto transaction = Transaction::Begin(db());
  ASSERT_TRUE(transaction.has_value());
  ASSERT_TRUE(db().Exec("INSERT INTO t (id) VALUES (1)"));
  EXPECT_FALSE(db().Exec("INSERT INTO t (id) VALUES (1)").has_value());
  auto committed = transaction->Commit();
  ASSERT_FALSE(committed.has_value());
  EXPECT_NE(committed.error().message.find("rolled back"), std::string::npos);
  EXPECT_EQ(Count(), 0);
  // The connection is usable again.
  ASSERT_TRUE(db().Exec("INSERT INTO t (id) VALUES (2)"));
  EXPECT_EQ(Count(), 1);
}

// The server prepares a text once per connection: two statements of one text run side by side
// with their own bindings and rows, and a statement prepared inside a transaction that rolled
// back still runs afterwards.
TEST_F(PgDbTest, AStatementPreparedOnceServesEveryUseOfItsText) {
  ASSERT_TRUE(db().Exec("INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b')").has_value());
  const std::string_view sql = "SELECT name FROM t WHERE id = ?";
  const std::int64_t before = *db().QueryInt("SELECT count(*) FROM pg_prepared_statements");
  auto first = db().Prepare(sql);
  auto second = db().Prepare(sql);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM pg_prepared_statements"), before + 1)
      << "one for the text (the count's own was kept by the first count)";
  ASSERT_TRUE(*first->Bind(1, 1).Step());
  ASSERT_TRUE(*second->Bind(1, 2).Step());
  EXPECT_EQ(first->Text(0), "a");
  EXPECT_EQ(second->Text(0), "b");
  {
    auto tx = Transaction::Begin(db());
    ASSERT_TRUE(tx.has_value());
    auto inside = db().Prepare("SELECT count(*) FROM t WHERE name = ?");
    ASSERT_TRUE(inside.has_value());
  }  // rolled back
  auto after = db().Prepare("SELECT count(*) FROM t WHERE name = ?");
  ASSERT_TRUE(after.has_value()) << after.error().message;
  ASSERT_TRUE(*after->Bind(1, "b").Step());
  EXPECT_EQ(after->Int(0), 1);
}

TEST_F(PgDbTest, CopyInWritesEveryTypeAndARefusedCopyChangesNothing) {
  CopyRows rows;
  const std::string bytes("a\0b\xff\\x", 6);
  rows.Row(4).Int64(1).Bytes("Barnet's \xc3\xa9").OptionalDouble(0.1).Bytes(bytes);
  rows.Row(4).Int64(std::int64_t{1} << 40).Bytes("").OptionalDouble(std::nan("")).Bytes("");
  ASSERT_TRUE(db().CopyIn("t (id, name, x, data)", rows.Finish()));
  auto select = db().Prepare("SELECT id, name, x, data FROM t ORDER BY id");
  ASSERT_TRUE(select.has_value());
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->Int(0), 1);
  EXPECT_EQ(select->Text(1), "Barnet's \xc3\xa9");
  EXPECT_EQ(select->Double(2), 0.1);
  EXPECT_EQ(select->BlobView(3), bytes);
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->Int(0), std::int64_t{1} << 40);
  EXPECT_TRUE(std::isnan(select->OptionalDouble(2)));
  select->Reset();

  // A key already there: the whole COPY is refused, with the server's message, and the
  // connection goes on.
  CopyRows again;
  again.Row(4).Int64(2).Bytes("x").OptionalDouble(1).Bytes("");
  again.Row(4).Int64(1).Bytes("y").OptionalDouble(1).Bytes("");
  auto refused = db().CopyIn("t (id, name, x, data)", again.Finish());
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(refused.error().message.find("COPY t"), std::string::npos) << refused.error().message;
  EXPECT_EQ(Count(), 2);
  auto missing = db().CopyIn("no_such_table (id)", again.Finish());
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("no_such_table"), std::string::npos)
      << missing.error().message;
  EXPECT_EQ(Count(), 2);
}

}  // namespace
}  // namespace waymark::store::pg
