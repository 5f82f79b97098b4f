# Install rules: public headers, libsearch.a and libsearch.so.0, the CMake package
# (find_package(libsearch CONFIG) -> libsearch::search, libsearch::search_static) and
# libsearch.pc. Paths are relative to the prefix, so `cmake --install --prefix` anywhere works.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(SEARCH_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/libsearch)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/libsearch/include/search
                  ${PROJECT_SOURCE_DIR}/bindings/c/include/search
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")

set(search_installed_targets search)
if(TARGET search_shared)
  list(APPEND search_installed_targets search_shared)
endif()
install(TARGETS ${search_installed_targets} EXPORT libsearchTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_COMPONENT Development
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT libsearchTargets NAMESPACE libsearch:: DESTINATION ${SEARCH_CMAKE_DIR})
# The same targets for a project that uses this build tree without installing.
export(EXPORT libsearchTargets NAMESPACE libsearch::
       FILE ${PROJECT_BINARY_DIR}/libsearchTargets.cmake)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/libsearchConfig.cmake.in
  ${PROJECT_BINARY_DIR}/libsearchConfig.cmake INSTALL_DESTINATION ${SEARCH_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/libsearchConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/libsearchConfig.cmake
              ${PROJECT_BINARY_DIR}/libsearchConfigVersion.cmake
        DESTINATION ${SEARCH_CMAKE_DIR})

# pkg-config: the prefix is found from the .pc file's own place (${pcfiledir}).
file(RELATIVE_PATH SEARCH_PC_TO_PREFIX /root/${CMAKE_INSTALL_LIBDIR}/pkgconfig /root)
configure_file(${PROJECT_SOURCE_DIR}/cmake/libsearch.pc.in ${PROJECT_BINARY_DIR}/libsearch.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/libsearch.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
