// Sign-in through an organisation's identity provider (OpenID Connect's authorization code
// flow with PKCE, state and nonce): POST /sign-in/oidc/{provider} starts it and sends the
// browser to the provider; GET /sign-in/oidc/{provider}/callback finishes it. The started
// sign-in is kept in the database (any web node can finish it), used once, bound to the
// browser by a short-lived cookie and expires after ten minutes. Every outcome is audited
// with its reason; the browser is told only that it could not be signed in.
#pragma once

#include <string>

#include "report/account_pages.h"
#include "web/auth.h"
#include "web/http_client.h"
#include "web/oidc_client.h"
#include "web/plan_source.h"
#include "web/router.h"

namespace waymark::web {

struct OidcOptions {
  // The site's secret key (32 bytes), which opens the providers' client secrets; "" when
  // none is configured (sign-in through a provider then fails, audited).
  std::string secret_key;
  // The site's address as the providers know it (https://waymark.example.org); the redirect
  // URI is this and /sign-in/oidc/NAME/callback. "" allows only a loopback Host (tests, demo).
  std::string public_url;
  // What fetches from the providers; empty: web/http_client.h Fetch.
  Fetcher fetch;
};

// The choices of the sign-in page: a button per enabled provider, and whether the password
// form is shown (not when password sign-in is off for everyone). Returns the origins the
// page's forms lead to (for its Content-Security-Policy's form-action).
std::vector<std::string> FillSignInChoices(PlanSource& plans, Auth& auth, OidcClient& client,
                                           report::SignInForm& form);

void AddOidcRoutes(Router& router, Auth& auth, PlanSource& plans, OidcClient& client,
                   const OidcOptions& options);

}  // namespace waymark::web
