# FAULTLINE_SANITIZE=ON (the `sanitize` preset, clang): every target, nodes and
# tests included, is built with ASan and UBSan, plus libFuzzer's coverage
# instrumentation so that the same build also serves the fuzz targets in fuzz/.
# One instrumented build instead of two keeps CI's sanitizer and fuzz passes
# within its time budget (scripts/sanitize.sh, scripts/fuzz.sh).
option(FAULTLINE_SANITIZE "Build everything with ASan+UBSan and the libFuzzer targets (clang only)" OFF)
if(FAULTLINE_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "FAULTLINE_SANITIZE needs clang (libFuzzer): use the sanitize preset")
  endif()
  # -O1: the sanitizers' own advice; faster to build than -O2 and still quick enough to run.
  # Line tables are all a sanitizer report needs (file:line in its stack); full
  # debug info of Boost-heavy code doubles compile and link time.
  set(CMAKE_CXX_FLAGS_SANITIZE "-O1 -gline-tables-only" CACHE STRING "Flags of the Sanitize build type")
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
