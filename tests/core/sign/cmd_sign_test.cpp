#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include "tests/core/sign/vectors.h"

// Runs the real `conform sign` binary: the CLI is a contract for people debugging signatures.
namespace conform::test {
namespace {

struct CliRun {
  int exit_code;
  std::string out;  // stdout and stderr together
};

CliRun run(const std::string& args, const std::string& stdin_text, const std::string& env = "") {
  const std::string in_path = testing::TempDir() + "sign_in_" + std::to_string(::getpid());
  std::ofstream(in_path) << stdin_text;
  FILE* p = ::popen(
      (env + " " + CONFORM_BINARY + " sign " + args + " < " + in_path + " 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) {
    out.append(buf, n);
  }
  const int status = ::pclose(p);
  std::remove(in_path.c_str());
  return {WEXITSTATUS(status), out};
}

TEST(cmd_sign, prints_every_vector_intermediate_byte_for_byte) {
  for (const auto& v : signature_vectors().at("vectors")) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    const CliRun r = run("--secret-from-input -", v.dump());
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const auto out = nlohmann::json::parse(r.out);
    int compared = 0;
    for (const auto& [key, value] : out.items()) {
      if (key != "signature_version") {
        EXPECT_EQ(value, v.at(key)) << key;
        ++compared;
      }
    }
    EXPECT_GE(compared, 3);
  }
}

TEST(cmd_sign, signs_the_sts_vector_like_the_sdk) {
  const auto& v = sts_vector();
  const CliRun r = run("--secret-from-input -", v.dump());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto out = nlohmann::json::parse(r.out);
  for (const auto* key : {"signed_headers", "hashed_request_payload", "signature", "authorization"})
    EXPECT_EQ(out.at(key), v.at(key)) << key;
}

TEST(cmd_sign, reads_the_secret_from_the_environment_by_default) {
  const auto& v = signature_vectors().at("vectors").at(0);
  const CliRun ok = run("-", v.at("inputs").dump(), "ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret");
  ASSERT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_EQ(nlohmann::json::parse(ok.out).at("signature"), v.at("signature"));
  const CliRun wrong = run("-", v.at("inputs").dump(), "ALIBABA_CLOUD_ACCESS_KEY_SECRET=other");
  EXPECT_NE(nlohmann::json::parse(wrong.out).at("signature"), v.at("signature"));
  const CliRun missing = run("-", v.at("inputs").dump(), "env -u ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.out.find("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), std::string::npos);
}

TEST(cmd_sign, bad_input_is_one_line_naming_what_and_where_with_exit_2) {
  auto inputs = signature_vectors().at("vectors").at(0).at("inputs");
  inputs.erase("http_method");
  const CliRun missing = run("--secret-from-input -", inputs.dump());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.out, "conform sign: <stdin>: missing field 'inputs.http_method'\n");

  inputs = signature_vectors().at("vectors").at(5).at("inputs");
  inputs["operation_params"]["Period"] = 1;
  const CliRun typed = run("--secret-from-input -", inputs.dump());
  EXPECT_EQ(typed.exit_code, 2);
  EXPECT_NE(typed.out.find("inputs.operation_params.Period"), std::string::npos) << typed.out;

  const CliRun bad_json = run("--secret-from-input -", "{\"timestamp\": ");
  EXPECT_EQ(bad_json.exit_code, 2);
  EXPECT_NE(bad_json.out.find("invalid JSON at byte"), std::string::npos);

  const CliRun huge = run("--secret-from-input -", "{\"timestamp\": 1e400}");
  EXPECT_EQ(huge.exit_code, 2);
  EXPECT_EQ(huge.out, "conform sign: <stdin>: invalid JSON: a number is too large for a double\n");

  const CliRun no_file = run("--secret-from-input /nonexistent/x.json", "");
  EXPECT_EQ(no_file.exit_code, 2);
  EXPECT_NE(no_file.out.find("/nonexistent/x.json"), std::string::npos);
}

}  // namespace
}  // namespace conform::test
