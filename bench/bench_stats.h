// Small helpers shared by the C++ micro-benchmarks: a monotonic clock in microseconds, order statistics
// over samples, and the one machine-readable line bench/run.mjs reads ("BENCH_JSON {...}").
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace pasar_bench {

inline double NowUs() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::micro>(Clock::now().time_since_epoch()).count();
}

struct Summary {
  size_t samples = 0;
  double median_us = 0.0;
  double p95_us = 0.0;
  double p99_us = 0.0;
  double max_us = 0.0;
};

// Nearest-rank percentiles (no interpolation), so every reported figure is one real sample.
inline Summary Summarize(std::vector<double> values) {
  Summary s;
  s.samples = values.size();
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  auto rank = [&](double p) {
    size_t i = static_cast<size_t>(p * static_cast<double>(values.size()));
    return values[std::min(i, values.size() - 1)];
  };
  s.median_us = rank(0.50);
  s.p95_us = rank(0.95);
  s.p99_us = rank(0.99);
  s.max_us = values.back();
  return s;
}

inline std::string SummaryJson(const Summary& s) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "{\"samples\":%zu,\"median_us\":%.3f,\"p95_us\":%.3f,\"p99_us\":%.3f,\"max_us\":%.3f}",
                s.samples, s.median_us, s.p95_us, s.p99_us, s.max_us);
  return buf;
}

}  // namespace pasar_bench
