// SEARCH_EXPORT marks the declarations that make up libsearch's public ABI. The shared
// library (libsearch.so) is built with hidden visibility, so only what carries this macro is
// exported; the static library (libsearch.a) ignores the distinction. Applied to classes
// (which exports their members, vtables and type info, so that search::Error can be caught
// across the library boundary) and to free functions.
#pragma once

#if defined(_WIN32)
#  if defined(SEARCH_BUILDING_SHARED)
#    define SEARCH_EXPORT __declspec(dllexport)
#  elif defined(SEARCH_USING_SHARED)
#    define SEARCH_EXPORT __declspec(dllimport)
#  else
#    define SEARCH_EXPORT
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define SEARCH_EXPORT __attribute__((visibility("default")))
#else
#  define SEARCH_EXPORT
#endif
