// Target files and targets built from flags: what a file may say, what it may never hold, and
// errors that name the file and the JSON pointer of the member at fault. Expected values are typed
// from the target-file format (README.md, suites/target.h), not taken from the reader.
#include "suites/target.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "core/spec/loader.h"
#include "tests/support/seed_operation.h"
#include "tests/support/test_paths.h"

namespace conform::suite {
namespace {

const spec::Operation& op() {
  return conform::testing::seed_operation();
}

// "resource id state" plus " other" when the state is some other one, for whole-list comparisons.
std::vector<std::string> listed(const Target& t) {
  std::vector<std::string> out;
  for (const auto& r : t.resources)
    out.push_back(r.resource + " " + r.id + " " + r.state + (r.other_state ? " other" : ""));
  return out;
}

class TargetFile : public ::testing::Test {
 protected:
  Target load(const std::string& text) {
    conform::testing::write_text(path_, text);
    return load_target(path_, op());
  }
  // The message of the TargetError the file raises; a failure when it loads.
  std::string error_of(const std::string& text) {
    conform::testing::write_text(path_, text);
    try {
      load_target(path_, op());
    } catch (const TargetError& e) {
      return e.what();
    }
    ADD_FAILURE() << "loaded without error: " << text;
    return "";
  }
  // The message must begin with the file and the pointer, then say what is wrong.
  void expect_error(const std::string& text, const std::string& pointer_and_message) {
    const auto message = error_of(text);
    EXPECT_EQ(message.rfind(path_ + ":" + pointer_and_message, 0), 0u)
        << "got:      " << message << "\nexpected: " << path_ << ":" << pointer_and_message;
  }

