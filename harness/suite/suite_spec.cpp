#include "harness/suite/suite_spec.hpp"

#include <glob.h>
#include <yaml-cpp/yaml.h>
#include <algorithm>
#include <filesystem>
#include <set>

namespace faultline::harness::suite {

namespace fs = std::filesystem;

namespace {

const char* const kKeys[] = {"name", "scenarios", "exclude", "repeats", "seeds",
                             "jobs", "timeout",   "store",   "unknown"};

std::string where(const std::string& file, const YAML::Mark& mark) {
  // yaml-cpp marks are 0-based; editors count from 1.
  return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

[[noreturn]] void fail(const std::string& file, const YAML::Node& node, const std::string& what) {
  throw SuiteError(where(file, node.Mark()) + ": " + what);
}

std::string scalar(const std::string& file, const YAML::Node& node, const char* key) {
  if (!node.IsScalar()) fail(file, node, std::string("'") + key + "' must be a single value");
  return node.Scalar();
}

int positive_int(const std::string& file, const YAML::Node& node, const char* key, int max) {
  const std::string text = scalar(file, node, key);
  try {
    std::size_t used = 0;
    const long v = std::stol(text, &used);
    if (used == text.size() && v >= 1 && v <= max) return static_cast<int>(v);
  } catch (const std::exception&) {
  }
  fail(file, node,
       std::string("'") + key + "' must be a whole number from 1 to " + std::to_string(max) + ", not '" +
           text + "'");
}

std::vector<std::string> string_list(const std::string& file, const YAML::Node& node, const char* key) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (const auto& item : node) out.push_back(scalar(file, item, key));
  } else {
    fail(file, node, std::string("'") + key + "' must be a path or glob, or a list of them");
  }
  return out;
}

// One `scenarios` entry: a path or glob, or {path: P, expect: V}.
struct Entry {
  std::string pattern;
  std::string expect;  // empty: each scenario's own
};

Entry read_entry(const std::string& file, const YAML::Node& item) {
  if (!item.IsMap()) return {scalar(file, item, "scenarios"), {}};
  Entry e;
  for (const auto& kv : item) {
    const std::string key = kv.first.Scalar();
    if (key != "path" && key != "expect")
      fail(file, kv.first, "unknown key '" + key + "' in a scenarios entry (allowed: path, expect)");
  }
  if (!item["path"]) fail(file, item, "a scenarios entry written as a map needs 'path' (a file or glob)");
  e.pattern = scalar(file, item["path"], "path");
  if (const YAML::Node x = item["expect"]) {
    e.expect = scalar(file, x, "expect");
    if (e.expect != "valid" && e.expect != "invalid" && e.expect != "unknown")
      fail(file, x, "'expect' must be valid, invalid or unknown, not '" + e.expect + "'");
  }
  return e;
}

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec1, ec2;
  const auto ca = fs::weakly_canonical(a, ec1), cb = fs::weakly_canonical(b, ec2);
  return !ec1 && !ec2 && ca == cb;
}

}  // namespace

double parse_duration_s(const std::string& text) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    throw std::invalid_argument("'" + text + "' is not a duration (e.g. 90s, 10m, 1h, 500ms)");
  }
  const std::string unit = text.substr(used);
  double scale = 0;
  if (unit.empty() || unit == "s")
    scale = 1;
  else if (unit == "ms")
    scale = 1e-3;
  else if (unit == "m" || unit == "min")
    scale = 60;
  else if (unit == "h")
    scale = 3600;
  if (scale == 0 || !(v > 0))
    throw std::invalid_argument("'" + text + "' is not a positive duration (e.g. 90s, 10m, 1h, 500ms)");
  return v * scale;
}

std::vector<std::string> expand_pattern(const std::string& base, const std::string& pattern) {
  const fs::path full =
      fs::path(pattern).is_absolute() || base.empty() ? fs::path(pattern) : fs::path(base) / pattern;
  const std::string p = full.lexically_normal().string();
  std::vector<std::string> out;
  glob_t g{};
  if (::glob(p.c_str(), GLOB_ERR, nullptr, &g) == 0)
    for (std::size_t i = 0; i < g.gl_pathc; ++i)
      if (fs::is_regular_file(g.gl_pathv[i])) out.emplace_back(g.gl_pathv[i]);
  ::globfree(&g);
  std::sort(out.begin(), out.end());
  return out;
}

bool looks_like_suite_file(const std::string& path) {
  try {
    const YAML::Node root = YAML::LoadFile(path);
    return root.IsMap() && root["scenarios"];
  } catch (const std::exception&) {
    return false;
  }
}

