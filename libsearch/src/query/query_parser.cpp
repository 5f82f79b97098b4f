// A recursive-descent parser for the query language of search/query.h.
//
//   query   := or EOF
//   or      := and (("OR" | "|") and)*
//   and     := unary (["AND"] unary)*
//   unary   := ("NOT" | "-")* primary
//   primary := "(" or ")" | field ":" value | field ":" "(" or ")" | phrase | word
//
// Every token is looked at once and every node built once (flattening moves children at
// most once per parenthesis level, which the depth limit bounds), so parsing is linear in
// the length of the query. Recursion happens only at '(' and is bounded by
// QueryParserOptions::max_depth, so no input can exhaust the stack.
#include <search/error.h>
#include <search/query.h>

#include "query/committee_lookup.h"
#include "query/query_fields.h"
#include "query/query_lexer.h"
#include "query/query_text.h"

#include <string>
#include <utility>

namespace search {
namespace {

using query_internal::FieldSpec;
using query_internal::Lexer;
using query_internal::Token;
using query_internal::TokenType;

bool starts_operand(TokenType type) {
  return type == TokenType::kWord || type == TokenType::kPhrase || type == TokenType::kField ||
         type == TokenType::kLParen || type == TokenType::kNot || type == TokenType::kMinus;
}

class Parser {
 public:
  Parser(std::string_view query, const QueryParserOptions& options)
      : query_(query), options_(options), lexer_(query) {}

  QueryNode parse() {
    advance();
    if (token_.type == TokenType::kEnd) fail(0, "empty query: nothing to search for");
    QueryNode root = parse_or(nullptr, 0);
    if (token_.type == TokenType::kRParen) {
      fail(token_.begin, "unbalanced ')': no '(' before it");
    }
    if (token_.type != TokenType::kEnd) fail(token_.begin, "unexpected " + describe(token_));
    return root;
  }

 private:
  [[noreturn]] void fail(std::size_t position, const std::string& message) const {
    query_internal::fail(query_, position, message);
  }

  void advance() { token_ = lexer_.next(); }

  std::string_view source(std::size_t begin, std::size_t end) const {
    return query_.substr(begin, end - begin);
  }

  std::string describe(const Token& token) const {
    if (token.type == TokenType::kEnd) return "end of query";
    return query_internal::quoted(source(token.begin, token.end));
  }

  // `field` is the field of an enclosing "name:(...)" group, or nullptr.
  QueryNode parse_or(const FieldSpec* field, std::size_t depth) {
    QueryNode first = parse_and(field, depth);
    if (token_.type != TokenType::kOr) return first;
    QueryNode node = make_operator(QueryOp::kOr, std::move(first));
    while (token_.type == TokenType::kOr) {
      const Token op = token_;
      advance();
      if (!starts_operand(token_.type)) {
        fail(op.begin, describe(op) + " needs something to search for on its right, found " +
                           describe(token_));
      }
      append(node, parse_and(field, depth));
    }
    return node;
  }

  QueryNode parse_and(const FieldSpec* field, std::size_t depth) {
    check_operand_start();
    QueryNode node = make_operator(QueryOp::kAnd, parse_unary(field, depth));
    for (;;) {
      if (token_.type == TokenType::kAnd) {
        const Token op = token_;
        advance();
        if (!starts_operand(token_.type)) {
          fail(op.begin,
               "'AND' needs something to search for on its right, found " + describe(token_));
        }
      } else if (!starts_operand(token_.type)) {
        break;
      }
      append(node, parse_unary(field, depth));
    }
    check_not_only_exclusions(node);
    return unwrap(std::move(node));
  }

  // Reports a binary operator or ')' where an operand must start.
  void check_operand_start() const {
    if (starts_operand(token_.type)) return;
    if (token_.type == TokenType::kOr || token_.type == TokenType::kAnd) {
      fail(token_.begin, describe(token_) + " needs something to search for on its left");
    }
    fail(token_.begin, "expected a word, phrase, field or '(' but found " + describe(token_));
  }

  // A conjunction must search for something; exclusions alone would need the set of all
  // documents, which the language does not offer (write a term or filter beside them).
  void check_not_only_exclusions(const QueryNode& conjunction) const {
    for (const QueryNode& child : conjunction.children) {
      if (child.op != QueryOp::kNot) return;
    }
    const QueryNode& first = conjunction.children.front();
    fail(first.begin, "nothing to search for besides the exclusion " +
                          query_internal::quoted(source(first.begin, first.end)) +
                          ": a query, each side of OR and each group need a word, phrase or "
                          "filter that is not negated");
  }

