#include "query/query_lexer.h"

#include "query/query_text.h"

namespace search::query_internal {
namespace {

// A field name is letters only: ASCII letters or any non-ASCII character (å in "år").
bool is_name_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || byte >= 0x80;
}

}  // namespace

Token Lexer::next() {
  skip_spaces();
  const std::size_t begin = pos_;
  if (pos_ >= query_.size()) return Token{TokenType::kEnd, begin, begin};
  const char c = query_[pos_];
  if (c == '(' || c == ')' || c == '|') {
    ++pos_;
    const TokenType type =
        c == '(' ? TokenType::kLParen : (c == ')' ? TokenType::kRParen : TokenType::kOr);
    return Token{type, begin, pos_};
  }
  if (quote_length(query_, pos_) > 0) return lex_quoted(begin, TokenType::kPhrase);
  if (c == '-') {
    if (!starts_operand(pos_ + 1)) {
      fail(query_, begin, "'-' must be directly followed by the word, phrase or group to exclude");
    }
    ++pos_;
    return Token{TokenType::kMinus, begin, pos_};
  }
  return lex_word(begin);
}

void Lexer::skip_spaces() {
  while (const std::size_t length = space_length(query_, pos_)) pos_ += length;
}

bool Lexer::starts_operand(std::size_t pos) const {
  if (pos >= query_.size()) return false;
  return query_[pos] == '(' || !is_delimiter(query_, pos) || quote_length(query_, pos) > 0;
}

// A phrase or quoted field value starting at the quotation mark at pos_.
Token Lexer::lex_quoted(std::size_t begin, TokenType type) {
  const std::size_t open = pos_;
  pos_ += quote_length(query_, pos_);
  const std::size_t text_begin = pos_;
  while (pos_ < query_.size() && closing_quote_length(query_, pos_) == 0) ++pos_;
  if (pos_ >= query_.size()) {
    fail(query_, open,
         "unterminated quote: the " + quoted(query_.substr(open, text_begin - open)) +
             " opened here has no closing quotation mark");
  }
  Token token{type, begin, 0, text_begin, pos_};
  pos_ += closing_quote_length(query_, pos_);
  token.end = pos_;
  token.quoted = true;
  return token;
}

Token Lexer::lex_word(std::size_t begin) {
  std::size_t name_end = begin;
  while (!is_delimiter(query_, name_end) && is_name_byte(query_[name_end])) ++name_end;
  if (name_end > begin && name_end < query_.size() && query_[name_end] == ':') {
    Token field{TokenType::kField, begin, 0};
    field.name_end = name_end;
    pos_ = name_end + 1;
    return lex_field_value(field);
  }
  while (!is_delimiter(query_, pos_)) ++pos_;
  const std::string_view word = query_.substr(begin, pos_ - begin);
  TokenType type = TokenType::kWord;
  if (word == "OR") type = TokenType::kOr;
  if (word == "AND") type = TokenType::kAnd;
  if (word == "NOT") type = TokenType::kNot;
  return Token{type, begin, pos_, begin, pos_};
}

// The value after "name:": quoted, a group in parentheses, or bare up to the next delimiter.
// An empty value is left for the parser to report, as it knows the field.
Token Lexer::lex_field_value(Token field) {
  if (quote_length(query_, pos_) > 0) {
    const Token value = lex_quoted(pos_, TokenType::kField);
    field.text_begin = value.text_begin;
    field.text_end = value.text_end;
    field.end = value.end;
    field.quoted = true;
    return field;
  }
  field.group = pos_ < query_.size() && query_[pos_] == '(';
  field.text_begin = pos_;
  if (!field.group) {
    while (!is_delimiter(query_, pos_)) ++pos_;
  }
  field.text_end = pos_;
  field.end = pos_;
  return field;
}

}  // namespace search::query_internal
