#include "analyze.h"

#include <string_view>
#include <vector>

namespace search::cli {
namespace {

struct CollectedTerm {
  std::string term;
  std::uint32_t position;
  TermKind kind;
};

class CollectingSink : public TermSink {
 public:
  void term(std::string_view term, std::uint32_t position, TermKind kind) override {
    terms.push_back({std::string(term), position, kind});
  }
  std::vector<CollectedTerm> terms;
};

const char* term_kind_name(TermKind kind) {
  switch (kind) {
    case TermKind::kSurface:
      return "surface";
    case TermKind::kStem:
      return "stem";
    case TermKind::kFolded:
      return "folded";
    case TermKind::kCompoundPart:
      return "part";
  }
  return "?";
}

const char* token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord:
      return "word";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kCaseNumber:
      return "case_number";
    case TokenKind::kDate:
      return "date";
    case TokenKind::kAmount:
      return "amount";
    case TokenKind::kParagraph:
      return "paragraph";
  }
  return "?";
}

// The analyzer only emits valid UTF-8, so escaping quotes, backslashes and control
// characters is all JSON needs.
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    } else {
      out.push_back(c);
    }
  }
  return out + "\"";
}

// Terms of token i are the surface term that index_text emitted for it and everything after
// it up to the next surface term (index_text and tokenize walk the same token sequence).
std::vector<std::vector<CollectedTerm>> group_by_token(const std::vector<CollectedTerm>& terms) {
  std::vector<std::vector<CollectedTerm>> groups;
  for (const auto& t : terms) {
    if (t.kind == TermKind::kSurface || groups.empty()) groups.emplace_back();
    groups.back().push_back(t);
  }
  return groups;
}

int print_index_terms(const Analyzer& analyzer, const AnalyzeOptions& options, std::FILE* out) {
  CollectingSink sink;
  analyzer.index_text(options.text, options.field_prefix, 0, sink);
  const std::vector<Token> tokens = analyzer.tokenize(options.text);
  const auto groups = group_by_token(sink.terms);
  const double suspicion = analyzer.ocr_suspicion(options.text);
  if (options.json) {
    std::fprintf(out, "{\"tokens\":[");
    for (std::size_t i = 0; i < groups.size() && i < tokens.size(); ++i) {
      const Token& tok = tokens[i];
      std::fprintf(out,
                   "%s{\"position\":%u,\"begin\":%u,\"end\":%u,\"kind\":\"%s\",\"stopword\":%s,"
                   "\"terms\":[",
                   i ? "," : "", tok.position, tok.begin, tok.end, token_kind_name(tok.kind),
                   analyzer.is_stopword(tok.text) ? "true" : "false");
      for (std::size_t j = 0; j < groups[i].size(); ++j) {
        std::fprintf(out, "%s{\"term\":%s,\"kind\":\"%s\"}", j ? "," : "",
                     json_string(groups[i][j].term).c_str(), term_kind_name(groups[i][j].kind));
      }
      std::fprintf(out, "]}");
    }
    std::fprintf(out, "],\"ocr_suspicion\":%.4f,\"lexicon\":%s}\n", suspicion,
                 analyzer.has_lexicon() ? "true" : "false");
    return 0;
  }
  std::fprintf(out, "%-4s %-11s %-11s %-8s %s\n", "pos", "bytes", "token", "term", "");
  for (std::size_t i = 0; i < groups.size() && i < tokens.size(); ++i) {
    const Token& tok = tokens[i];
    const std::string bytes = std::to_string(tok.begin) + "-" + std::to_string(tok.end);
    for (std::size_t j = 0; j < groups[i].size(); ++j) {
      const CollectedTerm& t = groups[i][j];
      if (j == 0) {
        std::fprintf(out, "%-4u %-11s %-11s %-8s %s%s\n", tok.position, bytes.c_str(),
                     token_kind_name(tok.kind), term_kind_name(t.kind), t.term.c_str(),
                     analyzer.is_stopword(tok.text) ? "   (stop word)" : "");
      } else {
        std::fprintf(out, "%-28s %-8s %s\n", "", term_kind_name(t.kind), t.term.c_str());
      }
    }
  }
  std::fprintf(out, "ocr suspicion: %.3f%s\n", suspicion,
               analyzer.has_lexicon() ? "" : " (no lexicon: decompounding is off)");
  return 0;
}

int print_query_terms(const Analyzer& analyzer, const AnalyzeOptions& options, std::FILE* out) {
  const auto terms = analyzer.query_terms(options.text, options.field_prefix);
  if (options.json) {
    std::fprintf(out, "{\"query_terms\":[");
    for (std::size_t i = 0; i < terms.size(); ++i) {
      std::fprintf(out, "%s{\"term\":%s,\"kind\":\"%s\",\"weight\":%.2f,\"position\":%u}",
                   i ? "," : "", json_string(terms[i].term).c_str(), term_kind_name(terms[i].kind),
                   terms[i].weight, terms[i].position);
    }
    std::fprintf(out, "]}\n");
    return 0;
  }
  std::fprintf(out, "%-4s %-8s %-6s %s\n", "pos", "kind", "weight", "term");
  for (const auto& t : terms) {
    std::fprintf(out, "%-4u %-8s %-6.2f %s\n", t.position, term_kind_name(t.kind), t.weight,
                 t.term.c_str());
  }
  return 0;
}

}  // namespace

int run_analyze(const AnalyzeOptions& options, std::FILE* out) {
  const Analyzer analyzer(options.analyzer);
  return options.as_query ? print_query_terms(analyzer, options, out)
                          : print_index_terms(analyzer, options, out);
}

}  // namespace search::cli
