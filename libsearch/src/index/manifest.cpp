// MNFT body: generation u64 | next_segment u64 | segment_count varint |
//            per segment: name (varint length + bytes) | id u64 | doc_count varint |
//                         deleted_count varint | tombstone file name (varint length + bytes)
// TOMB body: doc_count u32 | deleted_count u32 | bitset u64 * ceil(doc_count / 64)
//            (bit d of word d / 64 set = docid d deleted)
#include "index/manifest.h"

#include <algorithm>
#include <bit>
#include <cstdio>

#include <search/error.h>

#include "index/file_format.h"

namespace search::index {
namespace {

constexpr std::string_view kManifestPrefix = "MANIFEST-";

}  // namespace

std::string manifest_file_name(std::uint64_t generation) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "MANIFEST-%010llu", static_cast<unsigned long long>(generation));
  return buf;
}

std::string segment_name(std::uint64_t number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "s%06llu", static_cast<unsigned long long>(number));
  return buf;
}

std::string tombstone_file_name(const std::string& segment, std::uint64_t generation) {
  return segment + "." + std::to_string(generation) + ".del";
}

std::vector<std::uint64_t> list_generations(Env* env, const std::string& dir) {
  std::vector<std::uint64_t> generations;
  for (const auto& name : env->list_dir(dir)) {
    if (name.size() <= kManifestPrefix.size() || name.compare(0, kManifestPrefix.size(), kManifestPrefix) != 0) continue;
    std::string digits = name.substr(kManifestPrefix.size());
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    generations.push_back(std::stoull(digits));
  }
  std::sort(generations.begin(), generations.end());
  return generations;
}

Manifest read_manifest(Env* env, const std::string& dir, std::uint64_t generation) {
  auto file = FileView::open(env, dir + "/" + manifest_file_name(generation), "MNFT");
  file->verify_all();
  Cursor c = file->cursor(0, file->body_size());
  Manifest m;
  m.generation = c.u64();
  m.next_segment = c.u64();
  if (m.generation != generation) c.fail("holds generation " + std::to_string(m.generation));
  std::uint64_t count = c.varint();
  if (count > c.remaining()) c.fail("bad segment count");
  for (std::uint64_t i = 0; i < count; ++i) {
    SegmentEntry e;
    e.name = std::string(c.length_prefixed());
    e.id = c.u64();
    e.doc_count = c.varint32();
    e.deleted_count = c.varint32();
    e.tombstones = std::string(c.length_prefixed());
    if (e.name.empty() || e.name.find('/') != std::string::npos || e.tombstones.find('/') != std::string::npos ||
        e.deleted_count > e.doc_count) {
      c.fail("bad segment entry " + std::to_string(i));
    }
    m.segments.push_back(std::move(e));
  }
  if (!c.at_end()) c.fail("trailing bytes");
  return m;
}

void write_manifest(Env* env, const std::string& dir, const Manifest& m) {
  std::string body;
  put_u64(body, m.generation);
  put_u64(body, m.next_segment);
  put_varint(body, m.segments.size());
  for (const auto& e : m.segments) {
    put_bytes(body, e.name);
    put_u64(body, e.id);
    put_varint(body, e.doc_count);
    put_varint(body, e.deleted_count);
    put_bytes(body, e.tombstones);
  }
  std::string final_path = dir + "/" + manifest_file_name(m.generation);
  std::string temp_path = final_path + ".tmp";
  FileBuilder file(env, temp_path, "MNFT");
  file.append(body);
  file.finish();  // fsyncs
  env->rename_file(temp_path, final_path);
  env->sync_dir(dir);
}

bool Tombstones::remove(std::uint32_t doc) {
  std::uint64_t bit = 1ull << (doc & 63);
  if (words_[doc >> 6] & bit) return false;
  words_[doc >> 6] |= bit;
  ++deleted_;
  return true;
}

Tombstones Tombstones::read(Env* env, const std::string& path, std::uint32_t doc_count, std::uint64_t segment_id,
                            const std::string& manifest) {
  auto file = FileView::open(env, path, "TOMB");
  file->expect_segment(segment_id, manifest);
  file->verify_all();
  Cursor c = file->cursor(0, file->body_size());
  Tombstones t(c.u32());
  if (t.doc_count_ != doc_count) c.fail("covers " + std::to_string(t.doc_count_) + " docs, the segment has " + std::to_string(doc_count));
  std::uint32_t deleted = c.u32();
  for (auto& w : t.words_) {
    w = c.u64();
    t.deleted_ += static_cast<std::uint32_t>(std::popcount(w));
  }
  if (!c.at_end()) c.fail("trailing bytes");
  if (!t.words_.empty() && (doc_count & 63) != 0 && (t.words_.back() >> (doc_count & 63)) != 0) {
    c.fail("deletes docids past the end of the segment");
  }
  if (deleted != t.deleted_) c.fail("deleted count does not match the bitset");
  return t;
}

void Tombstones::write(Env* env, const std::string& path, std::uint64_t segment_id) const {
  std::string body;
  put_u32(body, doc_count_);
  put_u32(body, deleted_);
  for (auto w : words_) put_u64(body, w);
  FileBuilder file(env, path, "TOMB", segment_id);
  file.append(body);
  file.finish();
}

}  // namespace search::index
