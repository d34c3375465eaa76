# The runner and the mock allocate small, short-lived objects for every case (shrink trees,
# strings, headers, JSON). glibc's malloc spent about a sixth of a run's CPU on them
# (malloc_consolidate, _int_free); tcmalloc's per-thread caches cut `conform run --cases 10000`
# from 5.5 s to 3.9 s on this machine. The sanitizer and fuzz builds keep the system allocator,
# which their runtimes replace with their own.
option(CONFORM_TCMALLOC "Link the conform and conform_bench executables with tcmalloc" ON)

function(conform_allocator target)
  if(NOT CONFORM_TCMALLOC OR CONFORM_SANITIZE OR CONFORM_SANITIZE_THREAD OR CONFORM_FUZZ)
    return()
  endif()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(CONFORM_TCMALLOC_PC REQUIRED IMPORTED_TARGET libtcmalloc_minimal)
  target_link_libraries(${target} PRIVATE PkgConfig::CONFORM_TCMALLOC_PC)
endfunction()
