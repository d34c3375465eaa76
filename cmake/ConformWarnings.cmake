# One place that decides how strict the compiler is with our own code, so every target gets the
# same warnings and -Werror; third-party headers come in as SYSTEM and stay quiet.
option(CONFORM_WERROR "Treat warnings as errors on conform's own targets" ON)

function(conform_strict target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wsign-conversion -Wnon-virtual-dtor -Wold-style-cast
                                           -Wcast-align -Woverloaded-virtual
                                           -Wformat=2 -Wimplicit-fallthrough)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports std::string concatenation at -O3 as overlapping memcpy (GCC bug 105329).
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(CONFORM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
