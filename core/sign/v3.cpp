#include "core/sign/v3.h"

#include <algorithm>

#include "core/sign/canonical.h"
#include "core/sign/crypto.h"
#include "core/sign/percent.h"
#include "core/text/ascii.h"

namespace conform::sign::v3 {
namespace {

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && is_space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_space(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string> sorted_unique_lower(std::vector<std::string> names) {
  for (auto& n : names) {
    n = text::to_lower(n);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace

std::string canonical_query_string(const Params& query) {
  return encode_params(sorted_refs(query));
}

std::string canonical_uri(std::string_view pathname) {
  if (pathname.empty()) {
    return "/";
  }
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = pathname.find('/', start);
    append_percent_encoded(out, pathname.substr(start, slash - start));
    if (slash == std::string_view::npos) {
      break;
    }
    out += '/';
    start = slash + 1;
  }
  return out;
}

Headers sts_headers(std::string_view access_key_id, std::string_view security_token) {
  if (security_token.empty())
    return {};
  return {{std::string(kAccessKeyIdHeader), std::string(access_key_id)},
          {std::string(kSecurityTokenHeader), std::string(security_token)}};
}

std::vector<std::string> default_signed_header_names(const Headers& headers,
                                                     const std::vector<std::string>& extra) {
  std::vector<std::string> names = extra;
  for (const auto& h : headers) {
    const std::string name = text::to_lower(h.name);
    if (name == "host" || name == "content-type" || name.starts_with("x-acs-")) {
      names.push_back(name);
    }
  }
  names = sorted_unique_lower(std::move(names));
  std::erase(names, "authorization");
  return names;
}

std::string canonical_headers(const Headers& headers,
                              const std::vector<std::string>& signed_names) {
  std::string out;
  for (const auto& name : sorted_unique_lower(signed_names)) {
    std::vector<std::string> values;
    for (const auto& h : headers) {
      if (text::iequals(h.name, name)) {  // name is lower case already
        values.emplace_back(trim(h.value));
      }
    }
    std::sort(values.begin(), values.end());
    out += name;
    out += ':';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) {
        out += ',';
      }
      out += values[i];
    }
    out += '\n';
  }
  return out;
}

std::string signed_headers(std::vector<std::string> signed_names) {
  std::string out;
  for (const auto& name : sorted_unique_lower(std::move(signed_names))) {
    if (!out.empty()) {
      out += ';';
    }
    out += name;
  }
  return out;
}

std::string hashed_payload(std::string_view body) {
  return text::hex_lower(sha256(body));
}

std::string canonical_request(std::string_view method, std::string_view uri, std::string_view query,
                              std::string_view headers, std::string_view signed_header_list,
                              std::string_view payload_hash) {
  std::string out;
  for (const std::string_view part : {method, uri, query, headers, signed_header_list}) {
    out += part;
    out += '\n';
  }
  out += payload_hash;
  return out;
}

std::string string_to_sign(std::string_view request) {
  std::string out(kAlgorithm);
  out += '\n';
  out += text::hex_lower(sha256(request));
  return out;
}

std::string signature(std::string_view sts, std::string_view access_key_secret) {
  return text::hex_lower(hmac_sha256(access_key_secret, sts));
}

std::string authorization(std::string_view access_key_id, std::string_view signed_header_list,
                          std::string_view sig) {
  std::string out(kAlgorithm);
  out += " Credential=";
  out += access_key_id;
  out += ",SignedHeaders=";
  out += signed_header_list;
  out += ",Signature=";
  out += sig;
  return out;
}

ParsedAuthorization parse_authorization(std::string_view header_value) {
  ParsedAuthorization result;
  const std::string_view value = trim(header_value);
  const std::size_t space = value.find(' ');
  if (space == std::string_view::npos) {
    result.error = "Authorization has no space between the algorithm and its fields";
    return result;
  }
  Authorization auth;
  auth.algorithm = std::string(value.substr(0, space));
  bool has_credential = false;
  bool has_signed_headers = false;
  bool has_signature = false;
  std::string_view rest = value.substr(space + 1);
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view field = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const std::size_t eq = field.find('=');
    if (eq == std::string_view::npos) {
      result.error = "Authorization field without '=': '" +
                     std::string(field.substr(0, std::min<std::size_t>(field.size(), 32))) + "'";
      return result;
    }
    const std::string_view key = field.substr(0, eq);
    const std::string_view val = field.substr(eq + 1);
    if (key == "Credential") {
      auth.credential = std::string(val);
      has_credential = true;
    } else if (key == "SignedHeaders") {
      has_signed_headers = true;
      std::size_t start = 0;
      while (start <= val.size()) {
        const std::size_t semi = std::min(val.find(';', start), val.size());
        if (semi > start) {
          auth.signed_headers.emplace_back(val.substr(start, semi - start));
        }
        start = semi + 1;
      }
    } else if (key == "Signature") {
      auth.signature = std::string(val);
      has_signature = true;
    }
  }
  if (!has_credential) {
    result.error = "Authorization lacks Credential=";
  } else if (!has_signed_headers) {
    result.error = "Authorization lacks SignedHeaders=";
  } else if (!has_signature) {
    result.error = "Authorization lacks Signature=";
  } else {
    result.value = std::move(auth);
  }
  return result;
}

Signed sign(const RequestToSign& request, const std::vector<std::string>& signed_names,
            std::string_view access_key_secret) {
  Signed s;
  s.canonical_uri = canonical_uri(request.pathname);
  s.canonical_query_string = canonical_query_string(request.query);
  s.canonical_headers = canonical_headers(request.headers, signed_names);
  s.signed_headers = signed_headers(signed_names);
  s.hashed_request_payload = hashed_payload(request.body);
  s.canonical_request =
      canonical_request(request.method, s.canonical_uri, s.canonical_query_string,
                        s.canonical_headers, s.signed_headers, s.hashed_request_payload);
  s.hashed_canonical_request = text::hex_lower(sha256(s.canonical_request));
  // string_to_sign(canonical_request) would hash the canonical request a second time.
  s.string_to_sign = std::string(kAlgorithm) + '\n' + s.hashed_canonical_request;
  s.signature = v3::signature(s.string_to_sign, access_key_secret);
  return s;
}

}  // namespace conform::sign::v3
