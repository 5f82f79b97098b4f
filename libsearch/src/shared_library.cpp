// libsearch.so takes every object of the static library (linked whole); CMake wants at least
// one source of its own for the target, and this is it.
namespace search {}
