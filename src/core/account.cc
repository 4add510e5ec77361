// Rules for account fields: emails, names and password strength.
#include "core/account.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace waymark {
namespace {

// Common passwords of at least 12 characters (from published lists of leaked passwords),
// compared case-insensitively. A short list by design: length does most of the work.
constexpr std::array<std::string_view, 40> kCommonPasswords = {
    "123456789012",     "1234567890123",
    "12345678901234",   "123456789123",
    "111111111111",     "000000000000",
    "123123123123",     "qwertyuiopas",
    "qwertyuiop123",    "qwerty123456",
    "1q2w3e4r5t6y",     "1qaz2wsx3edc",
    "zaq12wsxcde3",     "password1234",
    "password12345",    "password123456",
    "passwordpassword", "passw0rd1234",
    "p@ssw0rd1234",     "p@ssword1234",
    "iloveyou1234",     "letmein12345",
    "welcome12345",     "welcome123456",
    "changeme1234",     "administrator",
    "admin1234567",     "abc123456789",
    "abcdefghijkl",     "abcd12345678",
    "football1234",     "baseball1234",
    "sunshine1234",     "princess1234",
    "monkey123456",     "dragon123456",
    "trustno1trustno1", "correcthorsebatterystaple",
    "barnetcouncil",    "childrenandyoungpeople"};

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7F; }

bool IsDomainChar(unsigned char c) { return std::isalnum(c) != 0 || c == '-' || c == '.'; }

bool IsLocalChar(unsigned char c) {
  return std::isalnum(c) != 0 ||
         std::string_view("!#$%&'*+/=?^_`{|}~.-").find(static_cast<char>(c)) !=
             std::string_view::npos;
}

Error Invalid(std::string message) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), {}};
}

}  // namespace

Result<std::string> NormaliseEmail(std::string_view email) {
  if (email.empty()) return tl::unexpected(Invalid("email: must not be empty"));
  if (email.size() > kMaxEmailLength) {
    return tl::unexpected(Invalid("email: longer than 254 characters"));
  }
  const size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 ||
      email.find('@', at + 1) != std::string_view::npos) {
    return tl::unexpected(Invalid("email: must be one address such as name@example.org"));
  }
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (!std::all_of(local.begin(), local.end(), [](char c) { return IsLocalChar(c); })) {
    return tl::unexpected(Invalid("email: the part before '@' has a character not allowed"));
  }
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.' || domain.find("..") != std::string_view::npos ||
      !std::all_of(domain.begin(), domain.end(), [](char c) { return IsDomainChar(c); })) {
    return tl::unexpected(Invalid("email: the domain after '@' is not a domain name"));
  }
  return Lower(email);
}

Status CheckDisplayName(std::string_view name, std::string_view field) {
  const std::string f(field);
  if (name.find_first_not_of(" \t") == std::string_view::npos) {
    return tl::unexpected(Invalid(f + ": must not be empty"));
  }
  if (name.size() > kMaxNameLength) {
    return tl::unexpected(Invalid(f + ": longer than 200 characters"));
  }
  if (std::any_of(name.begin(), name.end(), [](char c) { return IsControl(c); })) {
    return tl::unexpected(Invalid(f + ": must not contain control characters"));
  }
  return {};
}

Status CheckPasswordStrength(std::string_view password, std::string_view email) {
  if (password.size() < kMinPasswordLength) {
    return tl::unexpected(Invalid("password: must be at least 12 characters"));
  }
  if (password.size() > kMaxPasswordLength) {
    return tl::unexpected(Invalid("password: longer than 1024 bytes"));
  }
  const std::string lower = Lower(password);
  if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), lower) !=
      kCommonPasswords.end()) {
    return tl::unexpected(Invalid("password: is one of the most common passwords"));
  }
  if (lower.find_first_not_of(lower.front()) == std::string::npos) {
    return tl::unexpected(Invalid("password: is one character repeated"));
  }
  const std::string mail = Lower(email);
  if (!mail.empty() && (lower == mail || lower == mail.substr(0, mail.find('@')))) {
    return tl::unexpected(Invalid("password: must not be the email address"));
  }
  return {};
}

Principal PrincipalOf(const User& user) {
  Principal principal;
  principal.user_id = user.id;
  principal.email = user.email;
  principal.name = user.name;
  principal.organisation = user.organisation;
  principal.role = user.role;
  principal.safeguarding = user.safeguarding;
  return principal;
}

}  // namespace waymark
