// CRC-32C (Castagnoli), the checksum of every index file: hardware instructions when the
// CPU has SSE 4.2 (chosen at run time), a slicing-by-8 table otherwise.
#pragma once

#include <cstddef>
#include <cstdint>

namespace search::index {

// Extends `crc` (0 for a fresh checksum) over `size` bytes at `data`.
std::uint32_t crc32c_extend(std::uint32_t crc, const void* data, std::size_t size);

inline std::uint32_t crc32c(const void* data, std::size_t size) {
  return crc32c_extend(0, data, size);
}

}  // namespace search::index
