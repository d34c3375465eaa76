#include "bench/rss.h"

#include <fstream>
#include <string>

namespace conform::bench {

long rss_kib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("VmRSS:")) {
      return std::stol(line.substr(6));
    }
  }
  return 0;
}

}  // namespace conform::bench
