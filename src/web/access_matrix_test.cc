// The access matrix (docs/access.md) against the router itself: every route the site registers
// must be in the table with the permission it declares, and every example must get the
// documented answer for the public and for a signed-in user of each role.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "web/site_test_fixture.h"

namespace waymark::web {
namespace {

using testing::SiteFixture;
using testing::TestClient;
using testing::TestUsers;

struct MatrixRow {
  int line = 0;
  std::string method;
  std::string route;
  std::string permission;
  std::string example;
  std::map<std::string, int> expected;  // column name -> status
};

std::string Trim(std::string s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '`')) s.erase(s.begin());
  while (!s.empty() && (s.back() == ' ' || s.back() == '`')) s.pop_back();
  return s;
}

std::vector<std::string> Cells(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line.substr(1));
  std::string cell;
  while (std::getline(in, cell, '|')) cells.push_back(Trim(cell));
  if (!cells.empty() && cells.back().empty()) cells.pop_back();
  return cells;
}

// The rows of the table whose header starts "| method | route |".
std::vector<MatrixRow> ReadMatrix() {
  std::ifstream in(std::string(WAYMARK_SOURCE_DIR) + "/docs/access.md");
  EXPECT_TRUE(in.good()) << "docs/access.md not found";
  std::vector<MatrixRow> rows;
  std::vector<std::string> header;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.starts_with("| method | route |")) {
      header = Cells(line);
      continue;
    }
    if (header.empty() || !line.starts_with("| ")) {
      if (!header.empty() && !rows.empty()) break;
      continue;
    }
    const auto cells = Cells(line);
    if (cells.size() != header.size()) {
      ADD_FAILURE() << "docs/access.md:" << n << ": " << cells.size() << " cells, want "
                    << header.size();
      continue;
    }
    MatrixRow row{n, cells[0], cells[1], cells[2], cells[3], {}};
    for (size_t i = 4; i < cells.size(); ++i) row.expected[header[i]] = std::stoi(cells[i]);
    rows.push_back(std::move(row));
  }
  return rows;
}

class AccessMatrix : public SiteFixture {};

TEST_F(AccessMatrix, EveryRouteIsInTheTableWithItsPermission) {
  const auto rows = ReadMatrix();
  ASSERT_GT(rows.size(), 20u);
  std::set<std::pair<std::string, std::string>> documented;
  for (const MatrixRow& row : rows) documented.emplace(row.method, row.route);
  std::set<std::pair<std::string, std::string>> registered;
  for (const RouteInfo& route : site_->Routes()) {
    registered.emplace(route.method, route.pattern);
    EXPECT_TRUE(documented.contains({route.method, route.pattern}))
        << route.method << " " << route.pattern << " is not in docs/access.md";
    for (const MatrixRow& row : rows) {
      if (row.method != route.method || row.route != route.pattern) continue;
      EXPECT_EQ(row.permission, PermissionName(route.permission)) << "docs/access.md:" << row.line;
    }
  }
  for (const auto& [method, route] : documented) {
    EXPECT_TRUE(registered.contains({method, route}))
        << method << " " << route << " is in docs/access.md but not in the router";
  }
}

TEST_F(AccessMatrix, EveryRoleGetsTheDocumentedAnswer) {
  const auto rows = ReadMatrix();
  std::map<std::string, std::unique_ptr<TestClient>> clients;
  clients["public"] = std::make_unique<TestClient>(*site_);
  for (const auto& user : TestUsers()) {
    auto client =
        std::make_unique<TestClient>(*site_, "127.0.0." + std::to_string(clients.size() + 1));
    ASSERT_TRUE(client->SignIn(user.email)) << user.email;
    clients[std::string(RoleName(user.role))] = std::move(client);
  }
  for (const MatrixRow& row : rows) {
    for (const auto& [role, status] : row.expected) {
      ASSERT_TRUE(clients.contains(role)) << "docs/access.md: unknown column " << role;
      TestClient& client = *clients[role];
      // A fresh page first, so that a POST carries the current CSRF token.
      if (row.method == "POST") client.Get("/sign-in");
      const Response res = row.method == "POST"
                               ? client.Post(row.example, "email=nobody%40example.org&password=x")
                               : client.Get(row.example);
      EXPECT_EQ(res.status, status) << "docs/access.md:" << row.line << ": " << row.method << " "
                                    << row.example << " as " << role;
      if (row.route == "/sign-out" && role != "public") {
        // Signing out ended the session: sign in again for the rows that follow.
        for (const auto& user : TestUsers()) {
          if (RoleName(user.role) != role) continue;
          ASSERT_TRUE(client.SignIn(user.email));
        }
      }
    }
  }
}

}  // namespace
}  // namespace waymark::web
