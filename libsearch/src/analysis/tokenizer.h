// The tokenizer behind search::Analyzer: a pull scanner over UTF-8 text that yields
// normalised word and number tokens, composite tokens (case numbers, dates, amounts,
// paragraph references) stacked on the position of their first part, and the expansions of
// hyphenated coordinations ("Børne- og Ungdomsudvalget" -> "børneudvalget").
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <search/analyzer.h>

namespace search::analysis {

class Lexicon;

struct TokenView {
  std::string_view text;  // valid until the next call of Tokenizer::next
  std::uint32_t position;
  std::uint32_t begin;
  std::uint32_t end;
  TokenKind kind;
  bool expansion;  // a coordination expansion, not a token of the text itself
};

// Tokens come out in non-decreasing position order; a composite comes right before the
// first token of its parts, at the same position. Not thread-safe (one per call).
class Tokenizer {
 public:
  // REQUIRES: text.size() and first_position + text.size() fit in 32 bits (checked by the
  // Analyzer). `lexicon` may be nullptr (no coordination expansion).
  Tokenizer(std::string_view text, const Lexicon* lexicon, std::uint32_t first_position);

  bool next(TokenView& token);

 private:
  struct Owned {
    std::string text;
    std::uint32_t position;
    std::uint32_t begin;
    std::uint32_t end;
    TokenKind kind;
    bool expansion;
    bool dangling;
  };

  bool scan(TokenView& token);
  void scan_raw();
  bool might_start_composite() const;
  bool match_composite(std::size_t at, std::uint32_t position);
  void buffer_coordination(const TokenView& first);
  void expand_coordination(const std::vector<std::size_t>& pending, const Owned& head);
  static Owned own(const TokenView& t, bool dangling);

  std::string_view text_;
  const Lexicon* lexicon_;
  std::size_t at_ = 0;                       // next byte to scan
  std::uint32_t position_;                   // position of the next raw token
  bool dangling_ = false;                    // the token last returned by scan() ended in
                                             // "- " (Børne- og)
  std::array<char, kMaxTokenBytes> word_{};  // text of the last raw token
  TokenView raw_{};                          // the last raw token (text in word_)
  bool raw_dangling_ = false;
  bool raw_pending_ = false;       // raw_ is still to be returned
  std::vector<Owned> composites_;  // composites found at the current start
  std::size_t composite_next_ = 0;
  std::vector<Owned> queue_;  // buffered tokens of a coordination
  std::size_t queue_next_ = 0;
};

}  // namespace search::analysis
