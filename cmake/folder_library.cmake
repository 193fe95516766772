# A folder is one static library named fl_<folder>; its sources are every .cpp
# below it (except main/), so adding a file never means editing CMake.
function(faultline_folder_library folder)
  cmake_parse_arguments(ARG "" "" "LINKS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${folder}/*.cpp)
  list(FILTER sources EXCLUDE REGEX "/${folder}/main/")
  add_library(fl_${folder} STATIC ${sources})
  target_include_directories(fl_${folder} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(fl_${folder} PUBLIC ${ARG_LINKS})
  if(FAULTLINE_UNITY)
    set_target_properties(fl_${folder} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 16)
  endif()
  # Boost.JSON's headers dominate compile time; parse them once per build.
  if(folder STREQUAL "history")
    target_precompile_headers(fl_history PRIVATE <boost/json.hpp> <string> <vector> <map>
                              <memory> <optional> <functional> <algorithm>)
  else()
    target_precompile_headers(fl_${folder} REUSE_FROM fl_history)
  endif()
endfunction()