  QueryNode parse_unary(const FieldSpec* field, std::size_t depth) {
    std::size_t negations = 0;
    std::size_t begin = token_.begin;
    while (token_.type == TokenType::kNot || token_.type == TokenType::kMinus) {
      const Token op = token_;
      advance();
      if (!starts_operand(token_.type)) {
        fail(op.begin, "'NOT' must be followed by the word, phrase or group to exclude, found " +
                           describe(token_));
      }
      ++negations;
    }
    QueryNode operand = parse_primary(field, depth);
    if (negations % 2 == 0) return operand;  // NOT NOT x is x
    QueryNode node;
    node.op = QueryOp::kNot;
    node.begin = begin;
    node.end = operand.end;
    node.children.push_back(std::move(operand));
    return node;
  }

  QueryNode parse_primary(const FieldSpec* field, std::size_t depth) {
    const Token token = token_;
    switch (token.type) {
      case TokenType::kLParen:
        return parse_group(field, depth);
      case TokenType::kWord:
      case TokenType::kPhrase:
        advance();
        return make_leaf(field, token);
      case TokenType::kField:
        return parse_field(field, depth);
      default:
        check_operand_start();
        fail(token.begin, "unexpected " + describe(token));
    }
  }

  QueryNode parse_group(const FieldSpec* field, std::size_t depth) {
    return parse_group(field, depth, token_.begin);
  }

  QueryNode parse_group(const FieldSpec* field, std::size_t depth, std::size_t group_begin) {
    const Token open = token_;
    if (depth + 1 > options_.max_depth) {
      fail(open.begin, "parentheses nested deeper than the limit of " +
                           std::to_string(options_.max_depth) + " levels");
    }
    advance();
    if (token_.type == TokenType::kRParen) fail(open.begin, "empty parentheses '()'");
    if (token_.type == TokenType::kEnd) fail(open.begin, "unbalanced '(': no ')' closes it");
    QueryNode node = parse_or(field, depth + 1);
    if (token_.type != TokenType::kRParen) fail(open.begin, "unbalanced '(': no ')' closes it");
    if (node.op == QueryOp::kAnd || node.op == QueryOp::kOr) {
      node.begin = group_begin;  // the parentheses, and "name:" of a field group
      node.end = token_.end;
    }
    advance();
    return node;
  }

  QueryNode parse_field(const FieldSpec* enclosing, std::size_t depth) {
    const Token token = token_;
    const std::string_view name = source(token.begin, token.name_end);
    const FieldSpec* field = query_internal::find_field(name);
    if (field == nullptr) fail_unknown_field(token, name);
    if (enclosing != nullptr) {
      fail(token.begin, "field " + query_internal::quoted(std::string(name) + ":") +
                            " inside the group of field '" + std::string(enclosing->canonical) +
                            ":'; give each field its own filter");
    }
    const Token value = extend_committee_name(*field, token);
    advance();
    if (value.group) return parse_group(field, depth, value.begin);
    if (value.text_begin == value.text_end && !value.quoted) {
      fail(value.text_begin,
           "empty value for field " + query_internal::quoted(std::string(name) + ":"));
    }
    return make_leaf(field, value);
  }

  // Committee names have spaces ("Voksen- og Plejeudvalget"). When a bare committee value is
  // not in the table but the value and the next few bare words are, take them all: the
  // user meant the committee, and the words alone would give a filter that matches nothing.
  Token extend_committee_name(const FieldSpec& field, Token token) {
    constexpr int kMaxExtraWords = 5;
    if ((field.op != QueryOp::kCommittee && field.op != QueryOp::kRoute) || token.quoted ||
        token.group || token.text_begin == token.text_end || !options_.resolve_committees ||
        query_internal::lookup_committee(source(token.text_begin, token.text_end))) {
      return token;
    }
    std::size_t pos = token.text_end;
    for (int word = 0; word < kMaxExtraWords; ++word) {
      while (const std::size_t length = query_internal::space_length(query_, pos)) pos += length;
      const std::size_t word_begin = pos;
      while (!query_internal::is_delimiter(query_, pos)) ++pos;
      const std::string_view next = source(word_begin, pos);
      if (next.empty() || next == "OR" || next == "AND" || next == "NOT" || next[0] == '-' ||
          next.find_first_of(":*") != std::string_view::npos) {
        break;
      }
      if (query_internal::lookup_committee(source(token.text_begin, pos))) {
        token.text_end = token.end = pos;
        lexer_.skip_to(pos);
      }
    }
    return token;
  }