SuiteSpec load_suite_file(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw SuiteError(path + ": cannot read the suite file (does it exist?)");
  } catch (const YAML::Exception& e) {
    throw SuiteError(where(path, e.mark) + ": " + e.msg);
  }
  if (!root.IsMap())
    throw SuiteError(where(path, root.Mark()) + ": a suite is a mapping with at least 'scenarios'");
  SuiteSpec spec;
  spec.path = path;
  spec.name = fs::path(path).stem().string();
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys)) {
      std::string allowed;
      for (const char* k : kKeys) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
      fail(path, kv.first, "unknown key '" + key + "' (allowed: " + allowed + ")");
    }
  }
  if (!root["scenarios"]) fail(path, root, "missing 'scenarios': list the scenario files or globs to run");
  if (root["name"]) spec.name = scalar(path, root["name"], "name");
  if (root["repeats"]) spec.repeats = positive_int(path, root["repeats"], "repeats", 100000);
  if (root["jobs"]) spec.jobs = positive_int(path, root["jobs"], "jobs", 1024);
  if (root["timeout"]) {
    try {
      spec.timeout_s = parse_duration_s(scalar(path, root["timeout"], "timeout"));
    } catch (const std::invalid_argument& e) {
      fail(path, root["timeout"], std::string("'timeout': ") + e.what());
    }
  }
  if (root["store"]) spec.store = scalar(path, root["store"], "store");
  if (const YAML::Node u = root["unknown"]) {
    const std::string v = scalar(path, u, "unknown");
    if (v == "skipped")
      spec.unknown = UnknownAs::Skipped;
    else if (v == "error")
      spec.unknown = UnknownAs::Error;
    else
      fail(path, u, "'unknown' must be 'skipped' or 'error', not '" + v + "'");
  }
  if (const YAML::Node s = root["seeds"]) {
    if (s.IsScalar() && s.Scalar() == "random") {
      spec.seeds.clear();
    } else if (s.IsSequence() && s.size() > 0) {
      for (const auto& item : s) {
        const std::string text = scalar(path, item, "seeds");
        try {
          std::size_t used = 0;
          const unsigned long long v = std::stoull(text, &used);
          if (used != text.size() || text[0] == '-') throw std::invalid_argument(text);
          spec.seeds.push_back(v);
        } catch (const std::exception&) {
          fail(path, item, "seed '" + text + "' is not a non-negative whole number");
        }
      }
    } else {
      fail(path, s, "'seeds' must be 'random' or a non-empty list of whole numbers");
    }
  }

  const std::string base = fs::path(path).parent_path().string();
  std::vector<std::string> excluded;
  if (root["exclude"])
    for (const auto& pattern : string_list(path, root["exclude"], "exclude"))
      for (auto& f : expand_pattern(base, pattern)) excluded.push_back(std::move(f));
  std::set<std::string> seen;
  const YAML::Node list = root["scenarios"];
  std::vector<YAML::Node> items;
  if (list.IsSequence())
    for (const auto& item : list) items.push_back(item);
  else
    items.push_back(list);
  if (items.empty()) fail(path, list, "'scenarios' is empty: list the scenario files or globs to run");
  for (const auto& item : items) {
    const Entry entry = read_entry(path, item);
    const std::string& pattern = entry.pattern;
    const auto files = expand_pattern(base, pattern);
    if (files.empty())
      fail(path, item,
           "'" + pattern + "' matches no file (paths and globs are relative to the suite file, here " +
               (base.empty() ? std::string(".") : base) + "/)");
    for (const auto& f : files) {
      if (same_file(f, path)) continue;
      if (std::any_of(excluded.begin(), excluded.end(),
                      [&](const std::string& x) { return same_file(x, f); }))
        continue;
      if (seen.insert(f).second) spec.scenarios.push_back(f);
      // A file matched by several entries runs once; the last entry that says what it expects wins.
      if (!entry.expect.empty()) spec.expect[f] = entry.expect;
    }
  }
  if (spec.scenarios.empty())
    fail(path, list, "no scenarios left to run after leaving out the suite file and 'exclude'");
  return spec;
}

SuiteSpec suite_from_scenarios(const std::vector<std::string>& files_or_globs) {
  SuiteSpec spec;
  spec.name = "scenarios";
  std::set<std::string> seen;
  for (const auto& pattern : files_or_globs) {
    const auto files = expand_pattern("", pattern);
    if (files.empty()) throw SuiteError(pattern + ": no such scenario file (or the glob matches nothing)");
    for (const auto& f : files)
      if (seen.insert(f).second) spec.scenarios.push_back(f);
  }
  if (spec.scenarios.empty())
    throw SuiteError("no scenarios given: faultline suite SUITE.yaml | SCENARIO.yaml...");
  return spec;
}

}  // namespace faultline::harness::suite
