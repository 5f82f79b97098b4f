// The query lexer: splits a query into words, phrases, field filters, parentheses and
// operators, one token at a time, in a single left-to-right pass.
#pragma once

#include <cstddef>
#include <string_view>

namespace search::query_internal {

enum class TokenType {
  kEnd,     // end of the query
  kWord,    // a bare word; text is the whole token
  kPhrase,  // "..."; text is what stands between the quotes
  kField,   // name:value or name:"value"; `name` is the field name; text the value. With
            // `group` set the value is a parenthesised group that follows as its own tokens.
  kLParen,  // (
  kRParen,  // )
  kOr,      // OR or |
  kAnd,     // AND
  kNot,     // NOT
  kMinus,   // a '-' directly in front of a word, phrase, field or '('
};

struct Token {
  TokenType type = TokenType::kEnd;
  std::size_t begin = 0;  // byte range of the whole token
  std::size_t end = 0;
  std::size_t text_begin = 0;  // byte range of the word, phrase content or field value
  std::size_t text_end = 0;
  std::size_t name_end = 0;  // kField: the name is [begin, name_end)
  bool quoted = false;       // kPhrase, or a kField whose value was quoted
  bool group = false;        // kField followed by '('
};

// Borrows `query`, which must outlive the lexer and have passed check_encoding().
class Lexer {
 public:
  explicit Lexer(std::string_view query) : query_(query) {}

  // Returns the next token. Throws QueryError for an unterminated quote or a '-' that is
  // not directly followed by something to exclude.
  Token next();

  // Continues lexing at byte `pos`, which must not be before the end of the last token.
  void skip_to(std::size_t pos) { pos_ = pos; }

 private:
  void skip_spaces();
  Token lex_quoted(std::size_t begin, TokenType type);
  Token lex_word(std::size_t begin);
  Token lex_field_value(Token token);
  bool starts_operand(std::size_t pos) const;

  std::string_view query_;
  std::size_t pos_ = 0;
};

}  // namespace search::query_internal
