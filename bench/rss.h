#pragma once

namespace conform::bench {

/// VmRSS of this process in KiB, from /proc/self/status; 0 when unreadable.
long rss_kib();

}  // namespace conform::bench
