// The oracle corpus against the two sides that must agree with it: the embedded mock, over real
// HTTP with the signing client, and the rules engine's expectation for the same request. The
// corpus is written from the documents, so an agreement here is not one by construction.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/spec/loader.h"
#include "mock/embedded_mock.h"
#include "tests/oracle/corpus.h"
#include "tests/oracle/engine_expectation.h"
#include "tests/oracle/mock_answer.h"
#include "tests/support/shared_documents.h"
#include "tests/support/test_paths.h"

namespace conform::oracle {
namespace {

using conform::testing::source_path;

const std::string kCorpusDir = "specs/vpc/2016-04-28/oracle";

struct Loaded {
  Corpus corpus;
  std::string error;  // why the corpus did not load; the cases are then empty
};

const Loaded& loaded() {
  static const Loaded l = [] {
    Loaded out;
    try {
      out.corpus = load_corpus(source_path(kCorpusDir), source_path("specs/schema"));
    } catch (const std::exception& e) {
      out.error = e.what();
    }
    return out;
  }();
  return l;
}

std::shared_ptr<const spec::Operation> operation() {
  static const auto op = spec::load_operation(loaded().corpus.operation);
  return op;
}

std::vector<Case> cases_where(bool (*keep)(const Case&)) {
  std::vector<Case> out;
  for (const auto& c : loaded().corpus.cases) {
    if (keep(c))
      out.push_back(c);
  }
  return out;
}

std::string name_of(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.id;
  for (char& ch : name) {
    if (ch == '-')
      ch = '_';
  }
  return name;
}

std::string where(const Case& c) {
  return c.file + " case " + c.id + " (" + c.description + ")\n  decided by " + quoted_sources(c) +
         "\n  ";
}

}  // namespace

// gtest prints a failing parameter with this instead of its bytes.
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.id;
}

namespace {

const Keys kKeys{std::string(mock::kTestAccessKeyId), std::string(mock::kTestAccessKeySecret),
                 "oracle-sts-key", "oracle-sts-secret", "oracle-sts-token"};

// --- the corpus files themselves

TEST(oracle_corpus, files_follow_the_schema_and_cover_the_contract) {
  ASSERT_TRUE(loaded().error.empty()) << loaded().error;
  const auto& corpus = loaded().corpus;
  const auto op = operation();
  EXPECT_GE(corpus.cases.size(), 80u);

  std::set<std::string> params, codes, versions, formats, methods;
  for (const auto& c : corpus.cases) {
    for (const auto& p : c.request.params)
      params.insert(p.name);
    for (const auto& a : c.answers)
      codes.insert(a.code);
    versions.insert(std::string(spec::to_string(c.request.signature)));
    if (c.request.format)
      formats.insert(*c.request.format == "XML" || *c.request.format == "xml" ? "XML" : "JSON");
    methods.insert(c.request.method);
  }
  for (const auto& p : op->parameters)
    EXPECT_TRUE(params.count(p.name)) << "no case sends parameter " << p.name;
  // Every code a source lists for the operation (the seed, the metadata, the change notes).
  for (const auto& [key, source] : op->sources) {
    if (!source.lists)
      continue;
    for (const auto& code : source.lists->errors)
      EXPECT_TRUE(codes.count(code))
          << "no case accepts code " << code << " (listed by " << key << ")";
  }
  EXPECT_EQ(versions, (std::set<std::string>{"V1", "V3"}));
  EXPECT_EQ(formats, (std::set<std::string>{"JSON", "XML"}));
  EXPECT_EQ(methods, (std::set<std::string>{"GET", "POST"}));
  for (const auto& h : corpus.endpoint) {
    const auto* r = op->find_resource(h.resource);
    ASSERT_NE(r, nullptr) << "endpoint holds unknown resource " << h.resource;
    if (!h.state.empty()) {
      EXPECT_TRUE(std::any_of(r->states.begin(), r->states.end(),
                              [&](const auto& s) { return s.name == h.state; }))
          << h.id << ": " << h.state;
    }
  }
}

// The schema check can fail: a corpus file that breaks the format is refused with its pointer.
TEST(oracle_corpus, a_file_that_breaks_the_schema_is_refused) {
  conform::testing::ScratchDir dir("oracle-corpus");
  auto text = conform::testing::read_text(source_path(kCorpusDir + "/formats.json"));
  const auto at = text.find("\"signature\": \"V1\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 17, "\"signature\": \"V2\"");
  conform::testing::write_text(dir.path("formats.json"), text);
  std::filesystem::copy_file(source_path(kCorpusDir + "/endpoint.json"), dir.path("endpoint.json"));
  try {
    load_corpus(dir.path(), source_path("specs/schema"));
    FAIL() << "a case with signature V2 was accepted";
  } catch (const CorpusError& e) {
    EXPECT_NE(std::string(e.what()).find("formats.json:/cases/0/request/signature"),
              std::string::npos)
        << e.what();
  }
}

// Every quote is in its document, verbatim up to whitespace. The documents sit beside the
// project (../shared), not in it; without them there is nothing to compare with.
TEST(oracle_corpus, quotes_are_verbatim_in_their_documents) {
  const std::filesystem::path shared = conform::testing::shared_documents();
  if (!std::filesystem::is_directory(shared))
    GTEST_SKIP() << "the documents are not beside the project at " << shared;
  const auto collapse = conform::testing::collapse_whitespace;
  const std::map<std::string, std::string> texts{
      {"seed", collapse(conform::testing::read_text(
                   (shared / "seed/CreatePhysicalConnectionOccupancyOrder.txt").string()))},
      {"reference", collapse(conform::testing::read_text(
                        (shared / "reference/alibaba-rpc-protocol.md").string()))}};
  const auto metadata = nlohmann::json::parse(
      conform::testing::read_text((shared / "metadata/vpc-2016-04-28-api-docs.json").string()));
  for (const auto& c : loaded().corpus.cases) {
    for (const auto& s : c.sources) {
      if (s.document == "metadata") {
        const nlohmann::json::json_pointer pointer(s.pointer);
        ASSERT_TRUE(metadata.contains(pointer)) << c.id << ": " << s.pointer;
        const auto& value = metadata.at(pointer);
        const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
        EXPECT_NE(text.find(s.quote), std::string::npos) << c.id << ": " << s.pointer;
      } else {
        EXPECT_NE(texts.at(s.document).find(collapse(s.quote)), std::string::npos)
            << c.id << ": " << s.document << " does not say \"" << s.quote << "\"";
      }
    }
  }
}

// --- the mock's answers

// A fresh mock per case, holding exactly the endpoint file: cases share ids and client tokens, so
// one case's order must not change the next case's answer.
class OracleMock : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    mock::InitialResources fixtures;
    for (const auto& h : loaded().corpus.endpoint)
      fixtures.records.push_back({h.resource, h.id, h.state, h.fails});
    mock::KeyStore keys;
    keys.add({kKeys.id, kKeys.secret, std::nullopt});
    keys.add({kKeys.sts_id, kKeys.sts_secret, kKeys.sts_token});
    mock_ = std::make_unique<mock::EmbeddedMock>(operation(), fixtures, keys);
    mock_->start();
  }
  void TearDown() override {
    if (mock_)
      mock_->stop();
  }
  static client::TransportOptions no_retries() {
    client::TransportOptions o;
    o.retry.max_retries = 0;  // each answer the mock gives is judged
    return o;
  }
  std::unique_ptr<mock::EmbeddedMock> mock_;
  client::Transport transport_{no_retries()};
};

