// The model table is the only list of models: make_model, the options, the
// error for an unknown name and the docs all agree with it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "checkers/linearizability/model.hpp"
#include "checkers/linearizability/options.hpp"

namespace lin = faultline::checkers::lin;

TEST_CASE("model table: every row makes its model, and unknown names list the table") {
  for (const auto& m : lin::model_table()) {
    INFO(m.name);
    REQUIRE(lin::make_model(m.name) != nullptr);
    CHECK(lin::find_model(m.name) == &m);
    lin::LinOptions o;
    o.model = std::string(m.name);
    CHECK(o.effective_keyed() == m.keyed);
  }
  try {
    lin::make_model("regsiter");
    FAIL("no error for an unknown model");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()) ==
          "unknown linearizability model 'regsiter' (known: " + lin::model_names_text(", ") + ")");
  }
  CHECK_THROWS_WITH(lin::parse_lin_options(boost::json::object{{"model", "nope"}}),
                    Catch::Contains(lin::model_names_text(", ")));
}

TEST_CASE("model table: docs/linearizability.md lists every model with its ops, and no other") {
  std::ifstream in(std::filesystem::path(FAULTLINE_SOURCE_DIR) / "docs" / "linearizability.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  REQUIRE(!doc.empty());
  CHECK(doc.find("# " + lin::model_names_text(" | ") + "\n") != std::string::npos);
  std::size_t rows = 0;
  for (std::size_t at = 0; (at = doc.find("\n| `", at)) != std::string::npos; ++at) ++rows;
  CHECK(rows == lin::model_table().size());
  for (const auto& m : lin::model_table()) {
    INFO(m.name);
    CHECK(doc.find("\n| `" + std::string(m.name) + "` | " + std::string(m.summary) + " |") !=
          std::string::npos);
  }
}
