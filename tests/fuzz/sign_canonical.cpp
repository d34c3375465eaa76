// Fuzz target sign_canonical: bytes through the signature code's text handling (core/sign):
// query/form parsing, percent-encoding and decoding, the V1 canonicalized query string and string
// to sign, the V3 canonical URI, headers and request, and the V3 Authorization parser.
//
// First byte (the selector): bit 0 '+' decodes as a space (form bodies), else as '+'. The rest is
// read at once as a parameter text, a path, a header block (one "name:value" a line) and an
// Authorization value.
// Properties: decode(encode(x)) == x; encoding yields only unreserved bytes and %XY; parsing what
// encode_params printed gives the same parameters; a V1 signature verifies; the canonical URI
// decodes to the path; printing a parsed Authorization and parsing it again gives the same fields.
#include <algorithm>

#include "core/sign/canonical.h"
#include "core/sign/percent.h"
#include "core/sign/v1.h"
#include "core/sign/v3.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/fuzz_targets.h"

namespace conform::fuzz {
namespace {

bool is_hex_upper(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

void check_percent(std::string_view text) {
  const std::string encoded = sign::percent_encode(text);
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] == '%') {
      require(
          i + 2 < encoded.size() && is_hex_upper(encoded[i + 1]) && is_hex_upper(encoded[i + 2]),
          "percent_encode printed a '%' without two upper-case hex digits");
      i += 2;
    } else {
      require(is_unreserved(encoded[i]), "percent_encode left a reserved byte as it was");
    }
  }
  for (const auto plus : {sign::PlusIs::kPlus, sign::PlusIs::kSpace}) {
    const auto decoded = sign::percent_decode(encoded, plus);
    require(decoded.ok() && decoded.value == text, "percent_decode(percent_encode(x)) != x");
  }
  const auto decoded = sign::percent_decode(text, sign::PlusIs::kPlus);
  if (decoded.ok()) {
    const auto again =
        sign::percent_decode(sign::percent_encode(decoded.value), sign::PlusIs::kPlus);
    require(again.ok() && again.value == decoded.value, "re-encoding a decoded text changed it");
  } else {
    require(decoded.error->offset < text.size() && text[decoded.error->offset] == '%',
            "a decode error points at something other than a '%'");
  }
}

void check_params(std::string_view text, sign::PlusIs plus) {
  const auto parsed = sign::parse_params(text, plus);
  if (!parsed.ok()) {
    require(parsed.error->offset < text.size() && text[parsed.error->offset] == '%',
            "a parameter decode error points at something other than a '%'");
  }
  const auto& params = parsed.params;
  const auto reparsed = sign::parse_params(sign::encode_params(params), sign::PlusIs::kPlus);
  require(reparsed.ok() && reparsed.params == params,
          "parse_params(encode_params(p)) differs from p");

  const auto sorted = sign::sorted_params(params);
  require(std::is_permutation(sorted.begin(), sorted.end(), params.begin(), params.end()),
          "sorted_params lost or invented a parameter");
  require(sign::sorted_params(sorted) == sorted, "sorted_params is not idempotent");
  sign::Params unsigned_sorted;
  for (const auto& p : sorted) {
    if (p.name != sign::v1::kSignatureParam)
      unsigned_sorted.push_back(p);
  }
  std::vector<const sign::Param*> expected_refs;
  for (const auto& p : unsigned_sorted)
    expected_refs.push_back(&p);
  require(sign::encode_params(sign::sorted_refs(params, sign::v1::kSignatureParam)) ==
              sign::encode_params(expected_refs),
          "sorted_refs without Signature differs from sorted_params less Signature");

  const auto v1 = sign::v1::sign("POST", params, "fuzz-secret");
  require(sign::v1::verify("POST", params, "fuzz-secret", v1.signature),
          "a V1 signature does not verify over the parameters it signed");
  sign::v3::canonical_query_string(params);
}

sign::v3::Headers header_lines(std::string_view text) {
  sign::v3::Headers headers;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos)
      headers.push_back({std::string(line.substr(0, colon)), std::string(line.substr(colon + 1))});
  }
  return headers;
}

void check_v3(std::string_view text, const sign::Params& query) {
  if (!text.empty()) {
    const auto uri = sign::percent_decode(sign::v3::canonical_uri(text), sign::PlusIs::kPlus);
    require(uri.ok() && uri.value == text, "the canonical URI does not decode to the path");
  }
  sign::v3::RequestToSign request;
  request.method = "POST";
  request.pathname = std::string(text.substr(0, text.find('\n')));
  request.query = query;
  request.headers = header_lines(text);
  request.body = std::string(text);
  const auto names = sign::v3::default_signed_header_names(request.headers, {"X-Extra"});
  require(std::is_sorted(names.begin(), names.end()) &&
              std::adjacent_find(names.begin(), names.end()) == names.end(),
          "default signed header names are not sorted and unique");
  sign::v3::sign(request, names, "fuzz-secret");
}

void check_authorization(std::string_view text) {
  const auto parsed = sign::v3::parse_authorization(text);
  require(parsed.value.has_value() != !parsed.error.empty(),
          "parse_authorization gave both or neither a value and an error");
  if (!parsed.value || parsed.value->algorithm != sign::v3::kAlgorithm)
    return;
  const auto& a = *parsed.value;
  std::string names;
  for (const auto& n : a.signed_headers)
    names += (names.empty() ? "" : ";") + n;
  const auto again =
      sign::v3::parse_authorization(sign::v3::authorization(a.credential, names, a.signature));
  require(again.value && again.value->credential == a.credential &&
              again.value->signed_headers == a.signed_headers &&
              again.value->signature == a.signature,
          "an Authorization printed from parsed fields parses differently");
}

}  // namespace

int fuzz_sign_canonical(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  const auto plus = (data[0] & 1) != 0 ? sign::PlusIs::kSpace : sign::PlusIs::kPlus;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  check_percent(text);
  check_params(text, plus);
  check_v3(text, sign::parse_params(text, plus).params);
  check_authorization(text);
  return 0;
}

}  // namespace conform::fuzz
