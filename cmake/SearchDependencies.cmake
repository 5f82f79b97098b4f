# Every dependency comes from a Debian package; scripts/setup-deps installs them.
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)

find_package(zstd CONFIG QUIET)
if(TARGET zstd::libzstd_shared)
  set(SEARCH_ZSTD_TARGET zstd::libzstd_shared)
else()
  pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
  set(SEARCH_ZSTD_TARGET PkgConfig::ZSTD)
endif()

# poppler-cpp reads the text layer of PDF minutes (libsearch/src/input).
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)

# libstemmer ships neither a CMake package nor a pkg-config file.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY NAMES stemmer REQUIRED)
add_library(search_stemmer INTERFACE IMPORTED)
target_include_directories(search_stemmer INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(search_stemmer INTERFACE ${STEMMER_LIBRARY})

if(SEARCH_BUILD_TOOLS OR SEARCH_BUILD_TESTS OR SEARCH_BUILD_BENCH)
  find_package(Boost 1.74 REQUIRED COMPONENTS program_options unit_test_framework)
  find_package(Xapian REQUIRED)
  add_library(search_xapian INTERFACE IMPORTED)
  target_include_directories(search_xapian INTERFACE ${XAPIAN_INCLUDE_DIR})
  target_link_libraries(search_xapian INTERFACE ${XAPIAN_LIBRARIES})
endif()
