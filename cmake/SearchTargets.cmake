# Per-target settings for libsearch's own targets: warnings and sanitizers are set here,
# never in CMAKE_CXX_FLAGS, so that a parent project's flags are left alone.

function(search_target_defaults target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wno-missing-field-initializers>
    $<$<COMPILE_LANG_AND_ID:C,GNU,Clang>:-Wall -Wextra>)
  if(SEARCH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(SEARCH_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  if(SEARCH_TSAN)
    target_compile_options(${target} PRIVATE -fsanitize=thread -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=thread)
  endif()
endfunction()

# search_add_program(NAME SOURCES...): an executable written to build/bin.
function(search_add_program name)
  add_executable(${name} ${ARGN})
  search_target_defaults(${name})
endfunction()

# Programs print the project version.
add_compile_definitions(SEARCH_VERSION="${PROJECT_VERSION}")
