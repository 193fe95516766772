# FAULTLINE_FUZZ=ON (the `fuzz` preset, clang): every library is built with
# libFuzzer coverage, ASan and UBSan, and fuzz/ adds one target per input format.
option(FAULTLINE_FUZZ "Build the libFuzzer targets (clang only; instruments everything)" OFF)
if(FAULTLINE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "FAULTLINE_FUZZ needs clang (libFuzzer): use the fuzz preset")
  endif()
  # Coverage for libFuzzer in every library; ASan and UBSan so a bad access or
  # undefined behaviour is a finding, not luck.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
