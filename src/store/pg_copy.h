// Rows for PostgreSQL's COPY … FROM STDIN (FORMAT binary), the bulk path of the figure import
// on PostgreSQL: one statement carries any number of rows, where INSERTs cost a round trip
// each. The format (PostgreSQL documentation, "COPY: Binary Format"): an 11-byte signature, a
// 32-bit flags field and a 32-bit header extension length; each row a 16-bit field count, then
// each field as a 32-bit length and its bytes in the column type's binary form (a bigint as 8
// bytes, most significant first; text and bytea as their bytes); a 16-bit -1 ends the data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace waymark::store::pg {

class CopyRows {
 public:
  CopyRows();

  // Starts a row of `fields` fields; the calls that follow give them in column order.
  CopyRows& Row(int fields);
  CopyRows& Int64(std::int64_t value);
  // A text or bytea field: its bytes as they are.
  CopyRows& Bytes(std::string_view value);
  // A double precision field (IEEE 754, most significant byte first); NaN is NULL, as
  // Statement::BindOptional binds it.
  CopyRows& OptionalDouble(double value);

  std::size_t rows() const { return rows_; }
  // The bytes of the rows so far, with the header (no trailer).
  std::size_t size() const { return data_.size(); }
  // The whole COPY data: header, rows and trailer. Rows may not be added after it.
  std::string_view Finish();
  // Back to no rows, keeping the buffer's memory.
  void Clear();

 private:
  void Append32(std::uint32_t value);
  std::string data_;
  std::size_t rows_ = 0;
  bool finished_ = false;
};

}  // namespace waymark::store::pg
