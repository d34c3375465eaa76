#include "client/replay.h"

#include <algorithm>

#include "core/sign/canonical.h"
#include "core/sign/percent.h"
#include "core/sign/v1.h"
#include "core/sign/v3.h"
#include "core/text/ascii.h"

namespace conform::client {
namespace {

// RFC 3986 encoding of UTF-8 bytes in pure bash + od, identical to sign::percent_encode.
constexpr std::string_view kPrelude =
    "enc() { local h b c o= i; h=$(printf '%s' \"$1\" | od -An -v -tx1 | tr -d ' \\n')\n"
    "  for ((i = 0; i < ${#h}; i += 2)); do b=${h:i:2}\n"
    "    case $b in 2d|2e|5f|7e|3[0-9]|4[1-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9a]) printf -v c "
    "\"\\\\x$b\"; o+=$c;;\n"
    "      *) o+=\"%${b^^}\";; esac; done; printf '%s' \"$o\"; }\n"
    "pairs() { local o=; while (($#)); do o+=\"${o:+&}$(enc \"$1\")=$(enc \"$2\")\"; shift 2; done;"
    " printf '%s' \"$o\"; }\n"
    "ts=$(date -u +%Y-%m-%dT%H:%M:%SZ); nonce=$(cat /proc/sys/kernel/random/uuid)\n";

std::string quote(std::string_view s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

std::string env_ref(const std::string& name) {
  return "\"${" + name + ":?set " + name + "}\"";
}

// The shell expression that yields a V1 parameter's value at replay time.
std::string v1_value(const sign::Param& p, const CredentialEnvNames& env) {
  if (p.name == "Timestamp") {
    return "\"$ts\"";
  }
  if (p.name == "SignatureNonce") {
    return "\"$nonce\"";
  }
  if (p.name == sign::v1::kSecurityTokenParam) {
    return env_ref(env.security_token);
  }
  if (p.name == sign::v1::kSignatureParam) {
    return "\"$sig\"";
  }
  return quote(p.value);
}

std::string array_of(const sign::Params& params, const CredentialEnvNames& env, bool skip_sig) {
  std::string out = "(";
  for (const auto& p : params) {
    if (skip_sig && p.name == sign::v1::kSignatureParam) {
      continue;
    }
    out += ' ' + quote(p.name) + ' ' + v1_value(p, env);
  }
  return out + " )";
}

std::string curl_line(const Request& r, const std::string& query_expr,
                      const std::vector<std::string>& header_args, bool has_body) {
  std::string out = "curl -sS -X " + r.method + " \"" + r.scheme + "://" + r.host + r.pathname;
  if (!query_expr.empty()) {
    out += "?" + query_expr;
  }
  out += "\"";
  for (const auto& h : header_args) {
    out += " \\\n  -H " + h;
  }
  if (has_body) {
    out += " \\\n  --data-binary \"$body\"";
  }
  return out + "\n";
}

std::string replay_v1(const Request& r, const CredentialEnvNames& env) {
  sign::Params all = r.query;
  const bool body_is_form = !r.body.empty();
  sign::Params body;
  if (body_is_form) {
    body = parse_params(r.body, sign::PlusIs::kSpace).params;
    all.insert(all.end(), body.begin(), body.end());
  }
  std::erase_if(all, [](const sign::Param& p) { return p.name == sign::v1::kSignatureParam; });
  std::string out = "# conform replay (V1): re-signs with a fresh Timestamp and SignatureNonce.\n";
  out += kPrelude;
  out += "signed=" + array_of(sign::sorted_params(all), env, true) + "\n";
  out += "cqs=$(pairs \"${signed[@]}\")\n";
  out += "sig=$(printf '%s' \"" + r.method +
         "&%2F&$(enc \"$cqs\")\" | openssl dgst -sha1 -binary -hmac " + "\"${" +
         env.access_key_secret + ":?set " + env.access_key_secret + "}&\" | openssl base64 -A)\n";
  out += "query=" + array_of(r.query, env, false) + "\n";
  std::vector<std::string> headers;
  for (const auto& h : r.headers) {
    headers.push_back(quote(h.name + ": " + h.value));
  }
  if (body_is_form) {
    out += "form=" + array_of(body, env, false) + "\nbody=$(pairs \"${form[@]}\")\n";
  }
  return out +
         curl_line(r, r.query.empty() ? "" : "$(pairs \"${query[@]}\")", headers, body_is_form);
}

std::string replay_v3(const Request& r, const CredentialEnvNames& env) {
  std::vector<std::string> signed_names;
  std::string access_key_id;
  for (const auto& h : r.headers) {
    if (text::to_lower(h.name) == "authorization") {
      const auto parsed = sign::v3::parse_authorization(h.value);
      if (parsed.value) {
        signed_names = parsed.value->signed_headers;
        access_key_id = parsed.value->credential;
      }
    }
  }
  std::sort(signed_names.begin(), signed_names.end());
  // Header value expressions; dynamic ones are recomputed, the rest are literal.
  const auto header_value = [&](const http::HeaderField& h) -> std::string {
    const std::string name = text::to_lower(h.name);
    if (name == "x-acs-date") {
      return "\"$ts\"";
    }
    if (name == "x-acs-signature-nonce") {
      return "\"$nonce\"";
    }
    if (name == sign::v3::kContentSha256Header) {
      return "\"$hash\"";
    }
    if (name == sign::v3::kSecurityTokenHeader) {
      return env_ref(env.security_token);
    }
    return quote(h.value);
  };
  std::string out = "# conform replay (V3): re-signs with a fresh x-acs-date and nonce.\n";
  out += kPrelude;
  out += "body=" + quote(r.body) + "\n";
  out += "hash=$(printf '%s' \"$body\" | openssl dgst -sha256 -r | cut -d' ' -f1)\n";
  out += "query=" + array_of(sign::sorted_params(r.query), env, false) + "\n";
  out += "cqs=$(pairs \"${query[@]}\")\nch=\n";
  std::string signed_list;
  for (const auto& name : signed_names) {
    std::string value_expr = "''";
    for (const auto& h : r.headers) {
      if (text::to_lower(h.name) == name) {
        value_expr = header_value(h);
      }
    }
    out += "ch+=" + quote(name + ":") + value_expr + "$'\\n'\n";
    signed_list += (signed_list.empty() ? "" : ";") + name;
  }
  out += "cr=" + quote(r.method + "\n" + sign::v3::canonical_uri(r.pathname) + "\n") +
         "\"$cqs\"$'\\n'\"$ch\"$'\\n'" + quote(signed_list + "\n") + "\"$hash\"\n";
  out +=
      "sts=\"ACS3-HMAC-SHA256\"$'\\n'$(printf '%s' \"$cr\" | openssl dgst -sha256 -r | cut -d' ' "
      "-f1)\n";
  out += "sig=$(printf '%s' \"$sts\" | openssl dgst -sha256 -r -hmac " +
         env_ref(env.access_key_secret) + " | cut -d' ' -f1)\n";
  std::vector<std::string> headers;
  for (const auto& h : r.headers) {
    if (text::to_lower(h.name) == "authorization") {
      continue;
    }
    headers.push_back("\"" + h.name + ": \"" + header_value(h));
  }
  headers.push_back(quote("Authorization: ACS3-HMAC-SHA256 Credential=" + access_key_id +
                          ",SignedHeaders=" + signed_list + ",Signature=") +
                    "\"$sig\"");
  return out + curl_line(r, r.query.empty() ? "" : "$cqs", headers, !r.body.empty());
}

}  // namespace

std::string replay_command(const Request& signed_request, SignatureVersion version,
                           const CredentialEnvNames& env) {
  return version == SignatureVersion::kV1 ? replay_v1(signed_request, env)
                                          : replay_v3(signed_request, env);
}

}  // namespace conform::client