  [[noreturn]] void fail_unknown_field(const Token& token, std::string_view name) const {
    std::string message = "unknown field " + query_internal::quoted(std::string(name) + ":");
    if (const std::string_view near = query_internal::suggest_field(name); !near.empty()) {
      message += "; did you mean '" + std::string(near) + ":'?";
    } else {
      message += "; known fields: " + std::string(query_internal::field_list());
      message += " (quote the text to search for it: \"" + std::string(name) + ":...\")";
    }
    fail(token.begin, message);
  }

  // A word or phrase, either free text or the value of `field` (given by "field:value" or
  // by an enclosing "field:(...)").
  QueryNode make_leaf(const FieldSpec* field, const Token& token) {
    if (++leaves_ > options_.max_terms) {
      fail(token.begin,
           "more than " + std::to_string(options_.max_terms) + " terms, the limit for one query");
    }
    QueryNode leaf;
    leaf.begin = token.begin;
    leaf.end = token.end;
    leaf.text_begin = token.text_begin;
    leaf.text = std::string(source(token.text_begin, token.text_end));
    if (field == nullptr || field->is_title) {
      leaf.field = field == nullptr ? TextField::kAll : TextField::kTitle;
      make_text(leaf, token.quoted);
      return leaf;
    }
    leaf.op = field->op;
    if (!token.quoted && leaf.text.find('*') != std::string::npos) {
      fail(token.text_begin + leaf.text.find('*'),
           "wildcards are allowed in words and titel: only, not in " +
               query_internal::quoted(source(token.begin, token.end)));
    }
    query_internal::normalise_filter(query_, leaf, options_);
    return leaf;
  }

  void make_text(QueryNode& leaf, bool quoted) const {
    if (quoted) {
      leaf.op = QueryOp::kPhrase;
      if (query_internal::collapse_spaces(leaf.text, ' ').empty()) {
        fail(leaf.begin, "empty phrase " + query_internal::quoted(source(leaf.begin, leaf.end)));
      }
      return;
    }
    const std::size_t star = leaf.text.find('*');
    if (star == std::string::npos) {
      leaf.op = QueryOp::kTerm;
      return;
    }
    if (star + 1 != leaf.text.size()) {
      fail(leaf.text_begin + star, "'*' is allowed only at the end of a word, not inside " +
                                       query_internal::quoted(leaf.text));
    }
    leaf.text.pop_back();
    if (query_internal::count_chars(leaf.text) < options_.min_prefix_chars) {
      fail(leaf.text_begin, "wildcard " + query_internal::quoted(leaf.text + "*") +
                                " needs at least " + std::to_string(options_.min_prefix_chars) +
                                " characters before '*'");
    }
    leaf.op = QueryOp::kPrefix;
  }

  static QueryNode make_operator(QueryOp op, QueryNode first) {
    QueryNode node;
    node.op = op;
    node.begin = first.begin;
    node.end = first.end;
    append(node, std::move(first));
    return node;
  }

  // Adds `child` to the kAnd/kOr `node`, splicing in the children of a child of the same op
  // ("(a b) c" is "a b c").
  static void append(QueryNode& node, QueryNode child) {
    node.end = child.end;
    if (child.op != node.op) {
      node.children.push_back(std::move(child));
      return;
    }
    for (QueryNode& grandchild : child.children) node.children.push_back(std::move(grandchild));
  }

  static QueryNode unwrap(QueryNode node) {
    if (node.children.size() != 1) return node;
    return std::move(node.children.front());
  }

  std::string_view query_;
  const QueryParserOptions& options_;
  Lexer lexer_;
  Token token_;
  std::size_t leaves_ = 0;
};

}  // namespace

QueryNode parse_query(std::string_view query, const QueryParserOptions& options) {
  if (query.size() > options.max_query_bytes) {
    query_internal::fail(query, options.max_query_bytes,
                         "query of " + std::to_string(query.size()) +
                             " bytes is longer than the limit of " +
                             std::to_string(options.max_query_bytes) + " bytes");
  }
  query_internal::check_encoding(query);
  return Parser(query, options).parse();
}

}  // namespace search