  conform::testing::ScratchDir dir_{"target-file"};
  std::string path_ = dir_.path("staging.json");
};

TEST_F(TargetFile, every_member_is_read) {
  for (const char* v : {"CONFORM_T_ID", "CONFORM_T_SECRET", "CONFORM_T_TOKEN"})
    ::unsetenv(v);
  const auto t = load(R"({
    "name": "staging",
    "comment": "one circuit per state the checks need",
    "endpoint": "https://vpc.example.test",
    "region": "cn-shanghai",
    "control_url": "http://127.0.0.1:8080/__conform",
    "resources": {"circuit": [{"id": "pc-complete", "state": "Complete"},
                              {"id": "pc-failed", "state": "Allocation Failed"},
                              {"id": "pc-unknown", "state": "other"},
                              {"id": "pc-unsaid"}]},
    "credentials": {"access_key_id_env": "CONFORM_T_ID", "access_key_secret_env": "CONFORM_T_SECRET",
                    "security_token_env": "CONFORM_T_TOKEN"},
    "rate_limit": 2.5,
    "cases": {"valid": 7, "invalid": 9},
    "allow_billable": true,
    "max_orders": 3,
    "timeout_ms": 1500,
    "tls": {"ca_file": "/etc/conform/ca.pem", "dangerously_skip_verification": true},
    "divergences": [{"check": "errors.*", "reason": "answers 403 first"},
                    {"check": "shape.request_id_header", "reason": "no header"}]
  })");
  EXPECT_EQ(t.name, "staging");
  EXPECT_EQ(t.file, path_);
  EXPECT_EQ(t.endpoint, "https://vpc.example.test");
  EXPECT_FALSE(t.embedded);
  EXPECT_FALSE(t.is_embedded_mock());
  EXPECT_EQ(t.region, "cn-shanghai");
  EXPECT_EQ(t.control_url, "http://127.0.0.1:8080/__conform");
  // Aliases become the spec's name; "other" keeps no state; the region joins the resources.
  EXPECT_EQ(listed(t),
            (std::vector<std::string>{
                "circuit pc-complete Complete", "circuit pc-failed AllocationFailed",
                "circuit pc-unknown  other", "circuit pc-unsaid ", "region cn-shanghai "}));
  EXPECT_EQ(t.credential_env.access_key_id, "CONFORM_T_ID");
  EXPECT_EQ(t.credential_env.access_key_secret, "CONFORM_T_SECRET");
  EXPECT_EQ(t.credential_env.security_token, "CONFORM_T_TOKEN");
  EXPECT_DOUBLE_EQ(t.requests_per_second, 2.5);
  EXPECT_EQ(t.valid_cases, 7);
  EXPECT_EQ(t.invalid_cases, 9);
  EXPECT_TRUE(t.allow_billable);
  EXPECT_EQ(t.max_orders, std::optional<int>(3));
  EXPECT_EQ(t.timeout, std::chrono::milliseconds(1500));
  EXPECT_EQ(t.ca_file, "/etc/conform/ca.pem");
  EXPECT_TRUE(t.insecure_tls);
  ASSERT_EQ(t.divergences.size(), 2u);
  EXPECT_EQ(t.divergences[0].check, "errors.*");
  EXPECT_EQ(t.divergences[0].reason, "answers 403 first");
  EXPECT_EQ(t.divergences[1].check, "shape.request_id_header");
  EXPECT_EQ(t.divergences[1].reason, "no header");
}

TEST_F(TargetFile, an_empty_object_is_the_embedded_mock_with_the_defaults) {
  const auto t = load("{}");
  EXPECT_EQ(t.name, path_);  // a file without a name is named by its path
  EXPECT_EQ(t.endpoint, "");
  EXPECT_TRUE(t.is_embedded_mock());
  EXPECT_TRUE(t.is_local());
  EXPECT_EQ(t.control_url, "");
  EXPECT_TRUE(t.resources.empty());
  EXPECT_EQ(t.credential_env.access_key_id, "ALIBABA_CLOUD_ACCESS_KEY_ID");
  EXPECT_EQ(t.credential_env.access_key_secret, "ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  EXPECT_EQ(t.credential_env.security_token, "ALIBABA_CLOUD_SECURITY_TOKEN");
  EXPECT_DOUBLE_EQ(t.requests_per_second, 0);
  EXPECT_EQ(t.valid_cases, 100);
  EXPECT_EQ(t.invalid_cases, 200);
  EXPECT_FALSE(t.allow_billable);
  EXPECT_EQ(t.max_orders, std::nullopt);
  EXPECT_EQ(t.timeout, std::chrono::milliseconds(30000));
  EXPECT_EQ(t.ca_file, "");
  EXPECT_FALSE(t.insecure_tls);
  EXPECT_TRUE(t.divergences.empty());
}

TEST_F(TargetFile, remote_endpoints_without_a_rate_limit_get_the_quota) {
  // The spec's quota is 300 requests per 60 s.
  EXPECT_DOUBLE_EQ(load(R"({"endpoint": "https://vpc.example.test"})").requests_per_second, 5.0);
  EXPECT_DOUBLE_EQ(
      load(R"({"endpoint": "https://vpc.example.test", "rate_limit": 0})").requests_per_second,
      5.0);
  EXPECT_DOUBLE_EQ(load(R"({"endpoint": "http://127.0.0.1:9"})").requests_per_second, 0);
  EXPECT_DOUBLE_EQ(
      load(R"({"endpoint": "http://localhost:9", "rate_limit": 1})").requests_per_second, 1);
}

TEST_F(TargetFile, the_region_is_listed_once) {
  const auto t = load(R"({"endpoint": "https://x.test", "region": "cn-beijing",
               "resources": {"region": [{"id": "cn-beijing"}], "circuit": [{"id": "pc-1"}]}})");
  EXPECT_EQ(listed(t), (std::vector<std::string>{"circuit pc-1 ", "region cn-beijing "}));
}

TEST_F(TargetFile, secrets_under_secret_names_are_refused_where_they_are) {
  expect_error(R"({"credentials": {"access_key_secret": "abc"}})",
               "/credentials/access_key_secret: a target file never holds secrets; name an "
               "environment variable with \"access_key_secret_env\"");
  expect_error(R"({"password": "hunter2"})", "/password: a target file never holds secrets");
  expect_error(R"({"divergences": [{"check": "x", "reason": "y", "API_Token": "t"}]})",
               "/divergences/0/API_Token: a target file never holds secrets");
  expect_error(R"({"comment": {"a/secret": "s"}})",
               "/comment/a~1secret: a target file never holds secrets");
  // Naming the variable is how a file says where the secret is.
  EXPECT_NO_THROW(load(R"({"credentials": {"access_key_secret_env": "CONFORM_T_UNSET"}})"));
}

TEST_F(TargetFile, a_value_shaped_like_an_access_key_secret_is_refused_without_echoing_it) {
  const std::string secret = "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1";  // 30 letters and digits, mixed
  const auto message = error_of(R"({"resources": {"circuit": [{"id": "pc-1", "state": "Complete"},
                                  {"id": ")" +
                                secret + R"("}]}})");
  EXPECT_EQ(
      message.rfind(path_ + ":/resources/circuit/1/id: a target file never holds secrets; this "
                            "value looks like an AccessKey secret",
                    0),
      0u)
      << message;
  EXPECT_EQ(message.find(secret), std::string::npos) << message;
  // One character short, or no capital letter: not that shape.
  EXPECT_NO_THROW(load(R"({"comment": "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE"})"));
  EXPECT_NO_THROW(load(R"({"comment": "ab3de5gh7jk9mn1pq3st5vx7za9ce1"})"));
}

TEST_F(TargetFile, a_value_holding_the_environments_secret_or_token_is_refused) {
  ::setenv("CONFORM_T_SECRET", "Sec-ret!value", 1);
  ::setenv("CONFORM_T_TOKEN", "sts-token-value", 1);
  const std::string credentials =
      R"("credentials": {"access_key_secret_env": "CONFORM_T_SECRET",
                         "security_token_env": "CONFORM_T_TOKEN"})";
  auto message = error_of("{" + credentials + R"(, "comment": "pasted Sec-ret!value by mistake"})");
  EXPECT_EQ(message.rfind(path_ + ":/comment: a target file never holds secrets; this value "
                                  "contains $CONFORM_T_SECRET",
                          0),
            0u)
      << message;
  EXPECT_EQ(message.find("Sec-ret!value"), std::string::npos) << message;
  message = error_of("{" + credentials + R"(, "divergences": [{"check": "a", "reason": "b"},
                                             {"check": "sts-token-value", "reason": "c"}]})");
  EXPECT_EQ(message.rfind(path_ + ":/divergences/1/check: a target file never holds secrets; this "
                                  "value contains $CONFORM_T_TOKEN",
                          0),
            0u)
      << message;
  ::unsetenv("CONFORM_T_SECRET");
  ::unsetenv("CONFORM_T_TOKEN");
  EXPECT_NO_THROW(load("{" + credentials + R"(, "comment": "pasted Sec-ret!value by mistake"})"));
}

TEST_F(TargetFile, unreadable_and_malformed_files_name_the_file) {
  conform::testing::write_text(path_, R"({"endpoint": "https://x.test",})");
  try {
    load_target(path_, op());
    FAIL();
  } catch (const TargetError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path_ + ":line 1, column ", 0), 0u) << e.what();
  }
  expect_error(R"({"name": "a", "name": "b"})", " key \"name\" appears twice in one object");
  try {
    load_target(dir_.path("absent.json"), op());
    FAIL();
  } catch (const TargetError& e) {
    EXPECT_EQ(std::string(e.what()), dir_.path("absent.json") + ": no such file");
  }
  expect_error("[]", "/: a target file is a JSON object");
  expect_error(R"({"endpiont": "https://x.test"})", "/endpiont: unknown member \"endpiont\"");
}

TEST_F(TargetFile, members_of_the_wrong_type_are_named_by_their_full_pointer) {
  expect_error(R"({"timeout_ms": "fast"})", "/timeout_ms: has the wrong type (string)");
  expect_error(R"({"allow_billable": "yes"})", "/allow_billable: has the wrong type (string)");
  expect_error(R"({"cases": {"valid": "many"}})", "/cases/valid: has the wrong type (string)");
  expect_error(R"({"credentials": {"access_key_id_env": 1}})",
               "/credentials/access_key_id_env: has the wrong type (number)");
  expect_error(R"({"tls": {"dangerously_skip_verification": "yes"}})",
               "/tls/dangerously_skip_verification: has the wrong type (string)");
  expect_error(R"({"tls": {"ca_file": false}})", "/tls/ca_file: has the wrong type (boolean)");
  // A section that is not an object is not read as an empty one.
  expect_error(R"({"tls": true})", "/tls: expected an object");
  expect_error(R"({"cases": 5})", "/cases: expected an object");
  expect_error(R"({"credentials": "CONFORM_T_ID"})", "/credentials: expected an object");
}

TEST_F(TargetFile, out_of_range_settings_name_their_member) {
  expect_error(R"({"endpoint": "vpc.example.test"})",
               "/endpoint: endpoint \"vpc.example.test\" must start with http:// or https://");
  expect_error(R"({"control_url": "ftp://127.0.0.1/__conform"})",
               "/control_url: control_url \"ftp://127.0.0.1/__conform\" must start with http:// "
               "or https://");
  expect_error(R"({"timeout_ms": 0})", "/timeout_ms: timeout_ms must be at least 1");
  expect_error(R"({"rate_limit": -1})", "/rate_limit: rate_limit must not be negative");
  expect_error(R"({"cases": {"invalid": 0}})", "/cases: case counts must be at least 1");
  expect_error(R"({"max_orders": -2})", "/max_orders: max_orders must not be negative");
  EXPECT_EQ(load(R"({"max_orders": 0})").max_orders, std::optional<int>(0));
  EXPECT_EQ(load(R"({"timeout_ms": 1})").timeout, std::chrono::milliseconds(1));
}

TEST_F(TargetFile, resources_are_checked_against_the_spec) {
  expect_error(R"({"resources": [{"id": "pc-1"}]})",
               "/resources: expected an object of resource lists");
  expect_error(R"({"resources": {"circut": [{"id": "pc-1"}]}})",
               "/resources/circut: unknown resource \"circut\"");
  expect_error(R"({"resources": {"circuit": {"id": "pc-1"}}})",
               "/resources/circuit: expected an array of records");
  expect_error(R"({"resources": {"circuit": [{"id": "pc-1"}, {"state": "Enabled"}]}})",
               "/resources/circuit/1: expected {\"id\": \"...\", \"state\": \"...\"} with a "
               "non-empty id");
  expect_error(R"({"resources": {"circuit": [{"id": "pc-1", "state": "Done"}]}})",
               "/resources/circuit/0: circuit has no state \"Done\" (states: Initial, ");
  expect_error(R"({"resources": {"circuit": [{"id": "pc-1", "state": 3}]}})",
               "/resources/circuit/0: \"state\" must be a string");
  expect_error(R"({"resources": {"region": [{"id": "cn-hangzhou", "state": "Up"}]}})",
               "/resources/region/0: region has no lifecycle, so \"Up\" is not a state");
}

TEST_F(TargetFile, divergences_need_a_check_and_a_reason) {
  expect_error(R"({"divergences": {"check": "x", "reason": "y"}})",
               "/divergences: expected an array");
  const std::string needs = "a divergence needs a \"check\" and a non-empty \"reason\"";
  expect_error(R"({"divergences": [{"check": "x"}]})", "/divergences/0: " + needs);
  expect_error(R"({"divergences": [{"check": "x", "reason": "y"}, {"check": "x", "reason": ""}]})",
               "/divergences/1: " + needs);
  expect_error(R"({"divergences": [{"reason": "y"}]})", "/divergences/0: " + needs);
  expect_error(R"({"divergences": [{"check": 7, "reason": "y"}]})", "/divergences/0: " + needs);
  expect_error(R"({"divergences": ["errors.*"]})", "/divergences/0: " + needs);
}

TEST(TargetIsLocal, only_loopback_addresses_and_the_embedded_mock_are_local) {
  const auto local = [](const std::string& endpoint) {
    Target t;
    t.endpoint = endpoint;
    return t.is_local();
  };
  EXPECT_TRUE(local(""));
  EXPECT_TRUE(local("http://127.0.0.1:8080"));
  EXPECT_TRUE(local("http://127.1.2.3/path"));
  EXPECT_TRUE(local("https://localhost"));
  EXPECT_TRUE(local("http://localhost:9/x"));
  EXPECT_TRUE(local("http://[::1]:8080"));
  EXPECT_FALSE(local("https://vpc.aliyuncs.com"));
  EXPECT_FALSE(local("http://10.0.0.1:8080"));
  EXPECT_FALSE(local("http://[::2]:8080"));
  EXPECT_FALSE(local("https://localhost.example.com"));
  // Host names that merely begin like a loopback address may resolve anywhere.
  EXPECT_FALSE(local("https://127.example.com"));
  EXPECT_FALSE(local("https://127.0.0.1.example.com:443"));
  Target started;
  started.endpoint = "http://198.51.100.7:8080";
  started.embedded = true;  // the run started the mock, wherever it listens
  EXPECT_TRUE(started.is_embedded_mock());
  EXPECT_TRUE(started.is_local());
}

TEST(ValidateTarget, flag_targets_get_plain_messages_and_the_quota) {
  const auto message_of = [](Target t) {
    try {
      validate_target(t, op());
    } catch (const TargetError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  Target t;
  t.endpoint = "https://vpc.example.test";
  t.resources = {{"circuit", "pc-1", "Done", false, {}}};
  EXPECT_EQ(message_of(t), "circuit pc-1: the spec has no state \"Done\"");
  t.resources = {{"circuits", "pc-1", "", false, {}}};
  EXPECT_EQ(message_of(t), "the spec has no resource \"circuits\"");
  t.resources = {{"circuit", "pc-1", "Allocation Failed", false, {}}};  // an alias is a known state
  EXPECT_EQ(message_of(t), "no error");
  t.endpoint = "vpc.example.test";
  EXPECT_EQ(message_of(t), "endpoint \"vpc.example.test\" must start with http:// or https://");

  Target remote;
  remote.endpoint = "https://vpc.example.test";
  remote.region = "cn-hangzhou";
  validate_target(remote, op());
  EXPECT_DOUBLE_EQ(remote.requests_per_second, 5.0);
  EXPECT_EQ(listed(remote), (std::vector<std::string>{"region cn-hangzhou "}));
  validate_target(remote, op());  // again: the region is not listed twice
  EXPECT_EQ(listed(remote), (std::vector<std::string>{"region cn-hangzhou "}));
  remote.requests_per_second = 0.5;
  validate_target(remote, op());
  EXPECT_DOUBLE_EQ(remote.requests_per_second, 0.5);  // a chosen limit stays
}

}  // namespace
}  // namespace conform::suite
