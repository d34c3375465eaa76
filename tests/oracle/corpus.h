#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/sign/params.h"
#include "core/spec/model.h"

// The oracle corpus (specs/<product>/<version>/oracle/): cases written from the documents, not
// from the rules engine, each a request as sent, the outcomes it accepts and the quoted sentence
// that decides them. See specs/schema/oracle.schema.json for the file format.
namespace conform::oracle {

/// What a case accepts. kClientError is partly settled: a 4xx, any code. kOpen: the documents do
/// not settle the answer.
enum class Expect { kSuccess, kError, kClientError, kOpen };

struct Quote {
  std::string document;  // seed, reference or metadata
  std::string pointer;   // metadata only: the JSON pointer of the quoted value
  std::string quote;
};

/// A side of the comparison that cannot give the case's answer yet, and the capability it needs.
struct Pending {
  std::string capability;
  std::string note;
  bool mock = false;  // the mock side is pending too
};

/// How a request departs from a correctly signed one.
struct Departure {
  std::optional<std::string> action;
  std::optional<std::string> version;
  std::optional<std::string> credentials;  // see oracle.schema.json
  std::optional<std::string> timestamp;
  std::optional<long long> clock_offset_seconds;
  bool reuse_nonce = false;
  std::vector<std::string> drop;   // V1 query parameters or V3 headers, after signing
  sign::Params set_after_signing;  // query parameters, after signing
};

struct Request {
  spec::SignatureScheme signature = spec::SignatureScheme::kV1;
  std::string method;
  std::optional<std::string> format;  // as sent; absent: not sent
  std::string placement;              // query, body, split
  sign::Params params;                // the operation parameters, decoded
  Departure departure;
};

struct Case {
  std::string id;
  std::string description;
  std::string file;  // the corpus file, for messages
  Request request;
  Expect expect = Expect::kSuccess;
  std::vector<spec::Answer> answers;  // kError
  std::string note;                   // kClientError and kOpen: why the code is not settled
  std::vector<Quote> sources;
  std::optional<Pending> pending;
};

/// One thing the endpoint holds while the corpus runs.
struct Holding {
  std::string resource;
  std::string id;
  std::string state;
  std::vector<std::string> fails;  // service rules it fails (a circuit with no pricing plan)
};

struct Corpus {
  std::string operation;  // path of the operation spec
  std::vector<Holding> endpoint;
  std::vector<Case> cases;
};

struct CorpusError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Reads every conform-oracle file in `dir` and the endpoint file they name, each validated
/// against its schema in `schema_dir` with conform's validator. Errors name file and pointer.
Corpus load_corpus(const std::string& dir, const std::string& schema_dir);

/// "seed: “…”; reference: “…”": the words that decide a case, for failure messages.
std::string quoted_sources(const Case& c);

std::string_view to_string(Expect expect);

}  // namespace conform::oracle
