# Install rules and the Debian package (CPack), and the version `conform --version` prints.
# Everything installed sits under GNUInstallDirs paths; the binary finds its specs relative to
# itself (app/spec_files.cpp), so the installed tree can be moved and never reads the build tree.
include(GNUInstallDirs)

set(CONFORM_DATA_DIR ${CMAKE_INSTALL_DATADIR}/conform)

# The path from the installed executable's folder to the installed specs, e.g. ../share/conform/specs.
cmake_path(RELATIVE_PATH CONFORM_DATA_DIR BASE_DIRECTORY ${CMAKE_INSTALL_BINDIR}
           OUTPUT_VARIABLE conform_specs_from_bin)
set_source_files_properties(${PROJECT_SOURCE_DIR}/app/spec_files.cpp PROPERTIES COMPILE_DEFINITIONS
                            "CONFORM_INSTALLED_SPECS_DIR=\"${conform_specs_from_bin}/specs\"")

# The project version plus `git describe` when there is a git checkout, read at configure time
# (scripts/package.sh configures before every package). Only main.cpp sees it, so a new commit
# recompiles one file, not the library.
set(CONFORM_VERSION_DESCRIBED ${PROJECT_VERSION})
find_package(Git QUIET)
if(GIT_FOUND)
  # A source tarball unpacked inside some other checkout must not take that checkout's name.
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --show-toplevel
                  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                  OUTPUT_VARIABLE conform_git_top OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --tags --always --dirty
                  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                  OUTPUT_VARIABLE conform_git_describe OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE conform_git_result ERROR_QUIET)
  file(REAL_PATH "${PROJECT_SOURCE_DIR}" conform_source_real)
  if(conform_git_result EQUAL 0 AND conform_git_describe AND conform_git_top STREQUAL
                                                             conform_source_real)
    string(APPEND CONFORM_VERSION_DESCRIBED " (git ${conform_git_describe})")
  endif()
endif()
set_source_files_properties(${PROJECT_SOURCE_DIR}/app/main.cpp PROPERTIES COMPILE_DEFINITIONS
                            "CONFORM_VERSION_DESCRIBED=\"${CONFORM_VERSION_DESCRIBED}\"")

install(TARGETS conform RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/specs/ DESTINATION ${CONFORM_DATA_DIR}/specs)
# The report formats' schemas, for consumers that validate junit.xml or results.json; the binary
# embeds its own copies and the HTML report has no external assets.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/reports/schema/ DESTINATION ${CONFORM_DATA_DIR}/reports/schema)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/ci-examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/ci-examples)
# conform.1 is written from the installed binary's own --help at install time, so it cannot
# drift from the CLI and costs the dev build nothing.
install(CODE "
  execute_process(COMMAND \${CMAKE_COMMAND} -DCONFORM=$<TARGET_FILE:conform>
                          -DOUT=${CMAKE_CURRENT_BINARY_DIR}/conform.1
                          -DVERSION=${PROJECT_VERSION}
                          -P ${PROJECT_SOURCE_DIR}/cmake/ConformManPage.cmake
                  RESULT_VARIABLE man_result)
  if(NOT man_result EQUAL 0)
    message(FATAL_ERROR \"conform.1 could not be written\")
  endif()
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_MANDIR}/man1\" TYPE FILE
       FILES ${CMAKE_CURRENT_BINARY_DIR}/conform.1)")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME conform)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "contract-testing and conformance suite for cloud RPC APIs")
set(CPACK_PACKAGE_CONTACT "conform maintainers <conform@localhost>")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Runtime dependencies are the Debian packages of the shared libraries the binary links, as
# dpkg-shlibdeps (dpkg-dev) finds them; without it, the same list written out for Debian 12.
find_program(CONFORM_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(CONFORM_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  string(JOIN ", " CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= 2.34)" "libcurl4 (>= 7.66.0)"
         "libgcc-s1 (>= 3.0)" "libpugixml1v5 (>= 1.7)" "libssl3 (>= 3.0.0)" "libstdc++6 (>= 11)")
endif()
include(CPack)