TEST_P(OracleMock, answers_within_the_case_set) {
  const auto& c = GetParam();
  if (c.pending && c.pending->mock)
    GTEST_SKIP() << "pending on the mock: " << c.pending->capability << ": " << c.pending->note;
  const auto answer = send_case(*operation(), c, mock_->url(), kKeys, transport_);
  if (auto why = outside_the_set(*operation(), c, answer))
    ADD_FAILURE() << where(c) << "the mock disagrees: " << *why;
}

// --- the engine's expectation

class OracleEngine : public ::testing::TestWithParam<Case> {};

TEST_P(OracleEngine, expects_the_case_set) {
  const auto& c = GetParam();
  const auto engine = engine_answer(*operation(), loaded().corpus, c);
  const auto why = disagreement(c, engine);
  if (c.pending) {
    // A pending case that now agrees must lose its mark, or the list stops being honest.
    if (!why) {
      ADD_FAILURE() << where(c) << "the engine now agrees (" << describe(engine)
                    << "): remove the case's pending mark (" << c.pending->capability << ")";
      return;
    }
    GTEST_SKIP() << "pending engine capability " << c.pending->capability << ": " << c.id << ": "
                 << *why;
  }
  if (why)
    ADD_FAILURE() << where(c) << "the engine disagrees: " << *why;
}

bool mock_settled(const Case& c) {
  return !c.pending || !c.pending->mock;
}
bool mock_pending(const Case& c) {
  return !mock_settled(c);
}
bool engine_settled(const Case& c) {
  return !c.pending;
}
bool engine_pending(const Case& c) {
  return c.pending.has_value();
}

INSTANTIATE_TEST_SUITE_P(oracle, OracleMock, ::testing::ValuesIn(cases_where(mock_settled)),
                         name_of);
INSTANTIATE_TEST_SUITE_P(oracle_pending, OracleMock, ::testing::ValuesIn(cases_where(mock_pending)),
                         name_of);
INSTANTIATE_TEST_SUITE_P(oracle, OracleEngine, ::testing::ValuesIn(cases_where(engine_settled)),
                         name_of);
INSTANTIATE_TEST_SUITE_P(oracle_pending, OracleEngine,
                         ::testing::ValuesIn(cases_where(engine_pending)), name_of);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(OracleMock);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(OracleEngine);

}  // namespace
}  // namespace conform::oracle
