#include "harness/scenario/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace faultline::harness {

namespace {

// Optimal string alignment distance: Levenshtein plus adjacent transpositions,
// the commonest typo ("ecoh" for "echo") costing 1 instead of 2.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

void Diagnostics::error(const SourceLoc& where, std::string_view what, std::string_view allowed) {
  std::string text = where.str() + ": " + std::string(what);
  if (!allowed.empty()) text += "; allowed: " + std::string(allowed);
  errors_.push_back({where, std::move(text)});
}

void Diagnostics::warning(const SourceLoc& where, std::string_view what) {
  warnings_.push_back({where, where.str() + ": warning: " + std::string(what)});
}

std::vector<std::string> Diagnostics::sorted(std::vector<Entry> entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) <
           std::tie(b.where.file, b.where.line, b.where.column);
  });
  std::vector<std::string> out;
  out.reserve(entries.size());
  for (auto& entry : entries) out.push_back(std::move(entry.text));
  return out;
}

std::vector<std::string> Diagnostics::errors() const { return sorted(errors_); }
std::vector<std::string> Diagnostics::warnings() const { return sorted(warnings_); }

std::string join(const std::vector<std::string>& words, std::string_view separator) {
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) out += separator;
    out += word;
  }
  return out;
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    // Plausible typos change about a third of the longer word at most:
    // "paws" -> "pause" (2 of 5) yes, "ring" -> "line" (2 of 4) no.
    const std::size_t longer = std::max(word.size(), candidate.size());
    if (d <= 3 && 3 * d <= longer + 1 && d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string match = closest_match(word, candidates);
  return match.empty() ? std::string() : " (did you mean '" + match + "'?)";
}

}  // namespace faultline::harness
