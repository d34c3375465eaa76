# libFuzzer builds (the fuzz preset, clang only): every object is instrumented for coverage and
# checked by ASan and UBSan; only the fuzz executables link libFuzzer's main (tests/fuzz).
option(CONFORM_FUZZ "Build only conform_core and the libFuzzer targets of tests/fuzz" OFF)
if(CONFORM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CONFORM_FUZZ needs clang (libFuzzer); configure with the fuzz preset")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
