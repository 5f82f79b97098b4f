#include "analysis/tokenizer.h"

#include <array>

#include "analysis/composite.h"
#include "analysis/lexicon.h"
#include "analysis/unicode.h"

namespace search::analysis {
namespace {

// Longest run of tokens buffered while waiting for the head of a coordination
// ("Børne-, Unge-, Kultur- og Fritidsudvalget" needs 8).
constexpr std::size_t kMaxCoordinationTokens = 16;

bool is_ascii_letter(unsigned char b) { return (b | 0x20) >= 'a' && (b | 0x20) <= 'z'; }
bool is_ascii_digit(unsigned char b) { return b >= '0' && b <= '9'; }

bool is_conjunction(std::string_view w) { return w == "og" || w == "eller" || w == "samt"; }

// A hyphen that ends a word rather than joining two: "Børne- og", "Børne-, Unge-".
bool is_dangling_hyphen(std::string_view text, std::size_t at) {
  if (at >= text.size() || text[at] != '-') return false;
  if (at + 1 == text.size()) return true;
  const char c = text[at + 1];
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' ||
         text.substr(at + 1, 2) == "\xC2\xA0";
}

}  // namespace

Tokenizer::Tokenizer(std::string_view text, const Lexicon* lexicon, std::uint32_t first_position)
    : text_(text), lexicon_(lexicon), position_(first_position) {}

bool Tokenizer::next(TokenView& token) {
  if (queue_next_ < queue_.size()) {
    const Owned& o = queue_[queue_next_++];
    token = {o.text, o.position, o.begin, o.end, o.kind, o.expansion};
    return true;
  }
  queue_.clear();
  queue_next_ = 0;
  if (!scan(token)) return false;
  if (token.kind == TokenKind::kWord && dangling_ && lexicon_ != nullptr) {
    buffer_coordination(token);
    return next(token);
  }
  return true;
}

bool Tokenizer::scan(TokenView& token) {
  if (composite_next_ < composites_.size()) {
    const Owned& c = composites_[composite_next_++];
    token = {c.text, c.position, c.begin, c.end, c.kind, false};
    dangling_ = false;
    return true;
  }
  if (raw_pending_) {  // the first part of the composites just returned
    raw_pending_ = false;
    token = raw_;
    dangling_ = raw_dangling_;
    return true;
  }
  while (at_ < text_.size()) {
    const auto b = static_cast<unsigned char>(text_[at_]);
    std::size_t len = 1;
    CharClass cls = CharClass::kOther;
    if (b < 0x80) {
      cls = is_ascii_letter(b)  ? CharClass::kLetter
            : is_ascii_digit(b) ? CharClass::kDigit
                                : CharClass::kOther;
    } else {
      cls = char_class(decode_utf8(text_, at_, len));
    }
    if (cls == CharClass::kLetter || cls == CharClass::kDigit) {
      const std::size_t start = at_;
      scan_raw();
      if (might_start_composite() && match_composite(start, raw_.position)) {
        raw_pending_ = true;
        return scan(token);
      }
      token = raw_;
      dangling_ = raw_dangling_;
      return true;
    }
    if (b == 0xC2 && text_.substr(at_, 2) == "\xC2\xA7" && match_composite(at_, position_)) {
      at_ += 2;
      return scan(token);
    }
    at_ += len;
  }
  return false;
}

// Composites start with a number, a case-number prefix of at most six letters followed by
// "-" (EMN-2025-...) or a currency (kr. 500); every other token skips the matchers.
bool Tokenizer::might_start_composite() const {
  if (raw_.kind == TokenKind::kNumber) return true;
  const std::string_view w = raw_.text;
  if (w.size() <= 6 && raw_.end < text_.size() && text_[raw_.end] == '-') return true;
  return w == "kr" || w == "kroner" || w == "dkk";
}

bool Tokenizer::match_composite(std::size_t at, std::uint32_t position) {
  std::vector<Composite> found;
  match_composites(text_, at, found);
  if (found.empty()) return false;
  composites_.clear();
  composite_next_ = 0;
  for (auto& c : found) {
    composites_.push_back({std::move(c.text), position, static_cast<std::uint32_t>(at),
                           static_cast<std::uint32_t>(c.end), c.kind, false, false});
  }
  return true;
}

// The hot loop of indexing: one pass over the bytes of a token, lower-casing and composing
// into word_. ASCII takes the first branch; everything else is decoded and classified.
void Tokenizer::scan_raw() {
  char* const out = word_.data();
  std::size_t n = 0;
  bool letters = false;
  bool full = false;
  char32_t last = 0;        // last character appended (for composition and "1,5")
  std::size_t last_at = 0;  // its byte offset in word_
  auto append = [&](char32_t cp) {
    const std::size_t bytes = utf8_length(cp);
    if (full || bytes > kMaxTokenBytes - n) {  // n <= kMaxTokenBytes always
      full = true;
      return;
    }
    last_at = n;
    last = cp;
    if (cp < 0x80) {
      out[n++] = static_cast<char>(cp);
    } else {
      n += encode_utf8(cp, out + n);
    }
  };
  std::size_t j = at_;
  while (j < text_.size()) {
    const auto b = static_cast<unsigned char>(text_[j]);
    if (b < 0x80) {
      if (is_ascii_letter(b)) {
        append(b | 0x20);
        letters = true;
      } else if (is_ascii_digit(b) ||
                 ((b == '.' || b == ',') && last < 0x80 &&
                  is_ascii_digit(static_cast<unsigned char>(last)) && j + 1 < text_.size() &&
                  is_ascii_digit(static_cast<unsigned char>(text_[j + 1])))) {
        append(b);
      } else {
        break;
      }
      ++j;
      continue;
    }
    if (b == 0xC3 && j + 1 < text_.size()) {  // Latin-1 letters (æ ø å é ü): no decoding
      const auto c = static_cast<unsigned char>(text_[j + 1]);
      if ((c & 0xC0) == 0x80 && c != 0x97 && c != 0xB7) {  // not × ÷
        const char32_t cp = 0xC0 + (c & 0x3F);
        append(cp <= 0xDE ? cp + 0x20 : cp);
        letters = true;
        j += 2;
        continue;
      }
    }
    std::size_t len = 0;
    const char32_t cp = decode_utf8(text_, j, len);
    const CharClass cls = char_class(cp);
    if (cls == CharClass::kLetter) {
      if (const char* lig = expand_ligature(cp)) {
        for (; *lig != '\0'; ++lig) append(static_cast<unsigned char>(*lig));
      } else {
        append(to_lower(cp));
      }
      letters = true;
    } else if (cls == CharClass::kMark) {
      const char32_t composed = (full || last == 0) ? 0 : compose(last, cp);
      if (composed != 0) {
        n = last_at;
        append(composed);
      } else {
        append(cp);
      }
    } else if (cls != CharClass::kIgnorable) {
      break;
    }
    j += len;
  }
  raw_ = {std::string_view(out, n),
          position_++,
          static_cast<std::uint32_t>(at_),
          static_cast<std::uint32_t>(j),
          letters ? TokenKind::kWord : TokenKind::kNumber,
          false};
  raw_dangling_ = letters && is_dangling_hyphen(text_, j);
  at_ = j;
}

Tokenizer::Owned Tokenizer::own(const TokenView& t, bool dangling) {
  return {std::string(t.text), t.position, t.begin, t.end, t.kind, t.expansion, dangling};
}

// "Børne- og Ungdomsudvalget": buffers the tokens up to the head of the coordination so
// that the expansions can be put at the positions of the dangling words, keeping the
// output in position order.
void Tokenizer::buffer_coordination(const TokenView& first) {
  queue_.push_back(own(first, true));
  std::vector<std::size_t> pending{0};
  bool saw_conjunction = false;
  TokenView t{};
  while (queue_.size() < kMaxCoordinationTokens && scan(t)) {
    const bool dangling = t.kind == TokenKind::kWord && dangling_;
    queue_.push_back(own(t, dangling));
    if (t.kind != TokenKind::kWord) break;
    if (dangling) {
      pending.push_back(queue_.size() - 1);
      saw_conjunction = false;
    } else if (is_conjunction(t.text)) {
      saw_conjunction = true;
    } else {
      if (saw_conjunction) expand_coordination(pending, queue_.back());
      break;
    }
  }
}

void Tokenizer::expand_coordination(const std::vector<std::size_t>& pending, const Owned& head) {
  std::array<CompoundPart, kMaxCompoundParts> parts{};
  const std::size_t n = lexicon_->split(head.text, parts);
  if (n < 2) return;
  const std::string tail = head.text.substr(parts[n - 1].begin);
  const std::uint32_t end = head.end;
  for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
    Owned e = queue_[*it];
    if (e.text.size() + tail.size() > kMaxTokenBytes) continue;
    e.text += tail;
    e.end = end;
    e.expansion = true;
    e.dangling = false;
    queue_.insert(queue_.begin() + static_cast<std::ptrdiff_t>(*it) + 1, std::move(e));
  }
}

}  // namespace search::analysis
