# The package test (ctest: package_test): installs the build tree into a prefix under
# WORK_DIR, then builds bindings/examples against it three ways (CMake with the shared
# library, CMake with the static one, pkg-config) and runs each on a seed file.
# Variables: BUILD_DIR, WORK_DIR, PROJECT_DIR (this directory), EXAMPLES_DIR, SEED, GENERATOR,
#            C_COMPILER, CXX_COMPILER, PKG_CONFIG.
cmake_minimum_required(VERSION 3.25)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " command "${ARGN}")
    message(FATAL_ERROR "failed (${rc}): ${command}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

# Runs an example program on the seed and checks it found the item of case 22/6043.
function(check_example label program)
  set(index ${WORK_DIR}/index-${label})
  file(REMOVE_RECURSE ${index})
  run(${program} ${index} "sag:22/6043" ${SEED})
  if(NOT last_output MATCHES "2024-04-24  Status på udviklingsprocessen på Socialområdet pr. april 2024  \\[22/6043\\]"
     OR NOT last_output MATCHES "udvalg:VPU 1\n1 decision\\(s\\)")
    message(FATAL_ERROR "${label}: unexpected output:\n${last_output}")
  endif()
  message(STATUS "${label}: ok")
endfunction()

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

# libsearch.so exports the public API (SEARCH_EXPORT) and nothing of the internal
# namespaces (search::util::, search::index::, ...).
find_program(NM nm)
if(NM)
  file(GLOB shared_libs ${prefix}/*/libsearch.so.0)
  run(${NM} -D -C --defined-only ${shared_libs})
  if(NOT last_output MATCHES " sx_search\n" OR NOT last_output MATCHES "search::Searcher::search")
    message(FATAL_ERROR "libsearch.so does not export the public API")
  endif()
  string(REGEX MATCH "[^\n]* search::[a-z_]+::[^\n]*" internal "${last_output}")
  if(internal)
    message(FATAL_ERROR "libsearch.so exports an internal symbol: ${internal}")
  endif()
endif()

foreach(variant shared static)
  set(build ${WORK_DIR}/cmake-${variant})
  set(static OFF)
  if(variant STREQUAL "static")
    set(static ON)
  endif()
  run(${CMAKE_COMMAND} -S ${PROJECT_DIR} -B ${build} -G ${GENERATOR}
      -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
      -DCMAKE_PREFIX_PATH=${prefix} -DEXAMPLES_DIR=${EXAMPLES_DIR} -DUSE_STATIC=${static})
  run(${CMAKE_COMMAND} --build ${build})
  check_example(cmake-${variant}-cpp ${build}/example)
  check_example(cmake-${variant}-c ${build}/example_c)
endforeach()

# pkg-config, as a Makefile would use it.
file(GLOB_RECURSE pc_files ${prefix}/*/libsearch.pc)
list(GET pc_files 0 pc_file)
get_filename_component(pc_dir ${pc_file} DIRECTORY)
set(ENV{PKG_CONFIG_PATH} ${pc_dir})
run(${PKG_CONFIG} --cflags libsearch)
string(STRIP "${last_output}" cflags)
separate_arguments(cflags UNIX_COMMAND "${cflags}")
run(${PKG_CONFIG} --libs libsearch)
string(STRIP "${last_output}" libs)
separate_arguments(libs UNIX_COMMAND "${libs}")
run(${PKG_CONFIG} --variable=libdir libsearch)
string(STRIP "${last_output}" libdir)
run(${PKG_CONFIG} --static --libs libsearch)  # Libs.private and Requires.private resolve
file(MAKE_DIRECTORY ${WORK_DIR}/pkg-config)
run(${CXX_COMPILER} -std=c++20 -Wall -Wextra -Werror ${cflags} ${EXAMPLES_DIR}/example.cpp -o
    ${WORK_DIR}/pkg-config/example ${libs} -Wl,-rpath,${libdir})
check_example(pkg-config-cpp ${WORK_DIR}/pkg-config/example)
run(${C_COMPILER} -std=c11 -Wall -Wextra -Werror ${cflags} ${EXAMPLES_DIR}/example.c -o
    ${WORK_DIR}/pkg-config/example_c ${libs} -Wl,-rpath,${libdir})
check_example(pkg-config-c ${WORK_DIR}/pkg-config/example_c)
