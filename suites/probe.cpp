#include "suites/probe.h"

namespace conform::suite {

std::string describe_style(const Probe& p) {
  const char* where = p.placement == client::ParamsIn::kQuery  ? "query"
                      : p.placement == client::ParamsIn::kBody ? "form body"
                                                               : "query and form body";
  return std::string(p.scheme == client::SignatureVersion::kV1 ? "V1 " : "V3 ") + p.method + " " +
         where + " " + p.format +
         (p.tamper == Tamper::kNone ? "" : ", " + std::string(gen::to_string(p.tamper)));
}

}  // namespace conform::suite
