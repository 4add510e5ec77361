// SqlStore: the failed sign-ins of the throttle window (migration 24), shared by every node.
#include "store/sql_store.h"

namespace waymark::store {

Result<std::vector<SignInFailure>> SqlStore::RecentSignInFailures(std::string_view account,
                                                                  std::string_view address,
                                                                  std::int64_t since) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare("SELECT account, address, at FROM sign_in_failures WHERE at >= ?3 AND "
                  "(account = ?1 OR address = ?2) ORDER BY at"));
  select.Bind(1, account).Bind(2, address).Bind(3, since);
  std::vector<SignInFailure> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(const bool row, select.Step());
    if (!row) return out;
    out.push_back({select.Text(0), select.Text(1), select.Int(2)});
  }
}

Status SqlStore::RecordSignInFailure(const SignInFailure& failure, std::int64_t forget_before) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(Statement prune,
                           db_.Prepare("DELETE FROM sign_in_failures WHERE at < ?1"));
  prune.Bind(1, forget_before);
  WAYMARK_TRY(prune.Run());
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db_.Prepare("INSERT INTO sign_in_failures (account, address, at) VALUES (?1, ?2, ?3)"));
  insert.Bind(1, failure.account).Bind(2, failure.address).Bind(3, failure.at);
  WAYMARK_TRY(insert.Run());
  return tx.Commit();
}

Status SqlStore::ForgetSignInFailures(std::string_view account, std::string_view address) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement erase,
      db_.Prepare("DELETE FROM sign_in_failures WHERE account = ?1 AND address = ?2"));
  erase.Bind(1, account).Bind(2, address);
  return erase.Run();
}

}  // namespace waymark::store
