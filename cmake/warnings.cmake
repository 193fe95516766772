# Warnings for every target of the project: libraries, nodes, tests, benchmarks.
# CI configures with FAULTLINE_WERROR=ON (scripts/test.sh), so a warning fails the build there.
option(FAULTLINE_WERROR "Treat compiler warnings as errors" OFF)
# Aggregates initialised with their leading members only (`Slot{p}`) are deliberate: the rest keep
# their default member initializers, so that warning says nothing useful here.
add_compile_options(-Wall -Wextra -Wno-missing-field-initializers)
if(FAULTLINE_WERROR)
  add_compile_options(-Werror)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # GCC 12 reports -Wstringop-overflow, -Wrestrict and -Warray-bounds inside std::string and
  # std::vector code inlined at -O2/-O3 where no overflow or overlap is possible (GCC bugs 105329,
  # 105651, 106199; fixed in 13). Silenced for GCC 12 only, so other compilers still check these.
  add_compile_options(-Wno-stringop-overflow -Wno-restrict -Wno-array-bounds)
endif()
